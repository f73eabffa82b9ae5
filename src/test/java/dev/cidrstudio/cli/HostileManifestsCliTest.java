package dev.cidrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Manifests that used to crash {@code check} or {@code import}, or that they took although kube-apiserver refuses
 * them: both commands answer with one clean {@code FILE:LINE: error: ...} a problem, naming the field, in
 * Kubernetes' words where the server has them, and exit 1 (never 2, an internal error or a stack trace).
 */
class HostileManifestsCliTest {

    /**
     * One manifest; {@code line} and the text {@code check} prints; what {@code import} prints there (its own words
     * for what the decoder refuses, the same as {@code check} for what the API server refuses).
     */
    record Case(String name, String yaml, int line, String check, String imported) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String SERVICE = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n";
    private static final String INT32 = " into Go struct field ServicePort.spec.ports.%s of type int32";

    static Stream<Case> cases() {
        String hugeKey = "k".repeat(3_000_000);
        String bigValue = "v".repeat(262_144);
        return Stream.of(
                new Case("Namespace without a name", "apiVersion: v1\nkind: Namespace\nmetadata:\n  labels: {a: b}\n",
                        3, same("Namespace \"\" is invalid: metadata.name: Required value: name or generateName is "
                                + "required"), null),
                new Case("IPAddress without a name", "apiVersion: networking.k8s.io/v1\nkind: IPAddress\nmetadata: {}\n"
                        + "spec:\n  parentRef: {group: \"\", resource: services, name: x, namespace: default}\n", 3,
                        same("IPAddress.networking.k8s.io \"\" is invalid: metadata.name: Required value: name or "
                                + "generateName is required"), null),
                new Case("ServiceCIDR without a name", "apiVersion: networking.k8s.io/v1\nkind: ServiceCIDR\n"
                        + "metadata: {}\nspec:\n  cidrs: [10.100.0.0/16]\n", 3,
                        same("ServiceCIDR.networking.k8s.io \"\" is invalid: metadata.name: Required value: name or "
                                + "generateName is required"), null),
                new Case("a policy validation without expression", "apiVersion: admissionregistration.k8s.io/v1\n"
                        + "kind: ValidatingAdmissionPolicy\nmetadata:\n  name: p\nspec:\n  matchConstraints:\n"
                        + "    resourceRules:\n    - apiGroups: [\"\"]\n      apiVersions: [v1]\n"
                        + "      operations: [CREATE]\n      resources: [services]\n  validations:\n  - message: hi\n",
                        13, same("ValidatingAdmissionPolicy.admissionregistration.k8s.io \"p\" is invalid: "
                                + "spec.validations[0].expression: Required value: expression is not specified"), null),
                new Case("targetPort beyond int64", SERVICE + "  - port: 80\n    targetPort: 9223372036854775808\n", 8,
                        "Service in version \"v1\" cannot be handled as a Service: json: cannot unmarshal number "
                                + "9223372036854775808" + INT32.formatted("targetPort"),
                        "spec.ports[0].targetPort: expected an integer that fits in int32, got 9223372036854775808 "
                                + "(column 17)"),
                new Case("port beyond int32", SERVICE + "  - port: 4294967296\n", 7,
                        "Service in version \"v1\" cannot be handled as a Service: json: cannot unmarshal number "
                                + "4294967296" + INT32.formatted("port"),
                        "spec.ports[0].port: expected an integer that fits in int32, got 4294967296 (column 11)"),
                new Case("nodePort beyond uint64, which YAML reads as a float", SERVICE.replace("spec:\n",
                        "spec:\n  type: NodePort\n") + "  - port: 80\n    nodePort: 99999999999999999999\n", 9,
                        "Service in version \"v1\" cannot be handled as a Service: json: cannot unmarshal number "
                                + "100000000000000000000" + INT32.formatted("nodePort"),
                        "spec.ports[0].nodePort: expected an integer that fits in int32, got 100000000000000000000 "
                                + "(column 15)"),
                new Case("a targetPort that is not whole", SERVICE + "  - port: 80\n    targetPort: 80.5\n", 8,
                        "Service in version \"v1\" cannot be handled as a Service: json: cannot unmarshal number "
                                + "80.5" + INT32.formatted("targetPort"),
                        "spec.ports[0].targetPort: expected an integer that fits in int32, got 80.5 (column 17)"),
                // In JSON: a YAML plain key that long is no key at all (libyaml's 1024-character limit).
                new Case("a 3 MB label key on a Namespace", "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\",\n"
                        + "\"metadata\": {\"name\": \"big\",\n\"labels\": {\"" + hugeKey + "\": \"v\"}}}\n", 3, same("Namespace \"big\" is invalid: "
                                + "metadata.labels: Invalid value: \"" + hugeKey + "\": name part must be no more "
                                + "than 63 characters"), null),
                new Case("a label value that is no label value on a Node", "apiVersion: v1\nkind: Node\nmetadata:\n"
                        + "  name: n1\n  labels:\n    zone: \"-a\"\n", 5, same("Node \"n1\" is invalid: "
                                + "metadata.labels: Invalid value: \"-a\": a valid label must be an empty string or "
                                + "consist of alphanumeric characters, '-', '_' or '.', and must start and end with "
                                + "an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex "
                                + "used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"), null),
                new Case("annotations beyond 256 KiB on a Pod", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n"
                        + "  annotations:\n    a: " + bigValue + "\nspec:\n  containers: [{name: c, image: nginx}]\n",
                        5, same("Pod \"p\" is invalid: metadata.annotations: Too long: may not be more than 262144 "
                                + "bytes"), null),
                new Case("a Service in a namespace no namespace can be called", SERVICE.replace("  name: web\n",
                        "  name: web\n  namespace: Not_A_Label\n") + "  - port: 80\n", 5,
                        same("Namespace \"Not_A_Label\" is invalid: metadata.name: Invalid value: \"Not_A_Label\": "
                                + "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or "
                                + "'-', and must start and end with an alphanumeric character (e.g. 'my-name',  or "
                                + "'123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"), null),
                new Case("a policy with a label key of two slashes", "apiVersion: admissionregistration.k8s.io/v1\n"
                        + "kind: ValidatingAdmissionPolicyBinding\nmetadata:\n  name: b\n  labels:\n    a/b/c: x\n"
                        + "spec:\n  policyName: p\n  validationActions: [Deny]\n", 5,
                        same("ValidatingAdmissionPolicyBinding.admissionregistration.k8s.io \"b\" is invalid: "
                                + "metadata.labels: Invalid value: \"a/b/c\": a qualified name must consist of "
                                + "alphanumeric characters, '-', '_' or '.', and must start and end with an "
                                + "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used "
                                + "for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional "
                                + "DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"), null),
                new Case("a string for a Pod's containerPort", POD + "    ports:\n    - containerPort: \"80\"\n", 10,
                        "Pod in version \"v1\" cannot be handled as a Pod: json: cannot unmarshal string into Go "
                                + "struct field ContainerPort.spec.containers.ports.containerPort of type int32",
                        "spec.containers[0].ports[0].containerPort: expected an integer, got string (80) (column 22)"),
                new Case("an unknown field in a Pod", POD + "    imagePullPolicy: Always\n    imagePulPolicy: Never\n",
                        10, "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field "
                                + "\"spec.containers[0].imagePulPolicy\"",
                        "spec.containers[0].imagePulPolicy: unknown field (column 5)"),
                new Case("a bad quantity in a Pod", POD + "    resources:\n      limits:\n        memory: 1KM\n", 11,
                        "Pod in version \"v1\" cannot be handled as a Pod: unable to parse quantity's suffix",
                        "spec.containers[0].resources.limits.memory: not a quantity: string (1KM) (column 17)"),
                new Case("a date for a Node's creationTimestamp", "apiVersion: v1\nkind: Node\nmetadata:\n"
                        + "  name: n1\n  creationTimestamp: 2024-01-02\n", 5, "Node in version \"v1\" cannot be "
                                + "handled as a Node: parsing time \"2024-01-02\" as \"2006-01-02T15:04:05Z07:00\": "
                                + "cannot parse \"\" as \"T\"", "metadata.creationTimestamp: not an RFC 3339 time "
                                + "(2006-01-02T15:04:05Z07:00): 2024-01-02 (column 22)"),
                new Case("a number for a policy's expression", "apiVersion: admissionregistration.k8s.io/v1\n"
                        + "kind: ValidatingAdmissionPolicy\nmetadata:\n  name: p\nspec:\n  validations:\n"
                        + "  - expression: 12\n", 7, "ValidatingAdmissionPolicy in version \"v1\" cannot be handled as "
                                + "a ValidatingAdmissionPolicy: json: cannot unmarshal number into Go struct field "
                                + "Validation.spec.validations.expression of type string",
                        "spec.validations[0].expression: expected a string, got number (12) (column 17)"),
                new Case("a field of 1.34 in a 1.33 plan", "apiVersion: cidrstudio.dev/v1alpha1\nkind: Cluster\n"
                        + "metadata: {name: old}\nspec:\n  kubernetesVersion: \"1.33\"\n"
                        + "  serviceClusterIPRange: 10.96.0.0/16\n---\n" + POD.replace("spec:\n",
                        "spec:\n  hostnameOverride: db-0\n"), 13, same("Pod in version \"v1\" cannot be handled as a "
                                + "Pod: strict decoding error: unknown field \"spec.hostnameOverride\""), null),
                new Case("!!timestamp on what is no timestamp", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                        + "  name: c\ndata:\n  when: !!timestamp soon\n", 6, "error converting YAML to JSON: yaml: "
                                + "cannot decode !!str `soon` as a !!timestamp", "cannot decode !!str `soon` as a "
                                + "!!timestamp (column 9)"));
    }

