package dev.cidrstudio.app;

import dev.cidrstudio.io.manifest.Decoded;
import dev.cidrstudio.io.manifest.ManifestDecoder;
import dev.cidrstudio.io.manifest.ManifestException;
import dev.cidrstudio.io.manifest.Problem;
import dev.cidrstudio.io.yaml.Mark;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterConfigException;
import dev.cidrstudio.model.cluster.ClusterSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens a plan: the Cluster settings document starts a fresh simulated cluster, and the Kubernetes objects after it
 * are created in order, as if applied, through the one entry point. Objects the cluster refuses are reported with
 * file, line and Kubernetes' own message, and the rest of the plan still loads.
 */
public final class PlanLoader {

    /** The opened cluster and what went wrong on the way. */
    public record Result(ApiServer api, List<Problem> problems) {
    }

    private PlanLoader() {
    }

    public static Result load(String source, String text) throws ManifestException {
        List<Decoded> docs = ManifestDecoder.decodeAll(source, text);
        ClusterSettings settings = ClusterSettings.defaults();
        int start = 0;
        if (!docs.isEmpty() && docs.get(0) instanceof Decoded.Cluster c) {
            settings = c.settings();
            start = 1;
        }
        List<Problem> problems = new ArrayList<>();
        for (int i = start; i < docs.size(); i++) {
            if (docs.get(i) instanceof Decoded.Cluster c) {
                problems.add(new Problem(source, c.mark(), "kind", "only the first document may be the Cluster "
                        + "settings", null));
            }
        }
        ApiServer api;
        try {
            api = ApiServer.bootstrap(settings);
        } catch (ClusterConfigException e) {
            Mark m = start == 1 ? docs.get(0).mark() : new Mark(1, 1);
            List<Problem> fatal = new ArrayList<>();
            for (String err : e.errors()) {
                fatal.add(new Problem(source, m, "spec.serviceClusterIPRange", err, null));
            }
            throw new ManifestException(fatal);
        }
        for (int i = start; i < docs.size(); i++) {
            Decoded d = docs.get(i);
            if (d instanceof Decoded.Object o) {
                try {
                    var obj = o.object();
                    if (obj.kind().namespaced() && (obj.namespace() == null || obj.namespace().isEmpty())) {
                        obj = obj.withMeta(obj.meta().withNamespace("default"));
                    }
                    api.create(obj);
                } catch (ApiException e) {
                    problems.add(new Problem(source, d.mark(), "", e.status().message(), e.status().message()));
                }
            } else if (d instanceof Decoded.Other other) {
                problems.add(new Problem(source, d.mark(), "kind", "kept, not modelled: " + other.kind(), null));
            }
        }
        return new Result(api, problems);
    }
}
