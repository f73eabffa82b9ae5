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

    static double median(List<String> cmd, int runs) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            times.add(seconds(cmd));
        }
        times.sort(null);
        return times.get(runs / 2);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of("target", "bench");
        Files.createDirectories(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        boolean kubectl = new File("/usr/bin/kubectl").canExecute() || new File("/usr/local/bin/kubectl").canExecute();
        System.out.printf("%-34s %10s %14s %14s%n", "dump", "size", "cidrstudio", "kubectl parse");
        record Case(String name, int services, boolean rich) {
        }
        for (Case c : List.of(new Case("svc-10k.yaml", 10_000, false), new Case("svc-10k-helm.yaml", 10_000, true),
                new Case("svc-80k-helm.yaml", 80_000, true))) {
            Path file = dir.resolve(c.name());
            Files.writeString(file, dump(c.services(), c.rich()));
            int runs = c.services() > 10_000 ? 1 : 5;
            double ours = median(List.of(java, "-jar", "target/cidrstudio.jar", "import", file.toString()), runs);
            String theirs = kubectl ? String.format("%.2f s", median(List.of("kubectl", "label", "--local", "-f",
                    file.toString(), "x=y", "-o", "name"), runs)) : "not installed";
            System.out.printf("%-34s %7.1f MB %12.2f s %14s%n", file.getFileName(), Files.size(file) / 1e6, ours,
                    theirs);
        }
    }
}
