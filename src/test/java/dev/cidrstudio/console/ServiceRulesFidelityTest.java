package dev.cidrstudio.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import dev.cidrstudio.model.cluster.KubeVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Service rules of {@code ValidateService}/{@code ValidateServiceUpdate}, the warnings of
 * {@code GetWarningsForService}, kubectl's own checks in {@code create service}, and how 1.33 and 1.34 print.
 */
class ServiceRulesFidelityTest {

    private static Kubectl kubectl(KubeVersion v) throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults().withKubernetesVersion(v));
        return new Kubectl(api, p -> {
            throw new java.io.IOException(p + ": not found");
        });
    }

    private static CommandResult run(Kubectl k, String line) {
        return k.run(List.of(line.split(" ")), "");
    }

    private static CommandResult apply(Kubectl k, String yaml) {
        return k.run(List.of("apply", "-f", "-"), yaml);
    }

    private static String svc(String name, String spec) {
        return "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name + "\nspec:\n" + spec;
    }

    @Test
    void listAndStructValuesPrintAsJsonFrom134AndGoSyntaxIn133() throws Exception {
        String json = run(kubectl(KubeVersion.V1_34), "create service clusterip x --tcp 80:80,443,443").stderr();
        assertEquals("error: failed to create ClusterIP service: Service \"x\" is invalid: [spec.ports[2].name: "
                + "Duplicate value: \"443\", spec.ports[2]: Duplicate value: {\"Name\":\"\",\"Protocol\":\"TCP\","
                + "\"AppProtocol\":null,\"Port\":443,\"TargetPort\":0,\"NodePort\":0}]\n", json);
        String go = run(kubectl(KubeVersion.V1_33), "create service clusterip x --tcp 80:80,443,443").stderr();
        assertTrue(go.endsWith("spec.ports[2]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\", "
                + "AppProtocol:(*string)(nil), Port:443, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, "
                + "NodePort:0}]\n"), go);
        Kubectl k33 = kubectl(KubeVersion.V1_33);
        assertEquals("error: failed to create ClusterIP service: Service \"dns2\" is invalid: spec.clusterIPs: "
                + "Invalid value: []string{\"10.96.0.10\"}: failed to allocate IP 10.96.0.10: provided IP is already "
                + "allocated\n", run(k33, "create service clusterip dns2 --tcp 53 --clusterip 10.96.0.10").stderr());
    }

    @Test
    void targetPortNamesAndNumbersFollowIsValidPortName() throws Exception {
        Kubectl k = kubectl(KubeVersion.V1_34);
        CommandResult r = apply(k, svc("tp", "  ports:\n  - port: 80\n    name: a\n    targetPort: \"8080\"\n"
                + "  - port: 81\n    name: b\n    targetPort: Web_Port\n  - port: 82\n    name: c\n"
                + "    targetPort: a--b-\n"));
        assertEquals("""
                The Service "tp" is invalid:\s
                * spec.ports[0].targetPort: Invalid value: "8080": must contain at least one letter (a-z)
                * spec.ports[1].targetPort: Invalid value: "Web_Port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)
                * spec.ports[2].targetPort: Invalid value: "a--b-": must not contain consecutive hyphens
                * spec.ports[2].targetPort: Invalid value: "a--b-": must not begin or end with a hyphen
                """, r.stderr());
    }

    @Test
    void trafficPoliciesAndTheHealthCheckPortDependOnTheType() throws Exception {
        Kubectl k = kubectl(KubeVersion.V1_34);
        CommandResult r = apply(k, svc("ci", "  externalTrafficPolicy: Local\n  healthCheckNodePort: 31000\n"
                + "  internalTrafficPolicy: Nowhere\n  ports:\n  - port: 80\n"));
        assertEquals("""
                The Service "ci" is invalid:\s
                * spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services
                * spec.healthCheckNodePort: Invalid value: 31000: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'
                * spec.internalTrafficPolicy: Unsupported value: "Nowhere": supported values: "Cluster", "Local"
                """, r.stderr());
        assertEquals("service/lb created\n", apply(k, svc("lb", "  type: LoadBalancer\n  externalTrafficPolicy: "
                + "Local\n  ports:\n  - port: 80\n")).stdout());
        Service lb = k.api().<Service>find(Kind.SERVICE, "default", "lb").orElseThrow();
        long hc = ((Number) lb.spec().otherField("healthCheckNodePort")).longValue();
        assertTrue(hc >= 30000 && hc <= 32767, "a health-check NodePort was allocated: " + hc);
        assertTrue(apply(k, svc("lb", "  type: LoadBalancer\n  externalTrafficPolicy: Local\n  healthCheckNodePort: "
                + (hc == 32000 ? 32001 : 32000) + "\n  ports:\n  - port: 80\n")).stderr()
                .contains("spec.healthCheckNodePort: Forbidden: field is immutable"));
    }

    @Test
    void clientIpAffinityIsDefaultedAndItsTimeoutChecked() throws Exception {
        Kubectl k = kubectl(KubeVersion.V1_34);
        apply(k, svc("sticky", "  sessionAffinity: ClientIP\n  ports:\n  - port: 80\n"));
        assertTrue(run(k, "get svc sticky -o yaml").stdout().contains(
                "  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: 10800\n"));
        assertEquals("The Service \"long\" is invalid: spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid "
                + "value: 90000: must be greater than 0 and less than 86400\n", apply(k, svc("long",
                        "  sessionAffinity: ClientIP\n  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: "
                                + "90000\n  ports:\n  - port: 80\n")).stderr());
    }

    @Test
    void sourceRangesAndExternalIpsAreChecked() throws Exception {
        Kubectl k = kubectl(KubeVersion.V1_34);
        assertEquals("""
                The Service "r" is invalid:\s
                * spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'
                * spec.LoadBalancerSourceRanges[1]: Invalid value: "bad": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)
                """, apply(k, svc("r", "  loadBalancerSourceRanges: [\"10.0.0.0/8\", \"bad\"]\n  ports:\n"
                + "  - port: 80\n")).stderr());
        assertEquals("""
                The Service "e" is invalid:\s
                * spec.externalIPs[0]: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)
                * spec.externalIPs[1]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)
                * spec.externalIPs[2]: Invalid value: "fe80::1": may not be in the link-local range (169.254.0.0/16, fe80::/10)
                * spec.externalIPs[3]: Invalid value: "224.0.0.5": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)
                """, apply(k, svc("e", "  externalIPs: [\"0.0.0.0\", \"127.0.0.1\", \"fe80::1\", \"224.0.0.5\"]\n"
                + "  ports:\n  - port: 80\n")).stderr());
    }

    @Test
    void warningsComeBeforeTheCommandsOwnLineAndNeverLater() throws Exception {
        Kubectl k = kubectl(KubeVersion.V1_34);
        CommandResult r = apply(k, svc("w", "  externalName: foo.example.com\n  externalIPs: [\"2001:db8:0:0::1\"]\n"
                + "  ports:\n  - port: 80\n"));
        assertEquals("service/w created\n", r.stdout());
        assertEquals("Warning: spec.externalIPs[0]: IPv6 address \"2001:db8:0:0::1\" should be in RFC 5952 canonical "
                + "format (\"2001:db8::1\")\nWarning: spec.externalName is ignored when spec.type is not "
                + "\"ExternalName\"\n", r.stderr());
        CommandResult lb = apply(k, svc("lb", "  type: LoadBalancer\n  loadBalancerSourceRanges: [\"10.0.0.1/8\"]\n"
                + "  ports:\n  - port: 80\n"));
        assertEquals("Warning: spec.loadBalancerSourceRanges[0]: CIDR value \"10.0.0.1/8\" is ambiguous in this "
                + "context (should be \"10.0.0.0/8\" or \"10.0.0.1/32\"?)\n", lb.stderr());
        assertEquals("", run(k, "get svc w -o name").stderr(), "nothing held back for the next command");
    }

    @Test
    void createServiceChecksItsFlagsAsKubectlDoes() throws Exception {
        Kubectl k = kubectl(KubeVersion.V1_34);
        assertEquals("error: at least one tcp port specifier must be provided\n",
                run(k, "create service clusterip a").stderr());
        assertEquals("error: unknown flag: --clusterip\nSee 'kubectl create service nodeport --help' for usage.\n",
                run(k, "create service nodeport b --clusterip None --tcp 80").stderr());
        assertEquals("service/b created\n", run(k, "create service clusterip b --clusterip None").stdout(),
                "a headless ClusterIP Service needs no port");
        assertEquals("error: invalid service external name bad_name\n",
                run(k, "create service externalname c --external-name bad_name").stderr());
        assertEquals("error: required flag(s) \"external-name\" not set\n",
                run(k, "create service externalname d").stderr());
        assertEquals("error: strconv.ParseUint: parsing \"70000\": value out of range\n",
                run(k, "create service clusterip e --tcp 70000").stderr());
        assertEquals("error: strconv.ParseUint: parsing \"abc\": invalid syntax\n",
                run(k, "create service clusterip f --tcp abc").stderr());
        assertEquals("error: must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)\n",
                run(k, "create service clusterip g --tcp 80:abc_d").stderr());
        assertEquals("error: must be between 1 and 65535, inclusive\n",
                run(k, "create service clusterip h --tcp 80:70000").stderr());
        assertEquals("error: unknown flag: --node-port\nSee 'kubectl create service loadbalancer --help' for "
                + "usage.\n", run(k, "create service loadbalancer i --tcp 80 --node-port 30000").stderr());
        assertEquals("service/l created\n", run(k, "create service clusterip l --tcp 80:8080:9").stdout());
        assertEquals("80-8080-9", k.api().<Service>find(Kind.SERVICE, "default", "l").orElseThrow().spec().ports()
                .get(0).name());
    }

    @Test
    void deleteNamesTheNamespaceFrom134() throws Exception {
        Kubectl k34 = kubectl(KubeVersion.V1_34);
        run(k34, "create service clusterip web --tcp 80");
        assertEquals("service \"web\" deleted from default namespace\n", run(k34, "delete svc web").stdout());
        Kubectl k33 = kubectl(KubeVersion.V1_33);
        run(k33, "create service clusterip web --tcp 80");
        assertEquals("service \"web\" deleted\n", run(k33, "delete svc web").stdout());
    }

    @Test
    void trafficDistributionGainsPreferSameZoneIn134() throws Exception {
        String yaml = svc("td", "  trafficDistribution: PreferSameZone\n  ports:\n  - port: 80\n");
        assertEquals("service/td created\n", apply(kubectl(KubeVersion.V1_34), yaml).stdout());
        assertEquals("The Service \"td\" is invalid: spec.trafficDistribution: Unsupported value: \"PreferSameZone\": "
                + "supported values: \"PreferClose\"\n", apply(kubectl(KubeVersion.V1_33), yaml).stderr());
    }

    @Test
    void aListInYamlHasNoBlankLineBeforeItsKind() throws Exception {
        String out = run(kubectl(KubeVersion.V1_34), "get svc -A -o yaml").stdout();
        assertFalse(out.contains("\n\n"), out);
        assertTrue(out.contains("    loadBalancer: {}\nkind: List\n"), out);
    }

    @Test
    void grepKnowsItsOptionsAndRefusesOthers() {
        assertEquals(new CommandResult("3\n4\n--\n8\n9\n", "", 0), ScriptRunner.grep(List.of("-A1", "^[38]$"),
                "1\n2\n3\n4\n5\n6\n7\n8\n9\n"));
        assertEquals(new CommandResult("2-b\n3:c\n4-d\n", "", 0), ScriptRunner.grep(List.of("-n", "-C", "1", "c"),
                "a\nb\nc\nd\ne\n"));
        assertEquals(new CommandResult("", "grep: invalid option -- 'z'\nUsage: grep [OPTION]... PATTERNS [FILE]...\n"
                + "Try 'grep --help' for more information.\n", 2), ScriptRunner.grep(List.of("-z", "x"), "x\n"));
        assertEquals(new CommandResult("a+b\n", "", 0), ScriptRunner.grep(List.of("a+b"), "a+b\naab\n"));
        assertEquals(new CommandResult("aab\n", "", 0), ScriptRunner.grep(List.of("-E", "a+b"), "b\na+b\naab\n"));
        assertEquals(new CommandResult("2\n", "", 0), ScriptRunner.grep(List.of("-vc", "x"), "a\nx\nb\n"));
    }

    @Test
    void jsonIsReadAsJsonStrictly() {
        dev.cidrstudio.io.yaml.YamlFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.cidrstudio.io.yaml.YamlFormatException.class, () -> new dev.cidrstudio.io.yaml.YamlReader().read(
                        "a.json", "{\"a\": 1,\n \"b\": [1, 2,]\n}\n"));
        assertEquals(2, e.mark().line());
        assertEquals("malformed JSON: invalid character ']' looking for beginning of value", e.problem());
        assertEquals(22, e.offset());
    }

    @Test
    void describeListsTheEndpointsOfTheSelectedPods() throws Exception {
        Kubectl k = kubectl(KubeVersion.V1_34);
        run(k, "create service clusterip web --tcp 80:8080");
        String none = run(k, "describe svc web").stdout();
        assertTrue(none.contains("\nEndpoints:                \n"), "an empty EndpointSlice prints nothing: " + none);
        run(k, "run web --image nginx --labels app=web");
        assertTrue(run(k, "describe svc web").stdout().contains("\nEndpoints:                10.244.0.2:8080\n"));
    }

    @Test
    void theKubernetesServicesEndpointsAreTheRunningApiservers() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        Kubectl k = new Kubectl(api, p -> {
            throw new java.io.IOException(p + ": not found");
        });
        assertTrue(run(k, "describe svc kubernetes").stdout().contains("\nEndpoints:                192.168.0.10:6443\n"));
        for (int i = 2; i <= 4; i++) {
            api.addApiServer("kube-apiserver-" + i, api.settings().serviceClusterIPRange());
        }
        assertTrue(run(k, "describe svc kubernetes").stdout().contains("\nEndpoints:                "
                + "192.168.0.10:6443,192.168.0.11:6443,192.168.0.12:6443 + 1 more...\n"));
    }

    @Test
    void grammarErrorsCarryCelGosSyntaxErrorPrefix() throws Exception {
        String policy = "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n"
                + "  name: bad\nspec:\n  matchConstraints:\n    resourceRules:\n    - apiGroups: [\"\"]\n"
                + "      apiVersions: [\"v1\"]\n      operations: [\"CREATE\"]\n      resources: [\"services\"]\n"
                + "  validations:\n  - expression: \"object.spec.(\"\n";
        assertTrue(apply(kubectl(KubeVersion.V1_34), policy).stderr().contains("compilation failed: ERROR: "
                + "<input>:1:13: Syntax error: no viable alternative at input '.('\n"));
    }
}
