package dev.cidrstudio.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** kubectl's output formats and messages, command by command, against a fresh default cluster. */
class KubectlTest {

    private ApiServer api;
    private Kubectl kubectl;
    private final Map<String, String> files = new java.util.HashMap<>();

    @BeforeEach
    void cluster() throws Exception {
        api = ApiServer.bootstrap(ClusterSettings.defaults());
        kubectl = new Kubectl(api, p -> {
            String f = files.get(p);
            if (f == null) {
                throw new IOException("missing");
            }
            return f;
        });
        api.advanceClock(Duration.ofSeconds(60));
    }

    private CommandResult run(String line) {
        return kubectl.run(List.of(line.split(" ")), "");
    }

    private CommandResult run(String line, String stdin) {
        return kubectl.run(List.of(line.split(" ")), stdin);
    }

    @Test
    void getServicesInAllNamespacesAddsTheNamespaceColumn() {
        CommandResult r = run("get svc -A");
        assertEquals("""
                NAMESPACE     NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE
                default       kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP                  60s
                kube-system   kube-dns     ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   60s
                """, r.stdout());
        assertEquals(0, r.exitCode());
    }

    @Test
    void wideOutputAddsTheSelector() {
        assertEquals("""
                NAME       TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE   SELECTOR
                kube-dns   ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   60s   k8s-app=kube-dns
                """, run("get svc -n kube-system -o wide").stdout());
    }

    @Test
    void nameAndJsonpathOutputs() {
        assertEquals("service/kubernetes\n", run("get svc kubernetes -o name").stdout());
        assertEquals("10.96.0.1", run("get svc kubernetes -o jsonpath={.spec.clusterIP}").stdout());
        assertEquals("kubernetes 10.96.0.1\n", kubectl.run(List.of("get", "svc", "-o",
                "jsonpath={range .items[*]}{.metadata.name} {.spec.clusterIP}{\"\\n\"}{end}"), "").stdout());
        assertEquals("servicecidr.networking.k8s.io/kubernetes\n", run("get servicecidrs -o name").stdout());
    }

    @Test
    void severalTypesPrintOneTableEachWithKindPrefixes() {
        assertEquals("""
                NAME                                       CIDRS          AGE
                servicecidr.networking.k8s.io/kubernetes   10.96.0.0/12   60s

                NAME                                     PARENTREF
                ipaddress.networking.k8s.io/10.96.0.1    services/default/kubernetes
                ipaddress.networking.k8s.io/10.96.0.10   services/kube-system/kube-dns
                """, run("get servicecidrs,ipaddresses").stdout());
    }

    @Test
    void describeServiceMatchesKubectl() {
        assertEquals("""
                Name:                     kubernetes
                Namespace:                default
                Labels:                   component=apiserver
                                          provider=kubernetes
                Annotations:              <none>
                Selector:                 <none>
                Type:                     ClusterIP
                IP Family Policy:         SingleStack
                IP Families:              IPv4
                IP:                       10.96.0.1
                IPs:                      10.96.0.1
                Port:                     https  443/TCP
                TargetPort:               6443/TCP
                Endpoints:                192.168.0.10:6443
                Session Affinity:         None
                Internal Traffic Policy:  Cluster
                Events:                   <none>
                """, run("describe svc kubernetes").stdout());
    }

    @Test
    void describeServiceCidrShowsItsCondition() {
        String out = run("describe servicecidr kubernetes").stdout();
        assertEquals("""
                Name:         kubernetes
                Labels:       <none>
                Annotations:  <none>
                CIDRs:        10.96.0.0/12
                Status:
                Conditions:
                  Type   Status  LastTransitionTime               Reason  Message
                  ----   ------  ------------------               ------  -------
                  Ready  True    Thu, 01 Jan 2026 00:00:00 +0000          Kubernetes Service CIDR is ready
                Events:  <none>
                """, out);
    }

