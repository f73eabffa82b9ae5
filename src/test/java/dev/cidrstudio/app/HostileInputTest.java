package dev.cidrstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile and huge input is refused with a message that says where and why; never a hang, a stack overflow or an
 * exhausted heap. The timeouts are safety nets against a hang, not performance measurements.
 */
class HostileInputTest {

    private static final Duration NET = Duration.ofSeconds(20);

    private static ManifestImport.ImportException refused(String text) {
        return assertTimeoutPreemptively(NET, () -> assertThrows(ManifestImport.ImportException.class,
                () -> ManifestImport.decode(List.of(new ManifestImport.Source("evil.yaml", text)))));
    }

    @Test
    void aliasBombIsRefused() {
        StringBuilder sb = new StringBuilder("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            sb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append(",*").append(p).append("]\n");
        }
        ManifestImport.ImportException e = refused(sb.toString());
        String msg = e.findings().get(0).describe();
        assertTrue(msg.startsWith("evil.yaml:"), msg);
        assertTrue(msg.contains("alias") || msg.contains("too many values"), msg);
    }

    @Test
    void deepNestingIsRefused() {
        String text = "[".repeat(100_000) + "]".repeat(100_000);
        ManifestImport.ImportException e = refused(text);
        assertTrue(e.findings().get(0).describe().contains("nest"), e.findings().get(0).describe());
    }

    @Test
    void binaryDataIsRefused() {
        ManifestImport.ImportException e = refused("apiVersion: v1\nkind: Service\n\u0000\u0001\u0002binary");
        assertEquals("evil.yaml:3: error: binary data is not YAML (control character 0x0) (column 1)",
                e.findings().get(0).describe());
    }

    @Test
    void anOversizedFileIsRefusedBeforeParsing() {
        String huge = "a".repeat((int) dev.cidrstudio.io.yaml.YamlLimits.DEFAULT.maxBytes() + 1);
        ManifestImport.ImportException e = refused(huge);
        assertTrue(e.findings().get(0).describe().contains("larger than 64 MiB"), e.findings().get(0).describe());
    }

    @Test
    void aDumpBeyondTheParsersDefaultLimitImports() throws Exception {
        StringBuilder sb = new StringBuilder("apiVersion: v1\nitems:\n");
        int i = 0;
        while (sb.length() < 8 * 1024 * 1024) {
            sb.append(DumpFixtures.service("big", "svc-" + i, "10.96." + (i / 250 + 1) + "." + (i % 250 + 1), i));
            i++;
        }
        sb.append("kind: List\nmetadata:\n  resourceVersion: \"\"\n");
        PlanLoader.Result r = PlanLoader.load("big.yaml", sb.toString());
        assertEquals(i, r.report().countsByKind().get("Service"));
    }
}
