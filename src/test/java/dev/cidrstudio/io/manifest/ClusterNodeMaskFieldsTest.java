package dev.cidrstudio.io.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cidrstudio.model.cluster.ClusterSettings;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Cluster document's node masks: {@code nodeCIDRMaskSizeIPv4} and {@code nodeCIDRMaskSizeIPv6} beside
 * {@code clusterCIDR} (the older {@code nodeCIDRMaskSize: {ipv4, ipv6}} still read), checked as
 * kube-controller-manager checks its flags, each problem at FILE:LINE:COL with its field.
 */
class ClusterNodeMaskFieldsTest {

    private static String plan(String specLines) {
        return "apiVersion: cidrstudio.dev/v1alpha1\nkind: Cluster\nmetadata:\n  name: demo\nspec:\n" + specLines;
    }

    private static ClusterSettings read(String text) throws ManifestException {
        return ((Decoded.Cluster) ManifestDecoder.decodeAll("plan.yaml", text).get(0)).settings();
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("defaults /24 and /64", "  clusterCIDR: 10.244.0.0/16\n", 24, 64),
                Arguments.of("the new fields", "  clusterCIDR: 10.244.0.0/16,fd00:10:244::/56\n"
                        + "  nodeCIDRMaskSizeIPv4: 26\n  nodeCIDRMaskSizeIPv6: 72\n", 26, 72),
                Arguments.of("the older form", "  clusterCIDR: 10.244.0.0/16\n"
                        + "  nodeCIDRMaskSize: {ipv4: 25, ipv6: 80}\n", 25, 80),
                Arguments.of("a mask for a family the cluster does not have is kept",
                        "  clusterCIDR: 10.244.0.0/16\n  nodeCIDRMaskSizeIPv6: 120\n", 24, 120),
                Arguments.of("an IPv6 node mask exactly 16 bits longer", "  clusterCIDR: fd00:10:244::/48\n", 24, 64),
                Arguments.of("node mask equal to the cluster mask", "  clusterCIDR: 10.244.0.0/24\n", 24, 64));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void accepted(String name, String spec, int v4, int v6) throws ManifestException {
        ClusterSettings s = read(plan(spec));
        assertEquals(v4, s.nodeCIDRMaskSizeIPv4());
        assertEquals(v6, s.nodeCIDRMaskSizeIPv6());
    }

    static Stream<Arguments> refused() {
        String shorter = "kube-controller-manager would not start: Controller: Invalid --cluster-cidr, mask size of "
                + "cluster CIDR must be less than or equal to --node-cidr-mask-size configured for CIDR family";
        String tooBig = "kube-controller-manager would not start: New CIDR set failed; the node CIDR size is too big";
        return Stream.of(
                Arguments.of("an IPv4 mask shorter than the cluster CIDR's",
                        "  clusterCIDR: 10.244.0.0/16\n  nodeCIDRMaskSizeIPv4: 12\n",
                        "plan.yaml:7:25: spec.nodeCIDRMaskSizeIPv4: " + shorter),
                Arguments.of("the default mask is blamed on the cluster CIDR",
                        "  clusterCIDR: 10.244.0.0/25\n", "plan.yaml:6:16: spec.clusterCIDR: " + shorter),
                Arguments.of("IPv6 node mask more than 16 bits longer",
                        "  clusterCIDR: 10.244.0.0/16,fd00:10:244::/56\n  nodeCIDRMaskSizeIPv6: 80\n",
                        "plan.yaml:7:25: spec.nodeCIDRMaskSizeIPv6: " + tooBig),
                Arguments.of("IPv6 default /64 in a /47", "  clusterCIDR: fd00::/47\n",
                        "plan.yaml:6:16: spec.clusterCIDR: " + tooBig),
                Arguments.of("the older form's field is named",
                        "  clusterCIDR: 10.244.0.0/16\n  nodeCIDRMaskSize: {ipv4: 8, ipv6: 64}\n",
                        "plan.yaml:7:28: spec.nodeCIDRMaskSizeIPv4: " + shorter),
                Arguments.of("more node blocks than the simulation plans",
                        "  clusterCIDR: 10.0.0.0/7\n  nodeCIDRMaskSizeIPv4: 32\n",
                        "plan.yaml:7:25: spec.nodeCIDRMaskSizeIPv4: /32 node blocks in 10.0.0.0/7 are 2^25 blocks; "
                                + "this simulation plans at most 2^24 node blocks per family"),
                Arguments.of("out of range", "  clusterCIDR: 10.244.0.0/16\n  nodeCIDRMaskSizeIPv4: 33\n",
                        "plan.yaml:7:25: spec.nodeCIDRMaskSizeIPv4: must be between 1 and 32"),
                Arguments.of("not a number", "  clusterCIDR: 10.244.0.0/16\n  nodeCIDRMaskSizeIPv6: big\n",
                        null),
                Arguments.of("both forms", "  clusterCIDR: 10.244.0.0/16\n  nodeCIDRMaskSize: {ipv4: 24}\n"
                        + "  nodeCIDRMaskSizeIPv4: 24\n", "plan.yaml:7:3: spec.nodeCIDRMaskSize: give the node "
                        + "masks either as spec.nodeCIDRMaskSizeIPv4 and spec.nodeCIDRMaskSizeIPv6 or in the older "
                        + "spec.nodeCIDRMaskSize, not both"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refused(String name, String spec, String expected) {
        ManifestException e = assertThrows(ManifestException.class, () -> read(plan(spec)));
        if (expected != null) {
            assertEquals(expected, e.problems().get(0).describe());
        } else {
            assertEquals("spec.nodeCIDRMaskSizeIPv6", e.problems().get(0).field());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void theNewFormIsWrittenAndReadsBackTheSame(String name, String spec, int v4, int v6) throws ManifestException {
        ClusterSettings s = read(plan(spec));
        Map<String, Object> doc = ClusterDocuments.encode(s);
        @SuppressWarnings("unchecked")
        Map<String, Object> written = (Map<String, Object>) doc.get("spec");
        assertEquals(v4, written.get("nodeCIDRMaskSizeIPv4"));
        assertEquals(v6, written.get("nodeCIDRMaskSizeIPv6"));
        assertEquals(List.of(), written.keySet().stream().filter("nodeCIDRMaskSize"::equals).toList());
        String again = plan("  clusterCIDR: " + s.clusterCIDR() + "\n  nodeCIDRMaskSizeIPv4: " + v4
                + "\n  nodeCIDRMaskSizeIPv6: " + v6 + "\n");
        assertEquals(s, read(again));
    }
}
