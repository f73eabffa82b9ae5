package dev.cidrstudio.model.nodeipam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The golden tables of node and Pod capacity (range allocator with host-local IPAM) and of the smallest fit. */
class NodeCapacityGoldenTest {

    static Stream<Arguments> capacity() throws IOException {
        return rows("node-capacity.tsv", 10);
    }

    static Stream<Arguments> smallestFit() throws IOException {
        return rows("smallest-fit.tsv", 8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capacity")
    void capacityMatchesTheTable(String[] row) {
        Cidr cluster = cidr(row[1]);
        List<Cidr> service = row[3].equals("-") ? List.of() : List.of(cidr(row[3]));
        NodeCapacity.Family f = NodeCapacity.of(cluster, Integer.parseInt(row[2]), service, List.of(), 0,
                Integer.parseInt(row[4]));
        assertEquals(List.of(row[5], row[6], row[7], row[8], row[9]), List.of(String.valueOf(f.maxNodes()),
                String.valueOf(f.serviceBlocks()), f.blockAddresses().toString(), String.valueOf(f.podsPerNode()),
                f.maxClusterPods().toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smallestFit")
    void smallestFitMatchesTheTable(String[] row) {
        var fit = NodeCapacity.smallestFit(IpFamily.valueOf(row[1]), Long.parseLong(row[2]), Long.parseLong(row[3]),
                Integer.parseInt(row[4]));
        List<String> actual = fit.isEmpty() ? List.of("none", "none", "none")
                : List.of(String.valueOf(fit.get().nodeMask()), String.valueOf(fit.get().clusterPrefix()),
                        fit.get().withPlanMask().map(String::valueOf).orElse("-"));
        assertEquals(List.of(row[5], row[6], row[7]), actual);
    }

    private static Cidr cidr(String text) {
        return IpParsing.parseCidrSloppy(text).orElseThrow().masked();
    }

    private static Stream<Arguments> rows(String name, int columns) throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = NodeCapacityGoldenTest.class.getResourceAsStream("/capacity/" + name)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] row = line.split("\t");
                if (row.length != columns) {
                    throw new IllegalStateException(name + ": " + columns + " columns expected: " + line);
                }
                out.add(Arguments.of(Named.of(row[0], row)));
            }
        }
        return out.stream();
    }
}
