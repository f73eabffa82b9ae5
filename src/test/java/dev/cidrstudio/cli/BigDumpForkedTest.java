package dev.cidrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 64 MiB IPv6 dump ({@code kubectl get servicecidrs,services,ipaddresses -A -o yaml}) imports and saves as a
 * plan in a JVM with a 1 GiB heap: the whole text, its tree and the model never need more, and the plan is
 * written document by document.
 */
@Tag("slow")
class BigDumpForkedTest {

    private static final long TARGET = 63L * 1024 * 1024;

    @TempDir
    Path dir;

    static long writeDump(Path file) throws IOException {
        BigInteger base = new BigInteger(1, InetAddress.getByName("fd00:10:96::").getAddress());
        long services = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("apiVersion: v1\nitems:\n- apiVersion: networking.k8s.io/v1\n  kind: ServiceCIDR\n  metadata:\n"
                    + "    name: v6\n  spec:\n    cidrs:\n    - fd00:10:96::/108\n");
            long written = 0;
            while (written < TARGET) {
                byte[] raw = base.add(BigInteger.valueOf(16 + services)).toByteArray();
                byte[] addr = new byte[16];
                System.arraycopy(raw, Math.max(0, raw.length - 16), addr, Math.max(0, 16 - raw.length),
                        Math.min(16, raw.length));
                String ip = InetAddress.getByAddress(addr).getHostAddress().replaceAll("(^|:)0+(?=[0-9a-f])", "$1")
                        .replaceFirst("(^|:)(0:){2,}", "::").replaceFirst(":::", "::");
                String item = """
                        - apiVersion: v1
                          kind: Service
                          metadata:
                            creationTimestamp: "2026-03-02T10:00:00Z"
                            labels:
                              app: svc-%1$d
                            name: svc-%1$d
                            namespace: default
                            resourceVersion: "%2$d"
                            uid: 0b7a6c1e-0000-4000-8000-%1$012d
                          spec:
                            clusterIP: %3$s
                            clusterIPs:
                            - %3$s
                            internalTrafficPolicy: Cluster
                            ipFamilies:
                            - IPv6
                            ipFamilyPolicy: SingleStack
                            ports:
                            - name: http
                              port: 80
                              protocol: TCP
                              targetPort: 8080
                            selector:
                              app: svc-%1$d
                            sessionAffinity: None
                            type: ClusterIP
                          status:
                            loadBalancer: {}
                        - apiVersion: networking.k8s.io/v1
                          kind: IPAddress
                          metadata:
                            creationTimestamp: "2026-03-02T10:00:00Z"
                            labels:
                              ipaddress.kubernetes.io/ip-family: IPv6
                              ipaddress.kubernetes.io/managed-by: ipallocator.k8s.io
                            name: %3$s
                            resourceVersion: "%4$d"
                            uid: 1c8b7d2f-0000-4000-8000-%1$012d
                          spec:
                            parentRef:
                              group: ""
                              name: svc-%1$d
                              namespace: default
                              resource: services
                        """.formatted(services, 5000 + services, ip, 9_000_000 + services);
                w.write(item);
                written += item.length();
                services++;
            }
            w.write("kind: List\nmetadata:\n  resourceVersion: \"\"\n");
        }
        return services;
    }

    @Test
    void aSixtyFourMebibyteIpv6DumpImportsAndSavesInOneGibibyteOfHeap() throws Exception {
        Path dump = dir.resolve("dump.yaml");
        long services = writeDump(dump);
        assertTrue(Files.size(dump) > 60L * 1024 * 1024, "the dump is " + Files.size(dump) + " bytes");
        Path plan = dir.resolve("big.cidrplan");
        Path out = dir.resolve("out.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx1g", "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), "dev.cidrstudio.Launcher", "import", "-o", plan.toString(),
                dump.toString())).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String printed = Files.readString(out);
        String head = printed.lines().filter(l -> !l.contains("warning:")).limit(30).reduce("", (a, b) -> a + b + "\n");
        assertTrue(done, "the import did not finish in 5 minutes:\n" + head);
        assertEquals(0, p.exitValue(), head);
        assertTrue(printed.contains("Imported " + (2 * services + 1) + " objects"), head);
        assertTrue(Files.size(plan) > 0, head);
    }
}
