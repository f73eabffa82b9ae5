package dev.cidrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cidrstudio hosts}: the docs page's Pod, a dual-stack plan, hostNetwork, and broken aliases. */
class HostsCliTest {

    /** The Pod of "Adding entries to Pod /etc/hosts with HostAliases". */
    static final String DOCS_POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: hostaliases-pod
            spec:
              restartPolicy: Never
              hostAliases:
              - ip: "127.0.0.1"
                hostnames:
                - "foo.local"
                - "bar.local"
              - ip: "10.1.2.3"
                hostnames:
                - "foo.remote"
                - "bar.remote"
              containers:
              - name: cat-hosts
                image: busybox:1.28
                command:
                - cat
                args:
                - "/etc/hosts"
            status:
              podIP: 10.200.0.5
            """;

    static final String HEADER = "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n"
            + "::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\n"
            + "fe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n";

    @Test
    void theDocsPodPrintsWhatTheDocsShow() {
        CliTest.Run r = CliTest.cli(DOCS_POD, "hosts", "-");
        assertEquals(0, r.code(), r.err());
        assertEquals(HEADER + "10.200.0.5\thostaliases-pod\n\n# Entries added by HostAliases.\n"
                + "127.0.0.1\tfoo.local\tbar.local\n10.1.2.3\tfoo.remote\tbar.remote\n", r.out());
    }

    @Test
    void aPodWithoutAddressesGetsTheFirstOfEachFamilyOnADualStackPlan(@TempDir Path dir) throws Exception {
        Path plan = dir.resolve("ds.cidrplan.yaml");
        Files.writeString(plan, """
                apiVersion: cidrstudio.dev/v1alpha1
                kind: Cluster
                metadata: {name: ds}
                spec:
                  serviceClusterIPRange: 10.96.0.0/16,fd00:10:96::/108
                  clusterCIDR: 10.244.0.0/16,fd00:10:244::/56
                  clusterDomain: corp.example
                """);
        String pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: web-0, namespace: prod}\n"
                + "spec: {hostname: web-0, subdomain: web, containers: [{name: c, image: nginx}]}\n";
        CliTest.Run r = CliTest.cli(pod, "hosts", "-", "--cluster", plan.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(HEADER + "10.244.0.2\tweb-0.web.prod.svc.corp.example\tweb-0\n"
                + "fd00:10:244::2\tweb-0.web.prod.svc.corp.example\tweb-0\n", r.out());
        assertTrue(r.err().contains("it gets 10.244.0.2, fd00:10:244::2"), r.err());
    }

    @Test
    void aHostNetworkPodCopiesTheNodesFile(@TempDir Path dir) throws Exception {
        Path node = dir.resolve("hosts");
        Files.writeString(node, "127.0.0.1 localhost\n192.168.1.10 node-a");
        String pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: ds}\nspec:\n  hostNetwork: true\n"
                + "  hostAliases: [{ip: 10.1.2.3, hostnames: [foo.remote]}]\n";
        CliTest.Run r = CliTest.cli(pod, "hosts", "-", "--node-hosts", node.toString());
        assertEquals("# Kubernetes-managed hosts file (host network).\n127.0.0.1 localhost\n192.168.1.10 node-a\n"
                + "# Entries added by HostAliases.\n10.1.2.3\tfoo.remote\n", r.out());
    }

    @Test
    void invalidAliasesGetKubernetesTextAtTheirLinesAndExit1() {
        String broken = DOCS_POD.replace("\"10.1.2.3\"", "\"10.1.2.300\"").replace("\"bar.remote\"", "\"Bar.remote\"");
        CliTest.Run r = CliTest.cli(broken, "hosts", "-");
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertEquals("STDIN:12: error: Pod \"hostaliases-pod\" is invalid: spec.hostAliases[1].ip: Invalid value: "
                + "\"10.1.2.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)\n"
                + "STDIN:15: error: Pod \"hostaliases-pod\" is invalid: spec.hostAliases[1].hostnames[1]: Invalid value: "
                + "\"Bar.remote\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
                + "'-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used "
                + "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n", r.err());
        CliTest.Run check = CliTest.cli(broken, "check", "-");
        assertEquals(1, check.code());
        assertEquals(r.err(), check.out());
    }

    @Test
    void aWrongTypeNamesTheFieldAndAFileWithoutAPodSaysSo() {
        CliTest.Run r = CliTest.cli("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {hostAliases: oops}\n",
                "hosts", "-");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("STDIN:4: error: spec.hostAliases: expected a list, got string (oops)"), r.err());
        CliTest.Run none = CliTest.cli("apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n", "hosts", "-");
        assertEquals(1, none.code());
        assertEquals("STDIN: error: no Pod in the input\n", none.err());
    }

    @Test
    void checkReportsANodeWithTwoIpv4PodCidrsAtTheField() {
        String node = "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nspec:\n  podCIDRs:\n  - 10.244.1.0/24\n"
                + "  - 10.244.2.0/24\n";
        CliTest.Run r = CliTest.cli(node, "check", "-");
        assertEquals(1, r.code());
        assertEquals("STDIN:6: error: Node \"n1\" is invalid: spec.podCIDRs: Invalid value: [\"10.244.1.0/24\","
                + "\"10.244.2.0/24\"]: may specify no more than one CIDR for each IP family\n", r.out());
    }

    @Test
    void aContainerThatMountsItsOwnHostsFileIsNamed() {
        String pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n"
                + "    image: busybox\n    volumeMounts: [{name: h, mountPath: /etc/hosts}]\n"
                + "  - {name: sidecar, image: busybox}\nstatus: {podIP: 10.0.0.5}\n";
        CliTest.Run r = CliTest.cli(pod, "hosts", "-");
        assertEquals(0, r.code());
        assertTrue(r.out().endsWith("\n10.0.0.5\tp\n"), r.out());
        assertEquals("STDIN:1: info: container app mounts its own /etc/hosts: the kubelet does not mount this file "
                + "into it\n", r.err());
    }

    @Test
    void aWindowsHostProcessPodGetsNoManagedFile() {
        String pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec:\n  securityContext:\n"
                + "    windowsOptions: {hostProcess: true}\n  hostNetwork: true\n"
                + "  containers: [{name: c, image: mcr.microsoft.com/windows/nanoserver}]\n";
        CliTest.Run r = CliTest.cli(pod, "hosts", "-");
        assertEquals(0, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("hostProcess container sees the node's own hosts file"), r.err());
        assertTrue(r.err().endsWith("the kubelet does not manage /etc/hosts for this Pod\n"), r.err());
    }
}
