package dev.cidrstudio.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import org.junit.jupiter.api.Test;

/** The "Extend Service IP Ranges" page's ServiceCIDR policy, applied and enforced in the console. */
class PolicyConsoleTest {

    /** A policy on ServiceCIDR creation with one validation (VALIDATION) and its Deny binding. */
    private static final String POLICY_AND_BINDING = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata: {name: p}
            spec:
              matchConstraints:
                resourceRules:
                - {apiGroups: ["networking.k8s.io"], apiVersions: ["v1"], operations: ["CREATE"], resources: ["servicecidrs"]}
              validations:
              - VALIDATION
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicyBinding
            metadata: {name: b}
            spec: {policyName: p, validationActions: [Deny]}
            """;

    @Test
    void theAllowedRangesPolicyAdmitsASubrangeAndDeniesOthersWithKubectlsText() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        String out = ConsoleScripts.run(api, ConsoleReplayTest.resource("/dev/cidrstudio/console/docs/servicecidr-policy.sh"));
        assertEquals("""
                validatingadmissionpolicy.admissionregistration.k8s.io/servicecidrs.default created
                validatingadmissionpolicybinding.admissionregistration.k8s.io/servicecidrs-binding created
                servicecidr.networking.k8s.io/newcidr1 created
                The servicecidrs "newcidr2" is invalid: : ValidatingAdmissionPolicy 'servicecidrs.default' with \
                binding 'servicecidrs-binding' denied request: failed expression: object.spec.cidrs.all(newCIDR, \
                variables.allowed.exists(allowedCIDR, cidr(allowedCIDR).containsCIDR(newCIDR)))
                NAME         CIDRS          AGE
                kubernetes   10.96.0.0/12   19s
                newcidr1     10.96.1.0/24   10s
                """, out);
    }

    @Test
    void aWarnBindingLetsTheWriteThroughWithKubectlsWarningLine() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        String out = ConsoleScripts.run(api, """
                kubectl apply -f - <<EOF
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata: {name: servicecidrs.deny}
                spec:
                  failurePolicy: Fail
                  matchConstraints:
                    resourceRules:
                    - {apiGroups: ["networking.k8s.io"], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["servicecidrs"]}
                  validations:
                  - expression: "object.metadata.name == 'kubernetes'"
                    message: only the default ServiceCIDR
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicyBinding
                metadata: {name: servicecidrs-deny-binding}
                spec: {policyName: servicecidrs.deny, validationActions: [Warn]}
                EOF
                kubectl apply -f - <<EOF
                apiVersion: networking.k8s.io/v1
                kind: ServiceCIDR
                metadata: {name: extra}
                spec: {cidrs: [10.100.0.0/24]}
                EOF
                """);
        assertEquals("""
                validatingadmissionpolicy.admissionregistration.k8s.io/servicecidrs.deny created
                validatingadmissionpolicybinding.admissionregistration.k8s.io/servicecidrs-deny-binding created
                Warning: Validation failed for ValidatingAdmissionPolicy 'servicecidrs.deny' with binding \
                'servicecidrs-deny-binding': only the default ServiceCIDR
                servicecidr.networking.k8s.io/extra created
                """, out);
    }

    @Test
    void aPolicyThatDoesNotCompileIsRefusedAndTheDocsDenyPolicyStopsEveryNewServiceCidr() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        String out = ConsoleScripts.run(api, """
                kubectl apply -f - <<EOT
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata: {name: bad}
                spec:
                  failurePolicy: Fail
                  matchConstraints:
                    resourceRules:
                    - {apiGroups: ["networking.k8s.io"], apiVersions: ["v1"], operations: ["CREATE"], resources: ["servicecidrs"]}
                  validations:
                  - expression: "object.spec.cidrs.all(c, cidrr(c).prefixLength() > 8)"
                  - expression: "object.spec.cidrs.size()"
                    message: "one\\ntwo"
                EOT
                kubectl apply -f - <<EOT
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata: {name: servicecidrs.deny}
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
                EOT
                kubectl apply -f - <<EOT
                apiVersion: networking.k8s.io/v1
                kind: ServiceCIDR
                metadata:
                  name: newcidr1
                spec:
                  cidrs:
                  - 10.96.0.0/24
                EOT
                kubectl get servicecidr
                """);
        assertEquals("""
                The ValidatingAdmissionPolicy "bad" is invalid:\s
                * spec.validations[0].expression: Invalid value: "object.spec.cidrs.all(c, cidrr(c).prefixLength() \
                > 8)": compilation failed: ERROR: <input>:1:31: undeclared reference to 'cidrr' (in container '')
                 | object.spec.cidrs.all(c, cidrr(c).prefixLength() > 8)
                 | ..............................^
                * spec.validations[1].expression: Invalid value: "object.spec.cidrs.size()": must evaluate to bool \
                but got int
                * spec.validations[1].message: Invalid value: "one\\ntwo": message must not contain line breaks
                validatingadmissionpolicy.admissionregistration.k8s.io/servicecidrs.deny created
                validatingadmissionpolicybinding.admissionregistration.k8s.io/servicecidrs-deny-binding created
                The servicecidrs "newcidr1" is invalid: : ValidatingAdmissionPolicy 'servicecidrs.deny' with binding \
                'servicecidrs-deny-binding' denied request: failed expression: object.metadata.name == 'kubernetes'
                NAME         CIDRS          AGE
                kubernetes   10.96.0.0/12   19s
                """, out);
    }

    @Test
    void policiesAndBindingsAreListedShownAndDeletedWithKubectlsColumns() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        String out = ConsoleScripts.run(api, """
                kubectl apply -f - <<EOT
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
                EOT
                kubectl get validatingadmissionpolicies
                kubectl get validatingadmissionpolicybinding
                kubectl get validatingadmissionpolicy servicecidrs.deny -o yaml
                kubectl delete validatingadmissionpolicybinding servicecidrs-deny-binding
                kubectl get validatingadmissionpolicybindings
                kubectl get validatingadmissionpolicy nope
                kubectl apply -f - <<EOT
                apiVersion: networking.k8s.io/v1
                kind: ServiceCIDR
                metadata: {name: allowed-now}
                spec: {cidrs: [10.100.0.0/24]}
                EOT
                """);
        assertEquals("""
                validatingadmissionpolicy.admissionregistration.k8s.io/servicecidrs.deny created
                validatingadmissionpolicybinding.admissionregistration.k8s.io/servicecidrs-deny-binding created
                NAME                VALIDATIONS   PARAMKIND   AGE
                servicecidrs.deny   1             <unset>     5s
                NAME                        POLICYNAME          PARAMREF   AGE
                servicecidrs-deny-binding   servicecidrs.deny   <unset>    10s
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata:
                  annotations:
                    kubectl.kubernetes.io/last-applied-configuration: |
                      {"apiVersion":"admissionregistration.k8s.io/v1","kind":"ValidatingAdmissionPolicy","metadata":\
                {"annotations":{},"name":"servicecidrs.deny"},"spec":{"failurePolicy":"Fail","matchConstraints":\
                {"resourceRules":[{"apiGroups":["networking.k8s.io"],"apiVersions":["v1"],"operations":["CREATE",\
                "UPDATE"],"resources":["servicecidrs"]}]},"validations":[{"expression":"object.metadata.name == \
                'kubernetes'"}]}}
                  creationTimestamp: "2026-01-01T00:00:04Z"
                  generation: 1
                  name: servicecidrs.deny
                  resourceVersion: "RV"
                  uid: UID
                spec:
                  failurePolicy: Fail
                  matchConstraints:
                    matchPolicy: Equivalent
                    namespaceSelector: {}
                    objectSelector: {}
                    resourceRules:
                    - apiGroups:
                      - networking.k8s.io
                      apiVersions:
                      - v1
                      operations:
                      - CREATE
                      - UPDATE
                      resources:
                      - servicecidrs
                      scope: '*'
                  validations:
                  - expression: object.metadata.name == 'kubernetes'
                status:
                  observedGeneration: 1
                  typeChecking: {}
                validatingadmissionpolicybinding.admissionregistration.k8s.io "servicecidrs-deny-binding" deleted
                No resources found
                Error from server (NotFound): validatingadmissionpolicies.admissionregistration.k8s.io "nope" not found
                servicecidr.networking.k8s.io/allowed-now created
                """, out.replaceFirst("resourceVersion: \"\\d+\"", "resourceVersion: \"RV\"")
                .replaceFirst("uid: [0-9a-f-]{36}", "uid: UID"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "Forbidden    | Error from server (Forbidden): error when creating \"STDIN\": servicecidrs.networking.k8s.io "
                + "\"x\" is forbidden: ValidatingAdmissionPolicy 'p' with binding 'b' denied request: nope",
        "Unauthorized | error: You must be logged in to the server (error when creating \"STDIN\": "
                + "servicecidrs.networking.k8s.io \"x\" is forbidden: ValidatingAdmissionPolicy 'p' with binding 'b' "
                + "denied request: nope)",
        "Invalid      | The servicecidrs \"x\" is invalid: : ValidatingAdmissionPolicy 'p' with binding 'b' denied "
                + "request: nope",
    })
    void aDenialReadsAsKubectlPrintsItForEachReasonWithTheSourceWhereKubectlAddsIt(String reason, String expected)
            throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        String out = ConsoleScripts.run(api, "kubectl apply -f - <<EOF\n" + POLICY_AND_BINDING.replace("VALIDATION",
                "{expression: \"false\", message: nope, reason: " + reason + "}") + "EOF\n" + """
                kubectl apply -f - <<EOF
                apiVersion: networking.k8s.io/v1
                kind: ServiceCIDR
                metadata: {name: x}
                spec: {cidrs: [10.100.0.0/24]}
                EOF
                """);
        assertEquals(expected, out.lines().toList().get(2));
    }

    @Test
    void describeUsesKubectlsGenericDescriberWithSmartLabels() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        String out = ConsoleScripts.run(api, """
                kubectl apply -f - <<EOF
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicyBinding
                metadata: {name: b, labels: {team: net}}
                spec: {policyName: p, validationActions: [Deny]}
                EOF
                kubectl describe validatingadmissionpolicybinding b
                """);
        assertEquals("""
                validatingadmissionpolicybinding.admissionregistration.k8s.io/b created
                Name:         b
                Namespace:   \s
                Labels:       team=net
                Annotations:  <none>
                API Version:  admissionregistration.k8s.io/v1
                Kind:         ValidatingAdmissionPolicyBinding
                Metadata:
                  Creation Timestamp:  2026-01-01T00:00:04Z
                  Generation:          1
                  Resource Version:    RV
                  UID:                 UID
                Spec:
                  Policy Name:  p
                  Validation Actions:
                    Deny
                Events:  <none>
                """, out.replaceFirst("Resource Version:    \\d+", "Resource Version:    RV")
                .replaceFirst("UID:                 [0-9a-f-]{36}", "UID:                 UID"));
    }

    @Test
    void deleteByFileRemovesPoliciesAndBindingsAndNamesTheFileWhenTheyAreGone() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        String docs = POLICY_AND_BINDING.replace("VALIDATION", "{expression: \"true\"}");
        String out = ConsoleScripts.run(api, "kubectl apply -f - <<EOF\n" + docs + "EOF\n"
                + "kubectl delete -f - <<EOF\n" + docs + "EOF\n"
                + "kubectl delete -f - <<EOF\n" + docs + "EOF\n");
        assertEquals("""
                validatingadmissionpolicy.admissionregistration.k8s.io/p created
                validatingadmissionpolicybinding.admissionregistration.k8s.io/b created
                validatingadmissionpolicy.admissionregistration.k8s.io "p" deleted
                validatingadmissionpolicybinding.admissionregistration.k8s.io "b" deleted
                Error from server (NotFound): error when deleting "STDIN": validatingadmissionpolicies.\
                admissionregistration.k8s.io "p" not found
                Error from server (NotFound): error when deleting "STDIN": validatingadmissionpolicybindings.\
                admissionregistration.k8s.io "b" not found
                """, out);
    }

    @Test
    void getByFileShowsOneTablePerKindInTheFilesOrder() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        String docs = POLICY_AND_BINDING.replace("VALIDATION", "{expression: \"true\"}");
        String out = ConsoleScripts.run(api, "kubectl apply -f - <<EOF\n" + docs + "EOF\n"
                + "kubectl get -f - <<EOF\n" + docs + "EOF\n");
        assertEquals("""
                validatingadmissionpolicy.admissionregistration.k8s.io/p created
                validatingadmissionpolicybinding.admissionregistration.k8s.io/b created
                NAME   VALIDATIONS   PARAMKIND   AGE
                p      1             <unset>     5s

                NAME   POLICYNAME   PARAMREF   AGE
                b      p            <unset>    5s
                """, out);
    }

    @Test
    void creatingAnExistingPolicyNamesItsPluralResourceAndTheFile() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        String docs = POLICY_AND_BINDING.replace("VALIDATION", "{expression: \"true\"}");
        String out = ConsoleScripts.run(api, "kubectl create -f - <<EOF\n" + docs + "EOF\n"
                + "kubectl create -f - <<EOF\n" + docs + "EOF\n");
        assertEquals("""
                validatingadmissionpolicy.admissionregistration.k8s.io/p created
                validatingadmissionpolicybinding.admissionregistration.k8s.io/b created
                Error from server (AlreadyExists): error when creating "STDIN": validatingadmissionpolicies.\
                admissionregistration.k8s.io "p" already exists
                Error from server (AlreadyExists): error when creating "STDIN": validatingadmissionpolicybindings.\
                admissionregistration.k8s.io "b" already exists
                """, out);
    }
}
