package dev.cidrstudio.io.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cidrstudio.io.yaml.PNode;
import dev.cidrstudio.io.yaml.PNode.PMap;
import dev.cidrstudio.io.yaml.PNode.PScalar;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Dates, timestamps and {@code !!timestamp} tags as kubectl turns them into JSON (go-yaml's resolver through
 * {@code sigs.k8s.io/yaml}): the verdicts of the real kubectl 1.33, 1.34 and 1.35 are recorded in
 * {@code vectors/yaml-timestamps.json}, and we read each case to the same JSON string or refuse it in the same words.
 */
class YamlTimestampVectorsTest {

    @TestFactory
    List<DynamicTest> kubectlsVerdicts() throws IOException {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/vectors/yaml-timestamps.json")) {
            root = new ObjectMapper().readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            String text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: " + c.get("yaml").asText()
                    + "\n";
            tests.add(dynamicTest(c.get("name").asText(), () -> {
                if (c.has("error")) {
                    ManifestException e = assertThrows(ManifestException.class,
                            () -> ManifestDecoder.decodeAll("c.yaml", text));
                    assertEquals(c.get("error").asText(), e.problems().get(0).kubeMessage());
                    assertEquals(6, e.problems().get(0).mark().line());
                } else {
                    List<Decoded> docs = ManifestDecoder.decodeAll("c.yaml", text);
                    PNode x = ((PMap) ((Decoded.Other) docs.get(0)).raw().get("data")).get("x");
                    assertEquals(PNode.ScalarType.STRING, ((PScalar) x).type());
                    assertEquals(c.get("value").asText(), ((PScalar) x).value());
                }
            }));
        }
        return tests;
    }
}
