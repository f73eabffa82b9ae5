package dev.cidrstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Admission policies applied in the API server itself, so imports and every other entry point go through them. */
class PolicyAdmissionTest {

    static final String DENY_POLICY = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata:
              name: "servicecidrs.deny"
            spec:
              failurePolicy: Fail
              matchConstraints:
                resourceRules:
                - apiGroups: ["networking.k8s.io"]
                  apiVersions: ["v1"]
                  operations: ["CREATE", "UPDATE"]
                  resources: ["servicecidrs"]
              validations:
              - expression: "object.metadata.name == 'kubernetes'"
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicyBinding
            metadata:
              name: "servicecidrs-deny-binding"
            spec:
              policyName: "servicecidrs.deny"
              validationActions: [Deny,Audit]
            """;

    static final String DENIAL = "ValidatingAdmissionPolicy 'servicecidrs.deny' with binding "
            + "'servicecidrs-deny-binding' denied request: failed expression: object.metadata.name == 'kubernetes'";

    private static ManifestImport.Report importText(ApiServer api, String name, String text)
            throws ManifestImport.ImportException {
        return ManifestImport.apply(api, ManifestImport.decode(List.of(new ManifestImport.Source(name, text))));
    }

    private static ServiceCidr cidr(String name, String... cidrs) {
        return new ServiceCidr(ObjectMeta.named(name), List.of(cidrs), List.of());
    }

    @Test
    void aDenyingPolicyStopsAModelWriteWithKubeApiserversStatusAndLeavesThePlanAsItWas() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        importText(api, "policy.yaml", DENY_POLICY);
        var before = api.state().all().size();
        ApiException e = assertThrows(ApiException.class, () -> api.create(cidr("newcidr1", "10.96.0.0/24")));
        assertEquals(422, e.status().code());
        assertEquals("Invalid", e.status().reason());
        assertEquals("servicecidrs.networking.k8s.io \"newcidr1\" is forbidden: " + DENIAL, e.status().message());
        assertEquals("", e.status().causes().get(0).field());
        assertEquals(before, api.state().all().size());
        assertTrue(api.find(Kind.SERVICE_CIDR, null, "newcidr1").isEmpty());
    }

    @Test
    void anImportIsRefusedWholeWhenAPolicyOfThePlanDeniesOneOfItsObjects() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        importText(api, "policy.yaml", DENY_POLICY);
        var e = assertThrows(ManifestImport.ImportException.class, () -> importText(api, "extra.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: ServiceCIDR
                metadata: {name: extra}
                spec: {cidrs: [10.100.0.0/24]}
                """));
        assertEquals(1, e.findings().size(), e.findings().toString());
        Finding f = e.findings().get(0);
        assertEquals("extra.yaml", f.source());
        assertEquals(1, f.mark().line());
        assertEquals("servicecidrs.networking.k8s.io \"extra\" is forbidden: " + DENIAL.replace("'kubernetes'",
                "'kubernetes'"), f.message());
        assertTrue(api.find(Kind.SERVICE_CIDR, null, "extra").isEmpty());
    }

    @Test
    void anAuditBindingRecordsTheFailureAndAWarnBindingReturnsTheWarning() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        importText(api, "policy.yaml", DENY_POLICY.replace("[Deny,Audit]", "[Warn,Audit]"));
        api.create(cidr("extra", "10.100.0.0/24"));
        assertEquals(List.of("Validation failed for ValidatingAdmissionPolicy 'servicecidrs.deny' with binding "
                + "'servicecidrs-deny-binding': failed expression: object.metadata.name == 'kubernetes'"),
                api.takeWarnings());
        var audit = api.auditLog();
        assertEquals(1, audit.size());
        assertEquals("ServiceCIDR extra", audit.get(0).object());
        assertEquals("[{\"message\":\"failed expression: object.metadata.name == 'kubernetes'\",\"policy\":"
                + "\"servicecidrs.deny\",\"binding\":\"servicecidrs-deny-binding\",\"expressionIndex\":0,"
                + "\"validationActions\":[\"Warn\",\"Audit\"]}]", audit.get(0).annotations()
                        .get("validation.policy.admission.k8s.io/validation_failure"));
    }

    static final String PARAMS_POLICY = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata: {name: allowed-ranges}
            spec:
              failurePolicy: Fail
              paramKind: {apiVersion: v1, kind: ConfigMap}
              matchConstraints:
                resourceRules:
                - {apiGroups: ["networking.k8s.io"], apiVersions: ["v1"], operations: ["CREATE"], resources: ["servicecidrs"]}
              validations:
              - expression: "object.spec.cidrs.all(c, params.data.ranges.split(',').exists(r, cidr(r).containsCIDR(c)))"
                messageExpression: "'not inside ' + params.data.ranges"
                reason: Forbidden
              auditAnnotations:
              - key: cidrs
                valueExpression: "object.spec.cidrs.join(',')"
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicyBinding
            metadata: {name: allowed-ranges-binding}
            spec:
              policyName: allowed-ranges
              validationActions: [Deny]
              paramRef: {name: service-ranges, namespace: kube-system, parameterNotFoundAction: Deny}
            """;

    @Test
    void paramsComeFromTheObjectsOfThePlanAndAMissingOneDeniesWithKubernetesText() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        importText(api, "policy.yaml", PARAMS_POLICY);
        ApiException missing = assertThrows(ApiException.class, () -> api.create(cidr("a", "10.96.1.0/24")));
        assertEquals("servicecidrs.networking.k8s.io \"a\" is forbidden: ValidatingAdmissionPolicy 'allowed-ranges' "
                + "with binding 'allowed-ranges-binding' denied request: failed to configure binding: no params found "
                + "for policy binding with `Deny` parameterNotFoundAction", missing.status().message());

        importText(api, "params.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: service-ranges, namespace: kube-system}
                data: {ranges: "10.96.0.0/16,10.200.0.0/16"}
                """);
        api.create(cidr("inside", "10.200.1.0/24"));
        assertEquals("inside", api.auditLog().get(api.auditLog().size() - 1).annotations()
                .get("allowed-ranges/cidrs").replace("10.200.1.0/24", "inside"));
        ApiException outside = assertThrows(ApiException.class, () -> api.create(cidr("outside", "172.20.0.0/16")));
        assertEquals(403, outside.status().code());
        assertEquals("Forbidden", outside.status().reason());
        assertEquals("servicecidrs.networking.k8s.io \"outside\" is forbidden: ValidatingAdmissionPolicy "
                + "'allowed-ranges' with binding 'allowed-ranges-binding' denied request: not inside "
                + "10.96.0.0/16,10.200.0.0/16", outside.status().message());
    }

    @Test
    void anInvalidPolicyInAnImportIsRefusedAtTheLineOfTheField() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        var e = assertThrows(ManifestImport.ImportException.class, () -> importText(api, "bad.yaml", """
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicyBinding
                metadata: {name: b}
                spec:
                  policyName: p
                  validationActions: [Deny, Warn]
                """));
        Finding f = e.findings().get(0);
        assertEquals(6, f.mark().line());
        assertEquals("ValidatingAdmissionPolicyBinding.admissionregistration.k8s.io \"b\" is invalid: "
                + "spec.validationActions: Invalid value: [\"Deny\",\"Warn\"]: "
                + "must not contain both Deny and Warn (repeating the same validation failure information in the API "
                + "response and headers serves no purpose)", f.message());
    }

    @Test
    void aPolicyThatDoesNotTypeCheckAgainstTheServiceCidrSchemaImportsWithKubernetesWarning() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        var report = importText(api, "typo.yaml", DENY_POLICY.replace("object.metadata.name == 'kubernetes'",
                "object.spec.cidr.size() > 0"));
        Finding f = report.findings().stream().filter(x -> x.severity() == Finding.Severity.WARNING).findFirst()
                .orElseThrow();
        assertEquals(14, f.mark().line());
        assertEquals("ValidatingAdmissionPolicy \"servicecidrs.deny\" type checking: spec.validations[0].expression: "
                + "networking.k8s.io/v1, Kind=ServiceCIDR: ERROR: <input>:1:13: undefined field 'cidr'\n"
                + " | object.spec.cidr.size() > 0\n | ............^", f.message());
        // At admission object is dyn: the same mistake is a runtime error, which denies under Fail.
        ApiException e = assertThrows(ApiException.class, () -> api.create(cidr("x", "10.96.1.0/24")));
        assertTrue(e.status().message().endsWith("denied request: expression 'object.spec.cidr.size() > 0' "
                + "resulted in error: no such key: cidr"), e.status().message());
    }

    @Test
    void servicePortsReachCelAsInts() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        importText(api, "ports.yaml", """
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata: {name: low-ports}
                spec:
                  matchConstraints:
                    resourceRules:
                    - {apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["services"]}
                  validations:
                  - expression: "object.spec.ports.all(p, p.port + 0 < 1024)"
                    messageExpression: "'port ' + string(object.spec.ports[0].port) + ' is too high'"
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicyBinding
                metadata: {name: low-ports}
                spec: {policyName: low-ports, validationActions: [Deny]}
                """);
        var e = assertThrows(ManifestImport.ImportException.class, () -> importText(api, "svc.yaml", """
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default}
                spec: {ports: [{port: 8080}]}
                """));
        assertEquals("services \"web\" is forbidden: ValidatingAdmissionPolicy 'low-ports' with binding 'low-ports' "
                + "denied request: port 8080 is too high", e.findings().get(0).message());

        // A denied Service leaves no trace: no IPAddress, its cluster IP free, the allocator's randomness unchanged,
        // so the next Service gets the address it would have got anyway.
        int ips = api.list(Kind.IP_ADDRESS, null).size();
        long used = api.state().used(dev.cidrstudio.model.net.IpFamily.IPv4).size();
        ApiServer twin = ApiServer.fromState(api.snapshot());
        twin.setAdmission(dev.cidrstudio.model.cluster.Admission.NONE);
        assertThrows(ApiException.class, () -> api.create(svc("denied", 8080)));
        assertEquals(ips, api.list(Kind.IP_ADDRESS, null).size());
        assertEquals(used, api.state().used(dev.cidrstudio.model.net.IpFamily.IPv4).size());
        assertTrue(api.find(Kind.SERVICE, "default", "denied").isEmpty());
        var admitted = (dev.cidrstudio.model.api.Service) api.create(svc("low", 80));
        var reference = (dev.cidrstudio.model.api.Service) twin.create(svc("low", 80));
        assertEquals(reference.spec().clusterIPs(), admitted.spec().clusterIPs());
    }

    private static dev.cidrstudio.model.api.Service svc(String name, int port) {
        return new dev.cidrstudio.model.api.Service(ObjectMeta.named("default", name),
                dev.cidrstudio.model.api.ServiceSpec.empty().withType("ClusterIP").withPorts(List.of(
                        dev.cidrstudio.model.api.ServicePort.tcp(port))), List.of());
    }
}
