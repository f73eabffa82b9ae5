package dev.cidrstudio.io.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.cidrstudio.io.yaml.PNode.PMap;
import dev.cidrstudio.io.yaml.PNode.PScalar;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What kubectl's decoder (go-yaml through {@code sigs.k8s.io/yaml}, then Go's JSON) refuses, we refuse at the
 * same line with its words; what it accepts, we read as it reads it.
 */
class StrictDecodingTest {

    private static final String CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: ";
    private static final String JSON_CM = "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"a\"},"
            + " \"data\": {\"x\": ";

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("a tag that contradicts the text", "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n"
                        + "spec:\n  type: !!int ClusterIP\n", "m.yaml:6:9: cannot decode !!str `ClusterIP` as a !!int"),
                Arguments.of("!!bool on a number", CM + "!!bool 80\n", "m.yaml:6:6: cannot decode !!int `80` as a !!bool"),
                Arguments.of("!!null on text", CM + "!!null x\n", "m.yaml:6:6: cannot decode !!str `x` as a !!null"),
                Arguments.of("!!str makes a port a string", "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n"
                        + "spec:\n  ports:\n  - port: !!str 80\n",
                        "m.yaml:7:11: spec.ports[0].port: expected an integer, got string (80)"),
                Arguments.of("kind: no is YAML's false", "apiVersion: v1\nkind: no\nmetadata:\n  name: a\n",
                        "m.yaml:2:7: kind: kind must be a string, not bool (no); quote it"),
                Arguments.of("a numeric kind", "apiVersion: v1\nkind: 12\n",
                        "m.yaml:2:7: kind: kind must be a string, not number (12); quote it"),
                Arguments.of("a numeric apiVersion", "apiVersion: 1\nkind: Namespace\n",
                        "m.yaml:1:13: apiVersion: apiVersion must be a string, not number (1); quote it"),
                Arguments.of("a mapping for kind", "apiVersion: v1\nkind: {a: b}\n",
                        "m.yaml:2:7: kind: kind must be a string, not object; quote it"),
                Arguments.of("a targetPort past int64", "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n"
                        + "spec:\n  ports:\n  - port: 80\n    targetPort: 99999999999999999999\n",
                        // YAML reads it as a float: the number kubectl would send.
                        "m.yaml:8:17: spec.ports[0].targetPort: expected an integer that fits in int32, got "
                                + "100000000000000000000"),
                Arguments.of("a targetPort past int32", "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n"
                        + "spec:\n  ports:\n  - port: 80\n    targetPort: 4294967376\n",
                        "m.yaml:8:17: spec.ports[0].targetPort: expected an integer that fits in int32, got 4294967376"),
                Arguments.of("!!timestamp on text", CM + "!!timestamp soon\n",
                        "m.yaml:6:6: cannot decode !!str `soon` as a !!timestamp"),
                Arguments.of("!!timestamp on February 30th", CM + "!!timestamp 2024-02-30\n",
                        "m.yaml:6:6: cannot decode !!str `2024-02-30` as a !!timestamp"),
                Arguments.of("!!timestamp on a number", CM + "!!timestamp 20240102\n",
                        "m.yaml:6:6: cannot decode !!int `20240102` as a !!timestamp"),
                Arguments.of("invalid !!binary", CM + "!!binary \"not base64!\"\n",
                        "m.yaml:6:6: !!binary value contains invalid base64 data"),
                Arguments.of("!!binary without padding", CM + "!!binary aGVsbG8\n",
                        "m.yaml:6:6: !!binary value contains invalid base64 data"),
                Arguments.of(".nan", CM + ".nan\n", "m.yaml:6:6: json: unsupported value: NaN (JSON has no NaN or "
                        + "infinity)"),
                Arguments.of("-.inf", CM + "-.Inf\n", "m.yaml:6:6: json: unsupported value: -Inf (JSON has no NaN or "
                        + "infinity)"),
                Arguments.of(".inf in a Service", "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n"
                        + "  ports:\n  - port: .inf\n", "m.yaml:7:11: json: unsupported value: +Inf (JSON has no NaN "
                        + "or infinity)"),
                Arguments.of("a lone surrogate escape in YAML", CM + "\"\\ud800\"\n",
                        "m.yaml:6:6: found invalid Unicode character escape code"),
                Arguments.of("a surrogate pair of escapes in YAML", CM + "\"\\ud83d\\ude00\"\n",
                        "m.yaml:6:6: found invalid Unicode character escape code"),
                Arguments.of("a surrogate escape in a key", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"
                        + "data:\n  \"k\\udc00\": v\n", "m.yaml:6:3: found invalid Unicode character escape code"),
                Arguments.of("a non-hex YAML escape", CM + "\"\\u12G4\"\n", null),
                Arguments.of("a non-hex JSON escape", JSON_CM + "\"\\u12G4\"}}",
                        "m.yaml:1:89: malformed JSON: invalid character 'G' in \\u hexadecimal character escape"),
                Arguments.of("an unknown JSON escape", JSON_CM + "\"\\x41\"}}",
                        "m.yaml:1:86: malformed JSON: invalid character 'x' in string escape code"),
                Arguments.of("a string over 3 MiB", CM + "y".repeat(3 * 1024 * 1024 + 1) + "\n",
                        "m.yaml:6:6: a string of 3145729 characters; kube-apiserver refuses a request body over 3 MiB "
                                + "(Request entity too large: limit is 3145728)"),
                Arguments.of("an implicit key over 1024 characters, as libyaml refuses it", "apiVersion: v1\n"
                        + "kind: ConfigMap\nmetadata:\n  name: a\ndata:\n  " + "k".repeat(1025) + ": v\n",
                        "m.yaml:6:1028: malformed YAML: mapping values are not allowed here"),
                Arguments.of("a name over 3 MiB in JSON", "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\":"
                        + " {\"name\": \"" + "n".repeat(3 * 1024 * 1024 + 1) + "\"}}", "m.yaml:1:64: a string of "
                        + "3145729 characters; kube-apiserver refuses a request body over 3 MiB (Request entity too "
                        + "large: limit is 3145728)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refused(String name, String text, String expected) {
        ManifestException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(ManifestException.class, () -> ManifestDecoder.decodeAll("m.yaml", text)));
        if (expected != null) {
            assertEquals(expected, e.problems().get(0).describe());
        }
    }

    private static final String SVC = "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n";
    private static final String SVC_PREFIX = "Service in version \"v1\" cannot be handled as a Service: ";
    private static final String NS = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns1\n";
    private static final String NS_PREFIX = "Namespace in version \"v1\" cannot be handled as a Namespace: ";

    @org.junit.jupiter.api.Test
    void timesAreReadAsGoReadsRfc3339() throws ManifestException {
        // Go takes a one-digit hour, a comma before the fraction and an offset; java.time's ISO parser does not.
        List<Decoded> docs = ManifestDecoder.decodeAll("m.yaml", NS + "  creationTimestamp: 2024-01-02T1:02:03,5+01:00\n");
        assertEquals(java.time.Instant.parse("2024-01-02T00:02:03.5Z"),
                ((Decoded.Object) docs.get(0)).object().meta().creationTimestamp());
    }

    /**
     * What kubectl prints of the problem: after "error parsing FILE: " for what it cannot turn into JSON (checked
     * against kubectl 1.33 to 1.35), after "error when creating" for what kube-apiserver's decoder refuses.
     */
    static Stream<Arguments> kubectlWords() {
        return Stream.of(
                Arguments.of("a tag the text contradicts: go-yaml's resolver names no line", CM + "!!int foo\n",
                        "error converting YAML to JSON: yaml: cannot decode !!str `foo` as a !!int"),
                Arguments.of("!!timestamp on text", CM + "!!timestamp foo\n",
                        "error converting YAML to JSON: yaml: cannot decode !!str `foo` as a !!timestamp"),
                Arguments.of("invalid !!binary", CM + "!!binary \"not base64!\"\n",
                        "error converting YAML to JSON: yaml: !!binary value contains invalid base64 data"),
                Arguments.of("NaN: Go's JSON encoder refuses it", CM + ".nan\n",
                        "error converting YAML to JSON: json: unsupported value: NaN"),
                Arguments.of("a scanner error names its line", CM + "\"\\ud800\"\n",
                        "error converting YAML to JSON: yaml: line 6: found invalid Unicode character escape code"),
                Arguments.of("Go's error context names a map, not its key", SVC + "  selector:\n    app: 1\n",
                        SVC_PREFIX + "json: cannot unmarshal number into Go struct field ServiceSpec.spec.selector of "
                                + "type string"),
                Arguments.of("the first wrong type in the order of kubectl's JSON (sorted keys)", SVC + "  type: 1\n"
                        + "  clusterIP: 2\n", SVC_PREFIX + "json: cannot unmarshal number into Go struct field "
                                + "ServiceSpec.spec.clusterIP of type string"),
                Arguments.of("an IntOrString's error stops Go's decoder: it is the answer", SVC.replace("spec:\n",
                        "  labels: {a: 1}\nspec:\n") + "  ports:\n  - port: 80\n    targetPort: true\n", SVC_PREFIX + "json: cannot unmarshal bool "
                                + "into Go struct field ServicePort.spec.ports.targetPort of type int32"),
                Arguments.of("a date for a Namespace's creationTimestamp", NS + "  creationTimestamp: 2024-01-02\n",
                        NS_PREFIX + "parsing time \"2024-01-02\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" "
                                + "as \"T\""),
                Arguments.of("a time's error stops Go's decoder: it is answered before an earlier wrong type", NS
                        + "  annotations: {a: 1}\n  creationTimestamp: \"2024-02-30T10:00:00Z\"\n",
                        NS_PREFIX + "parsing time \"2024-02-30T10:00:00Z\": day out of range"),
                Arguments.of("a ServiceCIDR condition's time", "apiVersion: networking.k8s.io/v1\nkind: ServiceCIDR\n"
                        + "metadata:\n  name: s\nspec:\n  cidrs: [10.0.0.0/24]\nstatus:\n  conditions:\n"
                        + "  - type: Ready\n    status: \"True\"\n    lastTransitionTime: \"2024-01-02T10:00:00+0100\"\n",
                        "ServiceCIDR in version \"v1\" cannot be handled as a ServiceCIDR: parsing time "
                                + "\"2024-01-02T10:00:00+0100\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"+0100\" "
                                + "as \"Z07:00\""),
                Arguments.of("unknown fields in the order of kubectl's JSON", SVC + "  zeta: 1\n  ports:\n  - port: 80\n"
                        + "    beta: 2\n  alpha: 3\n", SVC_PREFIX + "strict decoding error: unknown field \"spec.alpha\", "
                                + "unknown field \"spec.ports[0].beta\", unknown field \"spec.zeta\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void kubectlWords(String name, String text, String kubectl) {
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestDecoder.decodeAll("m.yaml", text));
        assertEquals(kubectl, e.problems().get(0).kubeMessage());
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("!!str keeps a number's text", CM + "!!str 0x1F\n", "0x1F"),
                Arguments.of("!!float takes an integer", CM + "!!float 80\n", "80"),
                Arguments.of("!!binary is decoded", CM + "!!binary aGVsbG8=\n", "hello"),
                Arguments.of("!!timestamp on a date keeps its text", CM + "!!timestamp 2024-1-2\n", "2024-1-2"),
                Arguments.of("a plain timestamp is its text", CM + "2001-12-14t21:59:43.10-05:00\n",
                        "2001-12-14t21:59:43.10-05:00"),
                Arguments.of("a local tag keeps the text", CM + "!thing 80\n", "80"),
                Arguments.of("a lone surrogate in JSON becomes U+FFFD, as in Go", JSON_CM + "\"a\\ud800b\"}}",
                        "a\uFFFDb"),
                Arguments.of("a surrogate pair in JSON joins, as in Go", JSON_CM + "\"\\ud83d\\ude00\"}}",
                        "\uD83D\uDE00"),
                Arguments.of("a literal emoji in YAML", CM + "\"\uD83D\uDE00 \\u00e9\"\n", "\uD83D\uDE00 \u00e9"),
                Arguments.of("a key of 1024 characters", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"
                        + "data:\n  x: v\n  " + "k".repeat(1022) + ": v\n", "v"),
                Arguments.of("a string of exactly 3 MiB", CM + "y".repeat(3 * 1024 * 1024) + "\n",
                        "y".repeat(3 * 1024 * 1024)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void accepted(String name, String text, String value) throws ManifestException {
        List<Decoded> docs = ManifestDecoder.decodeAll("m.yaml", text);
        PMap data = (PMap) ((Decoded.Other) docs.get(0)).raw().get("data");
        assertEquals(value, ((PScalar) data.get("x")).value());
    }
}
