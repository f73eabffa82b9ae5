package dev.cidrstudio.app;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutated manifests never crash the decoder: each one is read, or refused with findings that name the file and
 * a line; never another exception, and never a hang (the timeout is a net, not a measurement).
 */
class DecoderFuzzTest {

    private static final List<String> SEEDS = seeds();
    private static final List<String> TOKENS = List.of("&a ", "*a", "!!int ", "!!binary ", "!!str ", "<<: *a\n",
            "\"\\ud800\"", "\"\\u12G4\"", "\\", ".nan", "- ", ": ", "? ", "{", "}", "[", "]", ",", "#", "|", ">-",
            "\t", "\n", "\r", "---\n", "...\n", "%YAML 1.1\n", "\ufeff", "\u0085", "\u2028", "\u0000", "'", "\"",
            "kind: no\n", "apiVersion: 1\n", "99999999999999999999", "4294967376", "0o", "0x", "\ud83d\ude00", "~", "null", "0x1F", "1e999", "-.inf", "  ", "        ",
            "!!timestamp ", "2024-01-02", "2024-13-45T25:61:00Z", "\"80\"", "1KM", "true", "{a: 1}", "[1, 2]");

    private static List<String> seeds() {
        List<String> out = new ArrayList<>();
        try {
            for (String f : List.of("src/test/resources/fidelity/tricky-annotations.yaml",
                    "src/test/resources/fidelity/tricky-annotations.kubectl-1.32.yaml")) {
                out.add(Files.readString(Path.of(f), StandardCharsets.UTF_8));
            }
            try (InputStream in = DecoderFuzzTest.class.getResourceAsStream(
                    "/dev/cidrstudio/examples/service/networking/hostaliases-pod.yaml")) {
                if (in != null) {
                    out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        out.add(DumpFixtures.smallDump());
        // Kept kinds decoded into their Go types.
        out.add("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  creationTimestamp: 2024-01-02T10:00:00Z\n"
                + "  labels: {app: web}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    ports:\n"
                + "    - containerPort: 80\n    resources:\n      limits: {cpu: 500m, memory: 1Gi}\n"
                + "    livenessProbe:\n      httpGet: {port: http, path: /}\n---\napiVersion: events.k8s.io/v1\n"
                + "kind: Event\nmetadata:\n  name: e\neventTime: 2024-01-02T10:00:00.000000Z\n---\n"
                + "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\n"
                + "metadata:\n  name: b\nspec:\n  policyName: p\n  validationActions: [Deny]\n");
        out.add("{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [{\"apiVersion\": \"v1\", \"kind\": \"Service\","
                + " \"metadata\": {\"name\": \"a\", \"namespace\": \"default\"}, \"spec\": {\"ports\": [{\"port\": 80}],"
                + " \"clusterIP\": \"10.96.0.10\"}}]}");
        return out;
    }

    /** One edit of a text: delete, insert a token, duplicate a run, or replace a character. */
    private record Edit(int kind, double at, double length, int token) {
        String apply(String s) {
            int n = s.length();
            int i = (int) (at * n);
            int len = Math.min(n - i, (int) (length * 200));
            String t = TOKENS.get(token % TOKENS.size());
            return switch (kind) {
                case 0 -> s.substring(0, i) + s.substring(i + len);
                case 1 -> s.substring(0, i) + t + s.substring(i);
                case 2 -> s.substring(0, i + len) + s.substring(i, i + len) + s.substring(i + len);
                default -> i < n ? s.substring(0, i) + t + s.substring(Math.min(n, i + 1)) : s + t;
            };
        }
    }

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.doubles().between(0, 1), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(0, 1000)).as(Edit::new);
        return Combinators.combine(Arbitraries.of(SEEDS), edit.list().ofMinSize(1).ofMaxSize(6)).as((seed, edits) -> {
            String s = seed;
            for (Edit e : edits) {
                s = e.apply(s);
            }
            return s;
        });
    }

    @Property(tries = 400)
    void theDecoderReadsOrRefusesWithAPlace(@ForAll("mutated") String text) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try {
                ManifestImport.decode(List.of(new ManifestImport.Source("fuzz.yaml", text)));
            } catch (ManifestImport.ImportException e) {
                for (Finding f : e.findings()) {
                    String d = f.describe();
                    assertTrue(d.matches("(?s)fuzz\\.yaml:\\d+: .*"), d);
                }
            }
        });
    }
}