    @Test
    void invalidServiceCidrIsRejectedWithKubernetesText() {
        String manifest = """
                apiVersion: networking.k8s.io/v1
                kind: ServiceCIDR
                metadata:
                  name: bad
                spec:
                  cidrs: [10.0.0.1/24, 10.1.0.0/16]
                """;
        CommandResult r = run("apply -f -", manifest);
        assertEquals("""
                The ServiceCIDR "bad" is invalid:\s
                * spec.cidrs[0]: Invalid value: "10.0.0.1/24": must not have bits set beyond the prefix length
                * spec.cidrs: Invalid value: ["10.0.0.1/24","10.1.0.0/16"]: may specify no more than one IP for each IP family, i.e 192.168.0.0/24 and 2001:db8::/64
                """, r.stderr());
        assertEquals(1, r.exitCode());
    }

    @Test
    void staticClusterIpAlreadyTaken() {
        CommandResult r = run("create service clusterip dns2 --tcp 53 --clusterip 10.96.0.10");
        assertEquals("error: failed to create ClusterIP service: Service \"dns2\" is invalid: spec.clusterIPs: "
                + "Invalid value: [\"10.96.0.10\"]: failed to allocate IP 10.96.0.10: provided IP is "
                + "already allocated\n", r.stderr());
        assertEquals(1, r.exitCode());
    }

    @Test
    void notFoundAndUnknownThings() {
        assertEquals("Error from server (NotFound): services \"nope\" not found\n", run("get svc nope").stderr());
        assertEquals(1, run("get svc nope").exitCode());
        assertEquals("Error from server (NotFound): services \"nope\" not found\n", run("delete svc nope").stderr());
        assertEquals("error: the server doesn't have a resource type \"foos\"\n", run("get foos").stderr());
        CommandResult flag = run("get svc --bogus");
        assertEquals("error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n", flag.stderr());
        assertEquals("No resources found in shop namespace.\n", run("get svc -n shop").stderr());
        assertEquals(0, run("get svc -n shop").exitCode());
    }

    @Test
    void createApplyAndDeleteMessages() {
        assertEquals("service/web created\n", run("create service clusterip web --tcp 80:8080").stdout());
        String yaml = run("get svc web -o yaml").stdout();
        assertTrue(yaml.contains("  - name: 80-8080\n    port: 80\n    protocol: TCP\n    targetPort: 8080\n"), yaml);
        String manifest = """
                apiVersion: v1
                kind: Service
                metadata:
                  name: api
                spec:
                  selector: {app: api}
                  ports: [{port: 443}]
                """;
        assertEquals("service/api created\n", run("apply -f -", manifest).stdout());
        assertEquals("service/api unchanged\n", run("apply -f -", manifest).stdout());
        assertEquals("service/api configured\n", run("apply -f -", manifest.replace("443", "8443")).stdout());
        assertEquals("service \"api\" deleted from default namespace\nservice \"web\" deleted from default "
                + "namespace\n", run("delete svc api web").stdout());
    }

    @Test
    void deletableServiceCidrIsGoneOnceKubectlReturns() {
        String manifest = """
                apiVersion: networking.k8s.io/v1
                kind: ServiceCIDR
                metadata: {name: spare}
                spec: {cidrs: [10.200.0.0/24]}
                """;
        run("apply -f -", manifest);
        assertEquals("servicecidr.networking.k8s.io \"spare\" deleted\n", run("delete servicecidr spare").stdout());
        assertTrue(api.find(Kind.SERVICE_CIDR, null, "spare").isEmpty());
    }

    @Test
    void inconsistentApiServersLeaveAnEvent() throws Exception {
        api.addApiServer("kube-apiserver-2", "10.100.0.0/16");
        api.advanceClock(Duration.ofSeconds(30));
        String events = run("get events").stdout();
        assertTrue(events.startsWith("LAST SEEN   TYPE      REASON                                     OBJECT"),
                events);
        assertTrue(events.contains("Warning   KubernetesDefaultServiceCIDRInconsistent   servicecidr/kubernetes   "
                + "The default ServiceCIDR [10.96.0.0/12] does not match the controller flag configurations "
                + "[10.100.0.0/16]"), events);
        assertEquals(1, events.split("\n").length - 1, "reported once per apiserver");
    }

    @Test
    void versionFollowsThePlan() {
        assertEquals("Client Version: v1.34.5\nKustomize Version: v5.7.1\nServer Version: v1.34.2\n",
                run("version").stdout());
    }
}
