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

    @Test
    void anAliasBombOfLongStringsIsRefusedAtItsLine() {
        // 1 MB of YAML whose aliases of one long string would hold 2.5 billion characters.
        StringBuilder sb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n"
                + "  a: &a \"" + "x".repeat(1_000_000) + "\"\n");
        for (int i = 0; i < 2500; i++) {
            sb.append("  k").append(i).append(": *a\n");
        }
        String msg = refused(sb.toString()).findings().get(0).describe();
        assertTrue(msg.startsWith("evil.yaml:6: error: aliases expand the strings past "), msg);
        assertTrue(msg.contains("an alias bomb?"), msg);
    }

    @Test
    void aFiftyMegabyteStringIsRefusedWithoutQuadraticWork() {
        // As JSON the full YAML parser reads it: its own reader copied its window per 1024 characters.
        String text = "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \""
                + "n".repeat(50 * 1024 * 1024) + "\"}}";
        String msg = refused(text).findings().get(0).describe();
        assertTrue(msg.startsWith("evil.yaml:1: error: a string of 52428800 characters; kube-apiserver refuses a "
                + "request body over 3 MiB (Request entity too large: limit is 3145728)"), msg);
    }

    @Test
    void aLongStringUnderTheLimitReadsInLinearTime() throws Exception {
        // A 3 MiB annotation in a file with an anchor (so the full parser reads it), three times over.
        String value = "v".repeat(3 * 1024 * 1024 - 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            sb.append("---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: &n ns").append(i)
                    .append("\n  annotations:\n    a: ").append(value).append('\n');
        }
        List<dev.cidrstudio.io.manifest.Decoded> docs = assertTimeoutPreemptively(NET,
                () -> ManifestImport.decode(List.of(new ManifestImport.Source("long.yaml", sb.toString()))));
        assertEquals(3, docs.size());
    }
}