    private static final String POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
            + "  - name: c\n    image: nginx\n";

    /** A marker: {@code import} prints what {@code check} prints. */
    private static String same(String message) {
        return message;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void checkAndImportAnswerWithOneCleanLine(Case c, @TempDir Path dir) throws Exception {
        Path f = dir.resolve("hostile.yaml");
        Files.writeString(f, c.yaml());
        String where = f + ":" + c.line() + ": error: ";

        CliTest.Run check = CliTest.cli("", "check", f.toString());
        assertEquals(List.of(where + c.check()), check.out().lines().toList(), c.name());
        assertEquals(1, check.code(), c.name());
        assertClean(check);

        CliTest.Run imported = CliTest.cli("", "import", f.toString());
        assertEquals(List.of(where + (c.imported() == null ? c.check() : c.imported())),
                imported.err().lines().toList(), c.name());
        assertEquals(1, imported.code(), c.name());
        assertClean(imported);
    }

    private static void assertClean(CliTest.Run r) {
        String all = r.out() + r.err();
        assertFalse(all.contains("internal error"), all.length() > 2000 ? all.substring(0, 2000) : all);
        assertFalse(all.contains("Exception") || all.contains("\tat "), "a stack trace");
        assertTrue(r.code() != 2 && r.code() < 3, "exit code " + r.code());
    }
}
