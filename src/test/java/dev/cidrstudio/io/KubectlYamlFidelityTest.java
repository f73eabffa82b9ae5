package dev.cidrstudio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cidrstudio.io.manifest.GoYaml;
import dev.cidrstudio.io.manifest.Plain;
import dev.cidrstudio.io.yaml.YamlReader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Our YAML against what a real kubectl printed for the same object ({@code kubectl label --local -f
 * tricky-annotations.yaml x=y -o yaml}, kubectl 1.32): quoting, folding, literal blocks, key order, and YAML 1.1
 * keys such as {@code n} and {@code y} that read back as booleans.
 */
class KubectlYamlFidelityTest {

    static String resource(String name) throws Exception {
        try (InputStream in = KubectlYamlFidelityTest.class.getResourceAsStream("/fidelity/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void reprintsTrickyAnnotationsExactlyAsKubectl() throws Exception {
        var docs = new YamlReader().read("tricky", resource("tricky-annotations.yaml"));
        Map<String, Object> obj = (Map<String, Object>) Plain.toPlain(docs.get(0).root());
        ((Map<String, Object>) obj.get("metadata")).put("labels", Map.of("x", "y"));
        assertEquals(resource("tricky-annotations.kubectl-1.32.yaml"), GoYaml.marshal(obj));
    }
}
