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
}
