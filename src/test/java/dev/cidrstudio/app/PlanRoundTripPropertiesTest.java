package dev.cidrstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Never lose work: whatever import accepts, saving the plan and opening it again gives the same plan. The input
 * is JSON (so any string can be spelled, lone surrogates included), holding hostile strings in every string field
 * the plan carries: labels, annotations, a kept object's data and a policy's expression and message.
 */
class PlanRoundTripPropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> special = Arbitraries.of("yes", "no", "y", "~", "null", "0x1F", "0o17", "1e3", "- a",
                ": b", "#", "&x", "*x", "!!str", "'", "\"", "---", "...", "%YAML", "@", "`", "|", ">", "? k", "",
                " lead", "trail ", "a: b", "a #b", "\t", "\n", "\r\n", "1_000", "2026-03-02", "12:30", ".inf", ".nan",
                "<<", "=", "0b101", "+1", "-0", "\u00a0", "\u0085", "\u2028", "\u2029", "\ufeff", "\u200f\u202e",
                "\ud800", "\udc00x", "\ud83d\ude00", "\u0000", "\u001b[31m", "\u007f", "\u0080\u009f", "\ufffe",
                "\uffff");
        Arbitrary<String> chars = Arbitraries.strings().withChars("ab :#-'\"\\\n\t\r{}[],&*!|>%@`?\u0000\u0001\u001f"
                + "\u007f\u0085\u00a0\u200e\u200f\u202e\u2028\ufeff\ufffd\ud800\udbff\udc00\udfff\ud83d\ude00")
                .ofMaxLength(40);
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(30);
        Arbitrary<String> longOne = Arbitraries.of("x", "\u00e9", "\ud83d\ude00", "a b", "\\").flatMap(u ->
                Arbitraries.integers().between(100, 20_000).map(u::repeat));
        Arbitrary<String> joined = Combinators.combine(special, chars).as((a, b) -> a + b);
        return Arbitraries.frequencyOf(Tuple.of(3, special), Tuple.of(4, chars),
                Tuple.of(3, any), Tuple.of(1, longOne),
                Tuple.of(2, joined));
    }

    private static String manifest(String a, String b, String c) throws Exception {
        Map<String, Object> ns = Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", "team",
                "annotations", Map.of("note", a), "labels", Map.of("tier", "web")));
        Map<String, Object> svc = new LinkedHashMap<>();
        svc.put("apiVersion", "v1");
        svc.put("kind", "Service");
        svc.put("metadata", Map.of("name", "web", "namespace", "team", "annotations", Map.of("a", a, "b", b, "c", c)));
        svc.put("spec", Map.of("ports", List.of(Map.of("port", 80, "name", "http")), "selector",
                Map.of("app", "web")));
        Map<String, Object> cm = Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "cfg",
                "namespace", "team", "annotations", Map.of("x", c)), "data", Map.of("k1", a, "k2", b, "k3", c));
        Map<String, Object> pod = Map.of("apiVersion", "v1", "kind", "Pod", "metadata", Map.of("name", "p",
                "namespace", "team", "annotations", Map.of("x", a)), "spec", Map.of("containers",
                List.of(Map.of("name", "c", "image", "img", "args", List.of(a, b, c)))));
        Map<String, Object> policy = Map.of("apiVersion", "admissionregistration.k8s.io/v1", "kind",
                "ValidatingAdmissionPolicy", "metadata", Map.of("name", "pol", "annotations", Map.of("x", b)),
                "spec", Map.of("matchConstraints", Map.of("resourceRules", List.of(Map.of("apiGroups", List.of(""),
                        "apiVersions", List.of("v1"), "operations", List.of("CREATE"), "resources",
                        List.of("services")))), "validations", List.of(Map.of("expression",
                                "object.metadata.name != " + JSON.writeValueAsString(a), "message", c))));
        StringBuilder sb = new StringBuilder();
        for (Object doc : List.of(ns, svc, cm, pod, policy)) {
            sb.append(JSON.writeValueAsString(doc)).append('\n');
        }
        return "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [" + sb.toString().strip().replace("\n", ",")
                + "]}";
    }

    @Property(tries = 300)
    void whatImportAcceptsSavesAndOpensAsTheSamePlan(@ForAll("hostile") String a, @ForAll("hostile") String b,
            @ForAll("hostile") String c) throws Exception {
        PlanLoader.Result first;
        try {
            first = PlanLoader.load("input.json", manifest(a, b, c));
        } catch (ManifestImport.ImportException refused) {
            Statistics.collect("refused: " + refused.findings().get(0).message().replaceAll("[^A-Za-z :]", "")
                    .replaceAll("^(.{0,50}).*", "$1"));
            Assume.that(false);
            return;
        }
        Statistics.collect("accepted");
        String saved = ManifestExport.export(first.api(), ManifestExport.Options.PLAN);
        PlanLoader.Result reopened;
        try {
            reopened = PlanLoader.load("plan.cidrplan", saved);
        } catch (ManifestImport.ImportException e) {
            throw new AssertionError("the saved plan cannot be opened again: " + e.findings() + "\n" + saved, e);
        }
        assertEquals(saved, ManifestExport.export(reopened.api(), ManifestExport.Options.PLAN));
    }
}
