package dev.cidrstudio.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cidrstudio.model.hosts.PodAddresses;
import dev.cidrstudio.model.net.IpFamily;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The kubelet's sortPodIPs, with the cases of TestSortPodIPs / TestGenerateAPIPodStatusPodIPs. */
class PodAddressesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "IPv4 | 10.0.0.1 | 10.0.0.1",
        "IPv4 | fd01::1234 10.0.0.1 | 10.0.0.1 fd01::1234",
        "IPv6 | 10.0.0.1 fd01::1234 | fd01::1234 10.0.0.1",
        "IPv6 | 10.0.0.1 | 10.0.0.1",
        "IPv4 | fd01::1234 | fd01::1234",
        "IPv4 | 10.0.0.1 10.0.0.2 10.0.0.3 | 10.0.0.1",
        "IPv4 | 10.0.0.1 10.0.0.2 fd01::1234 10.0.0.3 fd01::5678 | 10.0.0.1 fd01::1234",
        "IPv4 | FD01:0:0::1 | fd01::1"})
    void statusTakesTheFirstOfEachFamilyPrimaryFirst(IpFamily primary, String cri, String expected) {
        assertEquals(List.of(expected.split(" ")), PodAddresses.statusPodIps(List.of(cri.split(" ")), primary));
    }

    @org.junit.jupiter.api.Test
    void theNthNodeGetsTheNthBlockOfEachFamily() {
        var cluster = java.util.List.of(dev.cidrstudio.model.net.IpParsing.parseCidr("10.244.0.0/16").orElseThrow(),
                dev.cidrstudio.model.net.IpParsing.parseCidr("fd00:10:244::/56").orElseThrow());
        assertEquals("[10.244.0.0/24, fd00:10:244::/64]", PodAddresses.nodePodCidrs(cluster, 24, 64, 0).toString());
        assertEquals("[10.244.5.0/24, fd00:10:244:5::/64]", PodAddresses.nodePodCidrs(cluster, 24, 64, 5).toString());
        assertEquals("[10.244.0.64/26, fd00:10:244:0:1::/80]", PodAddresses.nodePodCidrs(cluster, 26, 80, 1)
                .toString());
        assertEquals(List.of("10.244.0.2", "fd00:10:244::2"), PodAddresses.firstPodIps(
                PodAddresses.nodePodCidrs(cluster, 24, 64, 0)));
    }
}
