package dev.cidrstudio.console.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cidrstudio.io.manifest.GoJson;
import dev.cidrstudio.io.manifest.Plain;
import dev.cidrstudio.io.yaml.YamlReader;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The strategic merge patch's directives, as kubectl's three-way patches (apply) use them. */
class StrategicMergePatchTest {

    private static final String SERVICE = "{\"metadata\":{\"name\":\"web\",\"labels\":{\"a\":\"1\",\"b\":\"2\"},"
            + "\"finalizers\":[\"x\",\"y\"]},\"spec\":{\"ports\":[{\"port\":80,\"protocol\":\"TCP\"},"
            + "{\"port\":443,\"protocol\":\"TCP\"}],\"type\":\"ClusterIP\"}}";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a port merged by its key", "{\"spec\":{\"ports\":[{\"port\":80,\"name\":\"http\"}]}}",
                        "{\"metadata\":{\"finalizers\":[\"x\",\"y\"],\"labels\":{\"a\":\"1\",\"b\":\"2\"},\"name\":"
                                + "\"web\"},\"spec\":{\"ports\":[{\"name\":\"http\",\"port\":80,\"protocol\":\"TCP\"},"
                                + "{\"port\":443,\"protocol\":\"TCP\"}],\"type\":\"ClusterIP\"}}"),
                Arguments.of("$patch: delete of a list item, and $setElementOrder",
                        "{\"spec\":{\"$setElementOrder/ports\":[{\"port\":8080},{\"port\":443}],\"ports\":[{\"port\":"
                                + "8080},{\"$patch\":\"delete\",\"port\":80}]}}",
                        "{\"metadata\":{\"finalizers\":[\"x\",\"y\"],\"labels\":{\"a\":\"1\",\"b\":\"2\"},\"name\":"
                                + "\"web\"},\"spec\":{\"ports\":[{\"port\":8080},{\"port\":443,\"protocol\":\"TCP\"}],"
                                + "\"type\":\"ClusterIP\"}}"),
                Arguments.of("$patch: replace of a list",
                        "{\"spec\":{\"ports\":[{\"$patch\":\"replace\"},{\"port\":1}]}}",
                        "{\"metadata\":{\"finalizers\":[\"x\",\"y\"],\"labels\":{\"a\":\"1\",\"b\":\"2\"},\"name\":"
                                + "\"web\"},\"spec\":{\"ports\":[{\"port\":1}],\"type\":\"ClusterIP\"}}"),
                Arguments.of("$patch: replace of a map",
                        "{\"metadata\":{\"labels\":{\"$patch\":\"replace\",\"c\":\"3\"}}}",
                        "{\"metadata\":{\"finalizers\":[\"x\",\"y\"],\"labels\":{\"c\":\"3\"},\"name\":\"web\"},"
                                + "\"spec\":{\"ports\":[{\"port\":80,\"protocol\":\"TCP\"},{\"port\":443,\"protocol\":"
                                + "\"TCP\"}],\"type\":\"ClusterIP\"}}"),
                Arguments.of("$patch: delete of a map", "{\"metadata\":{\"labels\":{\"$patch\":\"delete\"}}}",
                        "{\"metadata\":{\"finalizers\":[\"x\",\"y\"],\"name\":\"web\"},\"spec\":{\"ports\":[{\"port\":"
                                + "80,\"protocol\":\"TCP\"},{\"port\":443,\"protocol\":\"TCP\"}],\"type\":"
                                + "\"ClusterIP\"}}"),
                Arguments.of("$deleteFromPrimitiveList", "{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":"
                        + "[\"x\"]}}",
                        "{\"metadata\":{\"finalizers\":[\"y\"],\"labels\":{\"a\":\"1\",\"b\":\"2\"},\"name\":\"web\"},"
                                + "\"spec\":{\"ports\":[{\"port\":80,\"protocol\":\"TCP\"},{\"port\":443,\"protocol\":"
                                + "\"TCP\"}],\"type\":\"ClusterIP\"}}"),
                Arguments.of("$retainKeys", "{\"spec\":{\"$retainKeys\":[\"ports\"],\"ports\":[{\"port\":80}]}}",
                        "{\"metadata\":{\"finalizers\":[\"x\",\"y\"],\"labels\":{\"a\":\"1\",\"b\":\"2\"},\"name\":"
                                + "\"web\"},\"spec\":{\"ports\":[{\"port\":80,\"protocol\":\"TCP\"},{\"port\":443,"
                                + "\"protocol\":\"TCP\"}]}}"),
                Arguments.of("null deletes a key", "{\"metadata\":{\"labels\":{\"a\":null}}}",
                        "{\"metadata\":{\"finalizers\":[\"x\",\"y\"],\"labels\":{\"b\":\"2\"},\"name\":\"web\"},"
                                + "\"spec\":{\"ports\":[{\"port\":80,\"protocol\":\"TCP\"},{\"port\":443,\"protocol\":"
                                + "\"TCP\"}],\"type\":\"ClusterIP\"}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void directives(String name, String patch, String expected) throws Exception {
        assertEquals(expected, GoJson.compact(JsonPatch.strategicMergePatch(json(SERVICE), json(patch))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) throws Exception {
        return (Map<String, Object>) Plain.toPlain(new YamlReader().read("t", text).get(0).root());
    }
}
