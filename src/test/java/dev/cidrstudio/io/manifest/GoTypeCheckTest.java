package dev.cidrstudio.io.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.io.yaml.PNode.PMap;
import dev.cidrstudio.io.yaml.YamlReader;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kept kinds that Kubernetes knows are decoded into their Go types as kube-apiserver decodes them with
 * {@code fieldValidation=Strict} (kubectl's default): wrong JSON types, unreadable times and quantities, and unknown
 * fields are refused at their line, with the server's words first.
 */
class GoTypeCheckTest {

    private static final String POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n";
    private static final String POD_PREFIX = "Pod in version \"v1\" cannot be handled as a Pod: ";
    private static final String CONTAINER = POD + "spec:\n  containers:\n  - name: c\n    image: nginx\n";
    private static final String VAP = "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\n"
            + "metadata:\n  name: p\nspec:\n";
    private static final String VAP_PREFIX = "ValidatingAdmissionPolicy in version \"v1\" cannot be handled as a "
            + "ValidatingAdmissionPolicy: ";

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("a string for an int32", CONTAINER + "    ports:\n    - containerPort: \"80\"\n",
                        "m.yaml:10:22: spec.containers[0].ports[0].containerPort: expected an integer, got string (80)",
                        POD_PREFIX + "json: cannot unmarshal string into Go struct field ContainerPort.spec.containers"
                                + ".ports.containerPort of type int32"),
                Arguments.of("a number past int32", CONTAINER + "    ports:\n    - containerPort: 4294967376\n",
                        "m.yaml:10:22: spec.containers[0].ports[0].containerPort: expected an integer that fits in "
                                + "int32, got 4294967376", POD_PREFIX + "json: cannot unmarshal number 4294967376 into "
                                + "Go struct field ContainerPort.spec.containers.ports.containerPort of type int32"),
                Arguments.of("a fraction for an int64", POD + "spec:\n  activeDeadlineSeconds: 1.5\n",
                        "m.yaml:6:26: spec.activeDeadlineSeconds: expected an integer that fits in int64, got 1.5",
                        POD_PREFIX + "json: cannot unmarshal number 1.5 into Go struct field PodSpec.spec"
                                + ".activeDeadlineSeconds of type int64"),
                Arguments.of("a mapping for a list of structs", POD + "spec:\n  containers:\n    name: c\n",
                        "m.yaml:7:5: spec.containers: expected a list, got object",
                        POD_PREFIX + "json: cannot unmarshal object into Go struct field PodSpec.spec.containers of "
                                + "type []v1.Container"),
                Arguments.of("a string for a struct", POD + "spec: none\n", "m.yaml:5:7: spec: expected a mapping, got "
                        + "string (none)", POD_PREFIX + "json: cannot unmarshal string into Go struct field Pod.spec of "
                        + "type v1.PodSpec"),
                Arguments.of("a number for a label: Go names the map, not the key", POD + "  labels:\n    tier: 1\n",
                        "m.yaml:6:11: metadata.labels.tier: expected a string, got number (1)",
                        POD_PREFIX + "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of "
                                + "type string"),
                Arguments.of("YAML's no for a name", "apiVersion: v1\nkind: Node\nmetadata:\n  name: no\n",
                        "m.yaml:4:9: metadata.name: expected a string, got bool (no)", "Node in version \"v1\" cannot "
                                + "be handled as a Node: json: cannot unmarshal bool into Go struct field ObjectMeta"
                                + ".metadata.name of type string"),
                Arguments.of("a string for a Node's podCIDRs", "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n"
                        + "spec:\n  podCIDRs: 10.0.0.0/24\n", "m.yaml:6:13: spec.podCIDRs: expected a list, got string "
                        + "(10.0.0.0/24)", "Node in version \"v1\" cannot be handled as a Node: json: cannot unmarshal "
                        + "string into Go struct field NodeSpec.spec.podCIDRs of type []string"),
                Arguments.of("a named string type", VAP + "  failurePolicy: 1\n", "m.yaml:6:18: spec.failurePolicy: "
                        + "expected a string, got number (1)", VAP_PREFIX + "json: cannot unmarshal number into Go "
                        + "struct field ValidatingAdmissionPolicySpec.spec.failurePolicy of type v1.FailurePolicyType"),
                Arguments.of("a number for a policy's expression", VAP + "  validations:\n  - expression: 1\n",
                        "m.yaml:7:17: spec.validations[0].expression: expected a string, got number (1)",
                        VAP_PREFIX + "json: cannot unmarshal number into Go struct field Validation.spec.validations"
                                + ".expression of type string"),
                Arguments.of("a string for a binding's list of actions", "apiVersion: admissionregistration.k8s.io/v1\n"
                        + "kind: ValidatingAdmissionPolicyBinding\nmetadata:\n  name: b\nspec:\n  policyName: p\n"
                        + "  validationActions: Deny\n", "m.yaml:7:22: spec.validationActions: expected a list, got "
                        + "string (Deny)", "ValidatingAdmissionPolicyBinding in version \"v1\" cannot be handled as a "
                        + "ValidatingAdmissionPolicyBinding: json: cannot unmarshal string into Go struct field "
                        + "ValidatingAdmissionPolicyBindingSpec.spec.validationActions of type []v1.ValidationAction"),
                Arguments.of("an EndpointSlice port as a string", "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\n"
                        + "metadata:\n  name: e\naddressType: IPv4\nendpoints:\n- addresses: [10.0.0.1]\nports:\n"
                        + "- port: \"80\"\n", "m.yaml:9:9: ports[0].port: expected an integer, got string (80)",
                        "EndpointSlice in version \"v1\" cannot be handled as a EndpointSlice: json: cannot unmarshal "
                                + "string into Go struct field EndpointPort.ports.port of type int32"),
                Arguments.of("a date for a metav1.Time", POD + "  creationTimestamp: 2024-01-02\n",
                        "m.yaml:5:22: metadata.creationTimestamp: not an RFC 3339 time (2006-01-02T15:04:05Z07:00): "
                                + "2024-01-02", POD_PREFIX + "parsing time \"2024-01-02\" as \"2006-01-02T15:04:05Z07:00\""
                                + ": cannot parse \"\" as \"T\""),
                Arguments.of("a number for a metav1.Time: Go reads it into a string", POD + "  creationTimestamp: 5\n",
                        "m.yaml:5:22: metadata.creationTimestamp: expected an RFC 3339 time, got number (5)",
                        POD_PREFIX + "json: cannot unmarshal number into Go struct field ObjectMeta.metadata"
                                + ".creationTimestamp of type string"),
                Arguments.of("the thirteenth month", POD + "  creationTimestamp: \"2024-13-02T00:00:00Z\"\n",
                        "m.yaml:5:22: metadata.creationTimestamp: not an RFC 3339 time (2006-01-02T15:04:05Z07:00): "
                                + "2024-13-02T00:00:00Z", POD_PREFIX + "parsing time \"2024-13-02T00:00:00Z\": month out "
                                + "of range"),
                Arguments.of("a MicroTime without its six digits", "apiVersion: events.k8s.io/v1\nkind: Event\n"
                        + "metadata:\n  name: e\neventTime: 2024-01-02T10:00:00Z\n", "m.yaml:5:12: eventTime: not an "
                        + "RFC 3339 time with microseconds (2006-01-02T15:04:05.000000Z07:00): 2024-01-02T10:00:00Z",
                        "Event in version \"v1\" cannot be handled as a Event: parsing time \"2024-01-02T10:00:00Z\" as "
                                + "\"2006-01-02T15:04:05.000000Z07:00\": cannot parse \"Z\" as \".000000\""),
                Arguments.of("a core Event's time", "apiVersion: v1\nkind: Event\nmetadata:\n  name: e\n  namespace: d\n"
                        + "involvedObject:\n  kind: Pod\n  name: p\nfirstTimestamp: yesterday\n",
                        "m.yaml:9:17: firstTimestamp: not an RFC 3339 time (2006-01-02T15:04:05Z07:00): yesterday",
                        "Event in version \"v1\" cannot be handled as a Event: parsing time \"yesterday\" as "
                                + "\"2006-01-02T15:04:05Z07:00\": cannot parse \"yesterday\" as \"2006\""),
                Arguments.of("a bad quantity", CONTAINER + "    resources:\n      limits:\n        memory: 1KM\n",
                        "m.yaml:11:17: spec.containers[0].resources.limits.memory: not a quantity: string (1KM)",
                        POD_PREFIX + "unable to parse quantity's suffix"),
                Arguments.of("a bool for a quantity", CONTAINER + "    resources:\n      requests:\n        cpu: yes\n",
                        "m.yaml:11:14: spec.containers[0].resources.requests.cpu: not a quantity: bool (yes)",
                        POD_PREFIX + "quantities must match the regular expression "
                                + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"),
                Arguments.of("a bool for an IntOrString", CONTAINER + "    livenessProbe:\n      httpGet:\n"
                        + "        port: true\n", "m.yaml:11:15: spec.containers[0].livenessProbe.httpGet.port: expected a "
                        + "number or a string, got bool (true)", POD_PREFIX + "json: cannot unmarshal bool into Go "
                        + "struct field HTTPGetAction.spec.containers.livenessProbe.httpGet.port of type int32"),
                Arguments.of("a fraction for an IntOrString", CONTAINER + "    livenessProbe:\n      tcpSocket:\n"
                        + "        port: 80.5\n", "m.yaml:11:15: spec.containers[0].livenessProbe.tcpSocket.port: expected "
                        + "an integer that fits in int32, got 80.5", POD_PREFIX + "json: cannot unmarshal number 80.5 "
                        + "into Go struct field TCPSocketAction.spec.containers.livenessProbe.tcpSocket.port of type "
                        + "int32"),
                Arguments.of("an unknown field", POD + "spec:\n  containers: []\n  foo: 1\n", "m.yaml:7:3: spec.foo: "
                        + "unknown field", POD_PREFIX + "strict decoding error: unknown field \"spec.foo\""),
                Arguments.of("unknown fields in the order kubectl's JSON has them, with indices", CONTAINER
                        + "    zeta: 1\n  alpha: 2\n", "m.yaml:10:3: spec.alpha: unknown field", POD_PREFIX + "strict "
                        + "decoding error: unknown field \"spec.alpha\", unknown field \"spec.containers[0].zeta\""),
                Arguments.of("a wrong type is answered before unknown fields", POD + "spec:\n  aaa: 1\n"
                        + "  hostNetwork: 1\n", "m.yaml:7:16: spec.hostNetwork: expected true or false, got number (1)",
                        POD_PREFIX + "json: cannot unmarshal number into Go struct field PodSpec.spec.hostNetwork of "
                                + "type bool"),
                Arguments.of("the first wrong type in kubectl's key order", POD + "spec:\n  hostPID: 1\n"
                        + "  hostIPC: 1\n", "m.yaml:7:12: spec.hostIPC: expected true or false, got number (1)",
                        POD_PREFIX + "json: cannot unmarshal number into Go struct field PodSpec.spec.hostIPC of type "
                                + "bool"),
                Arguments.of("a field decoder's error stops Go's decoding: it is the answer", POD + "  labels:\n"
                        + "    a: 1\nspec:\n  containers:\n  - name: c\n    resources:\n      limits:\n        cpu: x\n",
                        "m.yaml:12:14: spec.containers[0].resources.limits.cpu: not a quantity: string (x)",
                        POD_PREFIX + "quantities must match the regular expression "
                                + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"),
                Arguments.of("a kept Pod in a List", "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n"
                        + "  metadata:\n    name: p\n  spec:\n    nodeName: 1\n", "m.yaml:9:15: items[0].spec.nodeName: "
                        + "expected a string, got number (1)", POD_PREFIX + "json: cannot unmarshal number into Go "
                        + "struct field PodSpec.spec.nodeName of type string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refused(String name, String text, String described, String kube) {
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestDecoder.decodeAll("m.yaml", text));
        assertEquals(described, e.problems().get(0).describe());
        assertEquals(kube, e.problems().get(0).kubeMessage());
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("a plain date in a string field", POD + "  annotations:\n    day: 2024-01-02\n"),
                Arguments.of("an RFC 3339 time with a fraction and an offset", POD
                        + "  creationTimestamp: 2024-01-02T10:00:00.5+01:00\n"),
                Arguments.of("quantities as strings, numbers and with spaces", CONTAINER + "    resources:\n"
                        + "      limits:\n        cpu: 0.5\n        memory: \" 1Gi \"\n        x: 1e3\n"),
                Arguments.of("an IntOrString as a name or a number", CONTAINER + "    livenessProbe:\n      httpGet:\n"
                        + "        port: http\n    readinessProbe:\n      tcpSocket:\n        port: 8080\n"),
                Arguments.of("null anywhere", POD + "  labels: null\nspec:\n  containers: ~\n  hostNetwork: null\n"),
                Arguments.of("managedFields' fieldsV1 holds any JSON", POD + "  managedFields:\n  - manager: m\n"
                        + "    fieldsV1:\n      f:spec: {a: [1, true]}\n"),
                Arguments.of("a field of the newest release", POD + "spec:\n  hostnameOverride: h\n  containers: []\n"),
                Arguments.of("a kind no Kubernetes release knows stays untyped", "apiVersion: example.com/v1\n"
                        + "kind: Widget\nmetadata:\n  name: w\nspec:\n  anything: [1, {a: b}]\n"),
                Arguments.of("a policy as the docs write it", VAP + "  failurePolicy: Fail\n  matchConstraints:\n"
                        + "    resourceRules:\n    - apiGroups: [\"\"]\n      apiVersions: [v1]\n"
                        + "      operations: [CREATE]\n      resources: [services]\n  validations:\n"
                        + "  - expression: object.spec.type != 'NodePort'\n    reason: Invalid\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void accepted(String name, String text) throws ManifestException {
        assertEquals(1, ManifestDecoder.decodeAll("m.yaml", text).size());
    }

    @Test
    void aFieldIsUnknownToTheReleasesBeforeTheOneThatAddedIt() throws Exception {
        PMap doc = (PMap) new YamlReader().read("m.yaml", POD + "spec:\n  hostnameOverride: h\n").get(0).root();
        GoTypes.Struct pod = GoTypes.kind("v1", "Pod");
        assertEquals(List.of(), GoTypeCheck.check("m.yaml", doc, pod, "Pod", "v1", "1.34"));
        List<Problem> old = GoTypeCheck.check("m.yaml", doc, pod, "Pod", "v1", "1.33");
        assertEquals(POD_PREFIX + "strict decoding error: unknown field \"spec.hostnameOverride\"",
                old.get(0).kubeMessage());
    }

    @Test
    void aFloodOfMistakesIsBounded() {
        StringBuilder sb = new StringBuilder(POD + "spec:\n  containers:\n");
        for (int i = 0; i < 50_000; i++) {
            sb.append("  - name: c").append(i).append("\n    bad").append(i).append(": 1\n    tty: 1\n");
        }
        ManifestException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(ManifestException.class, () -> ManifestDecoder.decodeAll("m.yaml", sb.toString())));
        assertTrue(e.problems().size() <= 2 * GoTypeCheck.MAX_ERRORS, "problems: " + e.problems().size());
    }
}
