package dev.cidrstudio.io.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cidrstudio.model.cluster.ClusterSettings;
import dev.cidrstudio.model.cluster.ClusterSettings.Network;
import dev.cidrstudio.model.cluster.ClusterSettings.NetworkKind;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Cluster document's {@code spec.networks}: read with FILE:LINE:COL problems naming the field, written back. */
class ClusterNetworksFieldsTest {

    private static String plan(String specLines) {
        return "apiVersion: cidrstudio.dev/v1alpha1\nkind: Cluster\nmetadata:\n  name: demo\nspec:\n" + specLines;
    }

    private static ClusterSettings read(String text) throws ManifestException {
        return ((Decoded.Cluster) ManifestDecoder.decodeAll("plan.yaml", text).get(0)).settings();
    }

    @Test
    void readsTheNetworksInOrderWithOtherAsTheDefaultKind() throws ManifestException {
        ClusterSettings s = read(plan("""
                  networks:
                  - {name: vpc, cidr: 10.0.0.0/8, kind: VPC}
                  - name: office
                    cidr: 192.168.0.0/16
                """));
        assertEquals(List.of(new Network("vpc", "10.0.0.0/8", NetworkKind.VPC),
                new Network("office", "192.168.0.0/16", NetworkKind.Other)), s.networks());
        assertEquals(List.of(), read(plan("  clusterDNS: none\n")).networks());
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("a bad CIDR", "  networks:\n  - {name: a, cidr: 10.0.0.0/33}\n",
                        "plan.yaml:7:21: spec.networks[0].cidr: \"10.0.0.0/33\": must be a valid CIDR value, (e.g. "
                                + "10.9.8.0/24 or 2001:db8::/64)"),
                Arguments.of("an unknown kind", "  networks:\n  - {name: a, cidr: 10.0.0.0/8, kind: Lab}\n",
                        "plan.yaml:7:39: spec.networks[0].kind: Unsupported value: \"Lab\": supported values: "
                                + "\"NodeSubnet\", \"VPC\", \"OnPremises\", \"VPN\", \"Other\""),
                Arguments.of("no name", "  networks:\n  - {cidr: 10.0.0.0/8}\n",
                        "plan.yaml:7:5: spec.networks[0].name: required"),
                Arguments.of("no cidr", "  networks:\n  - name: a\n",
                        "plan.yaml:7:5: spec.networks[0].cidr: required"),
                Arguments.of("a duplicate name", "  networks:\n  - {name: a, cidr: 10.0.0.0/8}\n"
                        + "  - {name: a, cidr: 11.0.0.0/8}\n",
                        "plan.yaml:8:12: spec.networks[1].name: duplicate network name \"a\""),
                Arguments.of("not a mapping", "  networks:\n  - 10.0.0.0/8\n",
                        "plan.yaml:7:5: spec.networks[0]: expected a mapping like {name: office, cidr: "
                                + "192.168.0.0/16, kind: OnPremises}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refused(String name, String spec, String expected) {
        ManifestException e = assertThrows(ManifestException.class, () -> read(plan(spec)));
        assertEquals(expected, e.problems().get(0).describe());
    }

    @Test
    void theNetworksAreWrittenBackAndReadTheSame() throws ManifestException {
        ClusterSettings s = read(plan("""
                  clusterCIDR: 10.244.0.0/16
                  networks:
                  - {name: vpn, cidr: "fd00:10::/48", kind: VPN}
                  - {name: nodes, cidr: 192.168.0.0/24, kind: NodeSubnet}
                """));
        String written = GoYaml.marshal(ClusterDocuments.encode(s));
        assertEquals(s, read(written));
        assertEquals(s.networks(), read(written).networks());
        // A plan without networks is written as before.
        assertEquals(false, ((java.util.Map<?, ?>) ClusterDocuments.encode(s.withNetworks(List.of())).get("spec"))
                .containsKey("networks"));
    }
}
