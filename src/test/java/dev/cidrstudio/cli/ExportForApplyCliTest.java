package dev.cidrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.DemoPlan;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports for people who apply YAML to another cluster: allocated addresses dropped, one file per namespace. */
class ExportForApplyCliTest {

    private static Path demo(Path dir) throws Exception {
        Path plan = dir.resolve("demo.cidrplan.yaml");
        try (InputStream in = DemoPlan.class.getResourceAsStream(DemoPlan.RESOURCE)) {
            Files.copy(in, plan);
        }
        return plan;
    }

    @Test
    void allocatedClusterIpsAreDroppedAndHandPickedOnesStay(@TempDir Path dir) throws Exception {
        Path plan = demo(dir);
        // A hand-picked address: 10.96.0.5 is in 10.96.0.0/24's static band (its first 16 addresses), where the
        // allocator puts only requested addresses.
        Files.writeString(plan, Files.readString(plan) + "---\napiVersion: v1\nkind: Service\nmetadata:\n"
                + "  name: pinned\n  namespace: default\nspec:\n  clusterIP: 10.96.0.5\n  ports:\n  - port: 80\n");
        String kept = CliTest.cli("", "export", plan.toString()).out();
        assertTrue(kept.contains("clusterIP: 10.96.0.72"), "without the option every address stays");
        CliTest.Run r = CliTest.cli("", "export", "--drop-allocated-ips", plan.toString());
        assertEquals(0, r.code(), r.err());
        // The allocator's picks (the dynamic bands) are gone: cart's 10.96.0.72, grafana's 10.97.9.205.
        assertFalse(r.out().contains("10.96.0.72"), r.out());
        assertFalse(r.out().contains("10.97.9.205"), r.out());
        assertTrue(r.out().contains("name: grafana"), r.out());
        assertTrue(r.out().contains("clusterIP: 10.96.0.5"), "the hand-picked address stays");
        // A headless Service keeps its clusterIP: None.
        assertTrue(r.out().contains("clusterIP: None"), r.out());
    }

    @Test
    void splitWritesOneFilePerNamespaceInApplyOrder(@TempDir Path dir) throws Exception {
        Path plan = demo(dir);
        Path out = dir.resolve("out");
        CliTest.Run r = CliTest.cli("", "export", "--split", out.toString(), plan.toString());
        assertEquals(0, r.code(), r.err());
        List<String> files;
        try (Stream<Path> s = Files.list(out)) {
            files = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("cluster-scoped.yaml", "namespace-default.yaml", "namespace-monitoring.yaml",
                "namespace-shop.yaml"), files);
        String cluster = Files.readString(out.resolve("cluster-scoped.yaml"));
        assertTrue(cluster.contains("kind: Namespace") && cluster.contains("kind: ServiceCIDR")
                && !cluster.contains("namespace: shop"), cluster);
        String shop = Files.readString(out.resolve("namespace-shop.yaml"));
        assertTrue(shop.contains("name: cart") && !shop.contains("namespace: monitoring"), shop);
        assertEquals(2, CliTest.cli("", "export", "--split", out.toString(), "-o", dir.resolve("x.yaml").toString(),
                plan.toString()).code());
    }
}
