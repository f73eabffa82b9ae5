package dev.cidrstudio.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.HostsPreview;
import dev.cidrstudio.model.field.ErrorList;
import dev.cidrstudio.model.validation.NodeValidation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Node spec.podCIDRs and Pod status.podIPs: one per family, at most two, no duplicates, Kubernetes' text. */
class NodePodCidrsTest {

    /** As Kubernetes 1.33 prints them (Go's %#v); {@link #json} as 1.34 does. */
    private static String errors(List<String> cidrs) {
        return ErrorList.aggregate(ErrorList.styled(NodeValidation.validatePodCidrs(cidrs), false));
    }

    private static String json(List<String> cidrs) {
        return ErrorList.aggregate(NodeValidation.validatePodCidrs(cidrs));
    }

    @Test
    void from134ListValuesPrintAsJson() {
        assertEquals("spec.podCIDRs: Invalid value: [\"10.0.0.0/24\",\"10.0.1.0/24\"]: may specify no more "
                + "than one CIDR for each IP family", json(List.of("10.0.0.0/24", "10.0.1.0/24")));
        assertEquals("status.podIPs: Invalid value: [{\"IP\":\"10.0.0.1\"},{\"IP\":\"10.0.0.2\"}]: may specify "
                + "no more than one IP for each IP family", ErrorList.aggregate(HostsPreview.validatePodIps(
                        List.of("10.0.0.1", "10.0.0.2"))));
    }

    @Test
    void aDualStackPairInEitherOrderIsValid() {
        assertTrue(NodeValidation.validatePodCidrs(List.of("10.244.1.0/24", "fd00:10:244:1::/64")).isEmpty());
        assertTrue(NodeValidation.validatePodCidrs(List.of("fd00:10:244:1::/64", "10.244.1.0/24")).isEmpty());
        assertTrue(NodeValidation.validatePodCidrs(List.of("10.244.1.0/24")).isEmpty());
    }

    @Test
    void twoOfOneFamilyOrThreeOfBothAreRefused() {
        assertEquals("spec.podCIDRs: Invalid value: []string{\"10.0.0.0/24\", \"10.0.1.0/24\"}: may specify no more "
                + "than one CIDR for each IP family", errors(List.of("10.0.0.0/24", "10.0.1.0/24")));
        assertEquals("[spec.podCIDRs: Invalid value: []string{\"10.0.0.0/24\", \"fd00::/64\", \"10.0.0.0/24\"}: may "
                + "specify no more than one CIDR for each IP family, spec.podCIDRs[2]: Duplicate value: "
                + "\"10.0.0.0/24\"]", errors(List.of("10.0.0.0/24", "fd00::/64", "10.0.0.0/24")));
    }

    @Test
    void anInvalidEntryAlsoFailsTheDualStackCheck() {
        assertEquals("spec.podCIDRs[0]: Invalid value: \"10.0.0.0/33\": must be a valid CIDR value, (e.g. "
                + "10.9.8.0/24 or 2001:db8::/64)", errors(List.of("10.0.0.0/33")));
        assertEquals("[spec.podCIDRs[1]: Invalid value: \"x\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or "
                + "2001:db8::/64), spec.podCIDRs: Internal error: invalid PodCIDRs. failed to check with dual stack "
                + "with error:invalid CIDR[1]: <nil> (invalid CIDR address: x), spec.podCIDRs: Invalid value: "
                + "[]string{\"10.0.0.0/24\", \"x\"}: may specify no more than one CIDR for each IP family]",
                errors(List.of("10.0.0.0/24", "x")));
    }

    @Test
    void podCidrWinsWhenItDisagreesWithTheList() {
        assertEquals(List.of("10.0.9.0/24"), NodeValidation.convertPodCidrs("10.0.9.0/24",
                List.of("10.0.1.0/24", "fd00::/64")));
        assertEquals(List.of("10.0.1.0/24", "fd00::/64"), NodeValidation.convertPodCidrs("10.0.1.0/24",
                List.of("10.0.1.0/24", "fd00::/64")));
    }

    @Test
    void podIpsFollowTheSameRule() {
        assertTrue(HostsPreview.validatePodIps(List.of("10.244.1.4", "a00:100::4")).isEmpty());
        assertEquals("status.podIPs: Invalid value: []core.PodIP{core.PodIP{IP:\"10.0.0.1\"}, "
                + "core.PodIP{IP:\"10.0.0.2\"}, core.PodIP{IP:\"fd00::1\"}}: may specify no more than one IP for "
                + "each IP family", ErrorList.aggregate(ErrorList.styled(HostsPreview.validatePodIps(List.of(
                        "10.0.0.1", "10.0.0.2", "fd00::1")), false)));
        assertEquals("status.podIPs[0]: Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g. 10.9.8.7 "
                + "or 2001:db8::ffff)", ErrorList.aggregate(HostsPreview.validatePodIps(List.of("10.0.0.300"))));
    }
}
