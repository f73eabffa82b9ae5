package dev.cidrstudio.io.manifest;

import dev.cidrstudio.io.yaml.Mark;
import dev.cidrstudio.io.yaml.PNode.PMap;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.cluster.ClusterSettings;

/** One decoded document of a manifest file. */
public sealed interface Decoded permits Decoded.Object, Decoded.Cluster, Decoded.Other {

    String source();

    Mark mark();

    /** A kind the model knows. */
    record Object(KubeObject object, PMap raw, String source, Mark mark) implements Decoded {
    }

    /** CIDR Studio's own Cluster settings document. */
    record Cluster(ClusterSettings settings, PMap raw, String source, Mark mark) implements Decoded {
    }

    /** Any other kind: kept as written, not modelled. */
    record Other(String apiVersion, String kind, String namespace, String name, PMap raw, String source, Mark mark)
            implements Decoded {
    }
}
