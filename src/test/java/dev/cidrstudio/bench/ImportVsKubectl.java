package dev.cidrstudio.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The import benchmark, whole process from the command line: {@code cidrstudio import} of a
 * {@code kubectl get svc -A -o yaml} dump of 10,000 Services, side by side with kubectl itself parsing the same file
 * ({@code kubectl label --local -f dump.yaml x=y -o name}). Needs {@code target/cidrstudio.jar}; kubectl is optional.
 * Run: {@code mvn -q -DskipTests package test-compile exec:exec -Pbench -Dbench.main=dev.cidrstudio.bench.ImportVsKubectl}.
 */
public final class ImportVsKubectl {

    private ImportVsKubectl() {
    }

    static String dump(int services, boolean richMetadata) {
        return dump(services, richMetadata, false);
    }

    /**
     * A dump as {@code kubectl get svc,servicecidrs,ipaddresses -A -o yaml} prints it when {@code withIpAddresses}:
     * the Services, the {@code kubernetes} ServiceCIDR, and one IPAddress object per cluster IP.
     */
    static String dump(int services, boolean richMetadata, boolean withIpAddresses) {
        StringBuilder sb = new StringBuilder("apiVersion: v1\nitems:\n");
        for (int i = 0; i < services; i++) {
            String ns = "team-" + (i % 40);
            String ip = "10." + (96 + i / 64000) + "." + ((i / 250) % 256) + "." + (i % 250 + 2);
            sb.append("- apiVersion: v1\n  kind: Service\n  metadata:\n");
            if (richMetadata) {
                sb.append("    annotations:\n      meta.helm.sh/release-name: release-").append(i % 300)
                        .append("\n      meta.helm.sh/release-namespace: ").append(ns).append('\n');
            }
            sb.append("    creationTimestamp: \"2026-03-02T10:").append(String.format("%02d", i % 60)).append(":00Z\"\n")
                    .append("    labels:\n      app: svc-").append(i).append('\n');
            if (richMetadata) {
                sb.append("      app.kubernetes.io/managed-by: Helm\n");
            }
            sb.append("    name: svc-").append(i).append("\n    namespace: ").append(ns)
                    .append("\n    resourceVersion: \"").append(100000 + i).append("\"\n")
                    .append("    uid: 0b7a6c1e-0000-4000-8000-").append(String.format("%012d", i)).append('\n')
                    .append("  spec:\n    clusterIP: ").append(ip).append("\n    clusterIPs:\n    - ").append(ip)
                    .append("\n    internalTrafficPolicy: Cluster\n    ipFamilies:\n    - IPv4\n")
                    .append("    ipFamilyPolicy: SingleStack\n    ports:\n    - name: http\n      port: 80\n")
                    .append("      protocol: TCP\n      targetPort: 8080\n    selector:\n      app: svc-").append(i)
                    .append("\n    sessionAffinity: None\n    type: ClusterIP\n  status:\n    loadBalancer: {}\n");
        }
        if (withIpAddresses) {
            sb.append("- apiVersion: networking.k8s.io/v1\n  kind: ServiceCIDR\n  metadata:\n")
                    .append("    creationTimestamp: \"2026-03-01T00:00:00Z\"\n    finalizers:\n")
                    .append("    - networking.k8s.io/service-cidr-finalizer\n    labels:\n")
                    .append("      servicecidr.networking.k8s.io/managed-by: kube-apiserver\n")
                    .append("    name: kubernetes\n    resourceVersion: \"12\"\n")
                    .append("    uid: 6e3c1a52-0000-4000-8000-000000000001\n  spec:\n    cidrs:\n    - 10.96.0.0/12\n")
                    .append("  status:\n    conditions:\n    - lastTransitionTime: \"2026-03-01T00:00:00Z\"\n")
                    .append("      message: Kubernetes Service CIDR is ready\n      reason: \"\"\n")
                    .append("      status: \"True\"\n      type: Ready\n");
            for (int i = 0; i < services; i++) {
                String ns = "team-" + (i % 40);
                String ip = "10." + (96 + i / 64000) + "." + ((i / 250) % 256) + "." + (i % 250 + 2);
                sb.append("- apiVersion: networking.k8s.io/v1\n  kind: IPAddress\n  metadata:\n")
                        .append("    creationTimestamp: \"2026-03-02T10:").append(String.format("%02d", i % 60))
                        .append(":00Z\"\n    labels:\n      ipaddress.kubernetes.io/ip-family: IPv4\n")
                        .append("      ipaddress.kubernetes.io/managed-by: ipallocator.k8s.io\n")
                        .append("    name: ").append(ip).append("\n    resourceVersion: \"").append(200000 + i)
                        .append("\"\n    uid: 1c2d3e4f-0000-4000-8000-").append(String.format("%012d", i)).append('\n')
                        .append("  spec:\n    parentRef:\n      group: \"\"\n      name: svc-").append(i)
                        .append("\n      namespace: ").append(ns).append("\n      resource: services\n");
            }
        }
        return sb.append("kind: List\nmetadata:\n  resourceVersion: \"\"\n").toString();
    }

    static double seconds(List<String> cmd) throws Exception {
        long t = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("failed: " + cmd);
        }
        return (System.nanoTime() - t) / 1e9;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of("target", "bench");
        Files.createDirectories(dir);
        boolean kubectl = new File("/usr/bin/kubectl").canExecute() || new File("/usr/local/bin/kubectl").canExecute();
        // The app as its launcher runs it (bin/cidrstudio: client compiler, serial GC, a class-data-sharing
        // archive made by the first run after a build, here the untimed warm-up).
        List<String> app = List.of("bin/cidrstudio", "import");
        System.out.printf("%-34s %9s %12s %14s %7s%n", "dump", "size", "cidrstudio", "kubectl parse", "ratio");
        record Case(String name, int services, boolean rich, boolean ips) {
        }
        for (Case c : List.of(new Case("svc-10k.yaml", 10_000, false, false),
                new Case("svc-10k-helm.yaml", 10_000, true, false),
                new Case("svc-ipaddresses-10k-helm.yaml", 10_000, true, true),
                new Case("svc-80k-helm.yaml", 80_000, true, false))) {
            Path file = dir.resolve(c.name());
            Files.writeString(file, dump(c.services(), c.rich(), c.ips()));
            List<String> ours = new ArrayList<>(app);
            ours.add(file.toString());
            List<String> theirs = List.of("kubectl", "label", "--local", "-f", file.toString(), "x=y", "-o", "name");
            seconds(ours);
            int runs = c.services() > 10_000 ? 1 : 5;
            // Alternating, so both see the same machine.
            List<Double> a = new ArrayList<>();
            List<Double> b = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                a.add(seconds(ours));
                if (kubectl) {
                    b.add(seconds(theirs));
                }
            }
            a.sort(null);
            b.sort(null);
            double mine = a.get(runs / 2);
            String kube = kubectl ? String.format("%.2f s", b.get(runs / 2)) : "not installed";
            String ratio = kubectl ? String.format("%.2f", mine / b.get(runs / 2)) : "-";
            System.out.printf("%-34s %6.1f MB %10.2f s %14s %7s%n", file.getFileName(), Files.size(file) / 1e6, mine,
                    kube, ratio);
        }
    }
}
