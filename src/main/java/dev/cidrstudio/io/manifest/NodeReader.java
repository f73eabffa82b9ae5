package dev.cidrstudio.io.manifest;

import dev.cidrstudio.io.yaml.PNode.PMap;
import java.util.List;

/** Reads a Node document's pod CIDRs ({@code spec.podCIDR} and {@code spec.podCIDRs}) with their types checked. */
public final class NodeReader {

    private NodeReader() {
    }

    /** The two fields as written. */
    public record PodCidrFields(String podCidr, List<String> podCidrs) {
    }

    public static PodCidrFields read(Decoded.Other doc) throws ManifestException {
        Fields f = new Fields(doc.source(), "Node in version \"v1\" cannot be handled as a Node: ");
        PMap spec = f.map(doc.raw(), "spec", "", "Node");
        String podCidr = null;
        List<String> podCidrs = null;
        if (spec != null) {
            podCidr = f.str(spec, "podCIDR", "spec", "NodeSpec");
            podCidrs = f.strList(spec, "podCIDRs", "spec", "NodeSpec");
        }
        if (!f.problems.isEmpty()) {
            throw new ManifestException(f.problems);
        }
        return new PodCidrFields(podCidr, podCidrs == null ? List.of() : podCidrs);
    }
}
