package dev.cidrstudio.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pods in the console: the HostAliases docs page replayed, exec, logs, env, delete, and errors. */
class PodConsoleTest {

    static final String HOSTS = "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n"
            + "::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\n"
            + "fe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n";

    @Test
    void theHostAliasesPageReplaysAsTheDocsShow() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        String out = ConsoleScripts.run(api, ConsoleReplayTest.resource("/dev/cidrstudio/console/docs/hostaliases.sh"));
        String expected = """
                pod/nginx created
                NAME    READY   STATUS    RESTARTS   AGE   IP           NODE      NOMINATED NODE   READINESS GATES
                nginx   1/1     Running   0          5s    10.244.0.2   worker0   <none>           <none>
                """ + HOSTS + "10.244.0.2\tnginx\n" + """
                pod/hostaliases-pod created
                NAME              READY   STATUS      RESTARTS   AGE   IP           NODE      NOMINATED NODE   READINESS GATES
                hostaliases-pod   0/1     Completed   0          5s    10.244.0.3   worker0   <none>           <none>
                nginx             1/1     Running     0          20s   10.244.0.2   worker0   <none>           <none>
                """ + HOSTS + "10.244.0.3\thostaliases-pod\n\n# Entries added by HostAliases.\n"
                + "127.0.0.1\tfoo.local\tbar.local\n10.1.2.3\tfoo.remote\tbar.remote\n";
        // Ages follow the simulated clock: a person types for 4 s, each kubectl call takes 1 s.
        assertEquals(expected, out);
    }

    @Test
    void downwardApiPodIpsAreCommaSeparatedPrimaryFirstOnADualStackCluster() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults()
                .withServiceClusterIPRange("10.96.0.0/16,fd00:10:96::/108"));
        api = dualStackPods(api);
        String out = ConsoleScripts.run(api, """
                kubectl apply -f - <<EOF
                apiVersion: v1
                kind: Pod
                metadata:
                  name: pod01
                spec:
                  containers:
                  - name: app
                    image: busybox
                    command: ["sleep", "3600"]
                    env:
                    - name: MY_POD_IPS
                      valueFrom:
                        fieldRef:
                          fieldPath: status.podIPs
                EOF
                kubectl exec -it pod01 -- printenv MY_POD_IPS
                kubectl exec pod01 -- cat /etc/hosts
                kubectl delete pod pod01
                kubectl logs pod01
                kubectl exec nothere -- env
                """);
        assertEquals("pod/pod01 created\n10.244.0.2,fd00:10:244::2\n" + HOSTS + "10.244.0.2\tpod01\n"
                + "fd00:10:244::2\tpod01\npod \"pod01\" deleted from default namespace\n"
                + "Error from server (NotFound): pods \"pod01\" not found\n"
                + "Error from server (NotFound): pods \"nothere\" not found\n", out);
    }

    private static ApiServer dualStackPods(ApiServer api) throws Exception {
        var s = api.settings();
        return ApiServer.bootstrap(new ClusterSettings(s.name(), s.kubernetesVersion(), s.serviceClusterIPRange(),
                "10.244.0.0/16,fd00:10:244::/56", s.nodeCIDRMaskSizeIPv4(), s.nodeCIDRMaskSizeIPv6(),
                s.clusterDomain(), List.of("worker0"), s.clusterDNS(), s.randomSeed()));
    }

    @Test
    void theDualStackPageCommandsShowNodeAndPodAddresses() throws Exception {
        var d = ClusterSettings.defaults();
        ApiServer api = ApiServer.bootstrap(new ClusterSettings("ds", d.kubernetesVersion(),
                "10.0.0.0/16,2001:db8:fd00::/108", "10.244.0.0/16,2001:db8::/56", 24, 64, d.clusterDomain(),
                List.of("k8s-linuxpool1-34450317-0"), d.clusterDNS(), d.randomSeed()));
        String out = ConsoleScripts.run(api, """
                kubectl get nodes k8s-linuxpool1-34450317-0 -o go-template --template='{{range .spec.podCIDRs}}{{printf "%s\\n" .}}{{end}}'
                kubectl get nodes k8s-linuxpool1-34450317-0 -o go-template --template='{{range .status.addresses}}{{printf "%s: %s\\n" .type .address}}{{end}}'
                kubectl run pod01 --image nginx
                kubectl get pods pod01 -o go-template --template='{{range .status.podIPs}}{{printf "%s\\n" .ip}}{{end}}'
                kubectl get nodes -o go-template='{{.nope}}'
                kubectl get nodes -o go-template='{{if .x}}'
                """);
        assertEquals("""
                10.244.0.0/24
                2001:db8::/64
                InternalIP: 192.168.0.10
                InternalIP: fd00:192:168::10
                Hostname: k8s-linuxpool1-34450317-0
                pod/pod01 created
                10.244.0.2
                2001:db8::2
                <no value>error: error parsing template {{if .x}}, template: output:1: the practice console knows only \
                range, printf and field paths, not "if .x"
                """, out);
    }

    @Test
    void aPodWithInvalidHostAliasesIsRefusedWithKubernetesText() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        String out = ConsoleScripts.run(api, """
                kubectl apply -f - <<EOF
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  hostAliases: [{ip: 10.1.2.3, hostnames: [a]}, {ip: 1.2.3, hostnames: [foo_bar]}]
                  containers: [{name: c, image: busybox}]
                EOF
                kubectl get pods
                """);
        assertEquals("The Pod \"p\" is invalid: [spec.hostAliases[1].ip: Invalid value: \"1.2.3\": must be a valid "
                + "IP address, (e.g. 10.9.8.7 or 2001:db8::ffff), spec.hostAliases[1].hostnames[0]: Invalid value: "
                + "\"foo_bar\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
                + "'-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used "
                + "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')]\n"
                + "No resources found in default namespace.\n", out);
    }

    @Test
    void aPlansPodsAreScheduledAndStartedWhenTheConsoleOpens() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        api.keep(new dev.cidrstudio.model.api.KeptObject("v1", "Pod", "default", "web", java.util.Map.of(
                "apiVersion", "v1", "kind", "Pod", "metadata", java.util.Map.of("name", "web"),
                "spec", java.util.Map.of("containers", List.of(java.util.Map.of("name", "web", "image", "nginx"))))));
        String out = ConsoleScripts.run(api, "kubectl get pods -o wide\nkubectl exec web -- hostname\n");
        assertEquals("""
                NAME   READY   STATUS    RESTARTS   AGE   IP           NODE      NOMINATED NODE   READINESS GATES
                web    1/1     Running   0          4s    10.244.0.2   worker0   <none>           <none>
                web
                """, out);
    }

    @Test
    void nodesAreCreatedWithTheirPodCidrsCheckedAsTheApiserverDoes() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        String out = ConsoleScripts.run(api, """
                kubectl apply -f - <<EOF
                apiVersion: v1
                kind: Node
                metadata: {name: n1}
                spec: {podCIDRs: [10.244.1.0/24, 10.244.2.0/24]}
                EOF
                kubectl apply -f - <<EOF
                apiVersion: v1
                kind: Node
                metadata: {name: n2}
                spec: {podCIDRs: [10.244.2.0/24, "fd00:1::/64"]}
                EOF
                kubectl get nodes
                kubectl get node n2 -o go-template='{{.spec.podCIDR}}'
                """);
        assertEquals("The Node \"n1\" is invalid: spec.podCIDRs: Invalid value: [\"10.244.1.0/24\","
                + "\"10.244.2.0/24\"]: may specify no more than one CIDR for each IP family\n"
                + "node/n2 created\nNAME   STATUS    ROLES    AGE   VERSION\nn2     Unknown   <none>   5s    \n"
                + "10.244.2.0/24", out);
    }

    @Test
    void aPodWithoutANameIsRefusedAndNothingIsKept() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        String out = ConsoleScripts.run(api, """
                kubectl apply -f - <<EOF
                apiVersion: v1
                kind: Pod
                metadata: {labels: {a: b}}
                spec: {containers: [{name: c, image: busybox}]}
                EOF
                """);
        assertEquals("The Pod \"\" is invalid: metadata.name: Required value: name or generateName is required\n",
                out);
        assertEquals(List.of(), api.state().kept());
    }
}
