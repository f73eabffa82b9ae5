package dev.cidrstudio.model.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.Namespace;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.ParentReference;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.api.ServicePort;
import dev.cidrstudio.model.api.ServiceSpec;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.validation.ObjectMetaValidation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ValidateObjectMeta} on every kind and every way in: a create, an update, a restore from a dump, and an
 * object the model only keeps. One table of metadata, each with the causes kube-apiserver gives, verbatim.
 */
class ObjectMetaValidationTest {

    private static final String QUALIFIED = "name part must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', "
            + "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    record Case(String name, ObjectMeta meta, List<String> causes) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static ObjectMeta meta(Map<String, String> labels, Map<String, String> annotations, List<String> fin) {
        return new ObjectMeta("x", null, null, null, null, null, null, labels, annotations, fin, null, 0);
    }

    static Stream<Case> cases() {
        Map<String, String> atLimit = Map.of("a", "v".repeat(ObjectMetaValidation.TOTAL_ANNOTATION_SIZE_LIMIT_B - 1));
        Map<String, String> overLimit = Map.of("a", "v".repeat(ObjectMetaValidation.TOTAL_ANNOTATION_SIZE_LIMIT_B));
        return Stream.of(
                new Case("clean", meta(Map.of("app", "web", "example.com/tier", ""), Map.of("Example.COM/Note", "x"),
                        List.of("example.com/cleanup")), List.of()),
                new Case("a label key of 64 characters", meta(Map.of("k".repeat(64), "v"), null, null),
                        List.of("metadata.labels: Invalid value: \"" + "k".repeat(64) + "\": name part must be no "
                                + "more than 63 characters")),
                new Case("a label key with an empty prefix", meta(Map.of("/a", "v"), null, null),
                        List.of("metadata.labels: Invalid value: \"/a\": prefix part must be non-empty")),
                new Case("a label value of 64 characters", meta(Map.of("a", "v".repeat(64)), null, null),
                        List.of("metadata.labels: Invalid value: \"" + "v".repeat(64) + "\": must be no more than 63 "
                                + "characters")),
                new Case("an annotation key is judged whatever its case, but named as written",
                        meta(null, Map.of("Bad Key", "v"), null),
                        List.of("metadata.annotations: Invalid value: \"Bad Key\": " + QUALIFIED)),
                new Case("annotations of exactly 256 KiB", meta(null, atLimit, null), List.of()),
                new Case("annotations one byte beyond 256 KiB", meta(null, overLimit, null),
                        List.of("metadata.annotations: Too long: may not be more than 262144 bytes")),
                new Case("annotations counted in UTF-8 bytes", meta(null, Map.of("a", "é".repeat(131_072)), null),
                        List.of("metadata.annotations: Too long: may not be more than 262144 bytes")),
                new Case("a finalizer that is no qualified name", meta(null, null, List.of("no good")),
                        List.of("metadata.finalizers: Invalid value: \"no good\": " + QUALIFIED)),
                new Case("orphan and foregroundDeletion together", meta(null, null,
                        List.of("orphan", "foregroundDeletion")), List.of("metadata.finalizers: Invalid value: "
                                + "[\"orphan\",\"foregroundDeletion\"]: finalizer orphan and foregroundDeletion "
                                + "cannot be both set")),
                new Case("a negative generation", new ObjectMeta("x", null, null, null, null, null, null, null, null,
                        null, null, -1), List.of("metadata.generation: Invalid value: -1: must be greater than or "
                                + "equal to 0")));
    }

    /** Each kind the model simulates, named "x" (or an IP) and carrying the case's metadata. */
    private static List<Function<ObjectMeta, KubeObject>> kinds() {
        return List.of(
                m -> new Namespace(m, null),
                m -> new ServiceCidr(m, List.of("10.100.0.0/16"), List.of()),
                m -> new IpAddressObject(new ObjectMeta("10.96.0.77", null, null, null, null, null, null, m.labels(),
                        m.annotations(), m.finalizers(), null, m.generation()),
                        new ParentReference("", "services", "default", "x")),
                m -> new Service(m.withNamespace("default"), ServiceSpec.empty().withPorts(List.of(
                        new ServicePort(null, "TCP", 80, "80", true, null, null))), List.of()));
    }

    private static List<String> causes(ApiException e) {
        return e.status().causes().stream().map(FieldError::toString).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyKindOnCreateUpdateAndRestore(Case c) throws Exception {
        for (Function<ObjectMeta, KubeObject> kind : kinds()) {
            ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
            KubeObject obj = kind.apply(c.meta());
            if (c.causes().isEmpty()) {
                api.create(obj);
                api.update(obj);
                continue;
            }
            String what = c.name() + ": " + obj.kind();
            assertEquals(c.causes(), causes(assertThrows(ApiException.class, () -> api.create(obj), what)), what);
            assertEquals(c.causes(), causes(assertThrows(ApiException.class, () -> api.restoreObject(obj, false),
                    what)), what);
            KubeObject clean = kind.apply(ObjectMeta.named("x"));
            api.create(clean);
            if (c.meta().generation() < 0) {
                continue; // an update keeps the server's generation: what the client sent is not looked at
            }
            assertEquals(c.causes(), causes(assertThrows(ApiException.class, () -> api.update(obj), what)), what);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void keptKindsToo(Case c) throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", "n1");
        metadata.put("labels", c.meta().labels());
        metadata.put("annotations", c.meta().annotations());
        metadata.put("finalizers", c.meta().finalizers());
        metadata.put("generation", c.meta().generation());
        for (String kind : List.of("Node", "Pod", "ConfigMap")) {
            KeptObject kept = new KeptObject("v1", kind, "Node".equals(kind) ? null : "default", "n1",
                    Map.of("apiVersion", "v1", "kind", kind, "metadata", metadata));
            if (c.causes().isEmpty()) {
                api.validateKept(kept, null);
                api.admitKept(kept, kept);
                continue;
            }
            assertEquals(c.causes(), causes(assertThrows(ApiException.class, () -> api.validateKept(kept, null))),
                    kind);
            assertEquals(c.causes(), causes(assertThrows(ApiException.class, () -> api.admitKept(kept, null))), kind);
            assertEquals(c.causes(), causes(assertThrows(ApiException.class, () -> api.validateKept(kept, kept))),
                    kind);
        }
    }

    @Test
    void namesFollowEachKindsRule() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        KeptObject node = new KeptObject("v1", "Node", null, "Node.One", Map.of("metadata", Map.of("name",
                "Node.One")));
        assertEquals("Node \"Node.One\" is invalid: metadata.name: Invalid value: \"Node.One\": a lowercase RFC 1123 "
                + "subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end "
                + "with an alphanumeric character (e.g. 'example.com', regex used for validation is "
                + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                assertThrows(ApiException.class, () -> api.validateKept(node, null)).status().message());
        // A kind the model does not know: its name is at least a path segment.
        KeptObject cm = new KeptObject("v1", "ConfigMap", "default", "a/b", Map.of("metadata", Map.of("name", "a/b")));
        assertEquals("ConfigMap \"a/b\" is invalid: metadata.name: Invalid value: \"a/b\": may not contain '/'",
                assertThrows(ApiException.class, () -> api.validateKept(cm, null)).status().message());
        // generateName is judged as a prefix: a trailing '-' is fine.
        api.validateKept(new KeptObject("v1", "Pod", "default", "web-x", Map.of("metadata", Map.of("name", "web-x",
                "generateName", "web-"))), null);
    }

    @Test
    void aNamespaceNameOfMegabytesIsJudgedInLinearTime() {
        String huge = "a.".repeat(1_500_000) + "-";
        ApiServer api = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> ApiServer.bootstrap(ClusterSettings.defaults()));
        ApiException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(ApiException.class,
                () -> api.create(new ServiceCidr(ObjectMeta.named(huge), List.of("10.100.0.0/16"), List.of()))));
        assertEquals(2, e.status().causes().size(), "too long and not a subdomain");
    }
}
