package dev.cidrstudio.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Whole-process start-up under a display (Xvfb here): milliseconds from JVM start to the first frame of a bare
 * JavaFX window, of CIDR Studio with its demo plan, and of CIDR Studio opening a plan with 10,000 Services and
 * showing its map. Median of five runs each. Run with
 * {@code xvfb-run -a mvn -q test-compile exec:exec -Pbench -Dbench.main=dev.cidrstudio.bench.StartupBench
 * -Dbench.args=run}.
 */
public final class StartupBench {

    private StartupBench() {
    }

    /** A plan with 10,000 ClusterIP Services in 20 namespaces on a /16. */
    static String largePlan() {
        StringBuilder sb = new StringBuilder("""
                apiVersion: cidrstudio.dev/v1alpha1
                kind: Cluster
                metadata: {name: large}
                spec:
                  kubernetesVersion: "1.34"
                  serviceClusterIPRange: 10.96.0.0/16
                  clusterCIDR: 10.244.0.0/16
                  randomSeed: 3
                """);
        for (int ns = 0; ns < 20; ns++) {
            sb.append("---\napiVersion: v1\nkind: Namespace\nmetadata: {name: team-").append(ns).append("}\n");
        }
        for (int i = 0; i < 10_000; i++) {
            sb.append("---\napiVersion: v1\nkind: Service\nmetadata: {name: svc-").append(i)
                    .append(", namespace: team-").append(i % 20).append("}\nspec:\n  ports: [{port: 80}]\n");
        }
        return sb.toString();
    }

    private static long run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        for (String line : out.split("\n")) {
            if (line.startsWith("first-frame-ms ")) {
                return Long.parseLong(line.substring("first-frame-ms ".length()).strip());
            }
        }
        throw new IllegalStateException("no first frame reported:\n" + out);
    }

    private static long median(List<String> command, int runs) throws IOException, InterruptedException {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            times.add(run(command));
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }

    public static void main(String[] args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Path config = Files.createTempDirectory("cidrstudio-bench-config");
        Path plan = Files.createTempFile("large", ".cidrplan.yaml");
        Files.writeString(plan, largePlan());
        // The JVM options README's run command (javafx:run) uses, for the app and the bare window alike.
        List<String> base = List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", cp,
                "-Dcidrstudio.configDir=" + config, "-Dcidrstudio.reportFirstFrame=true");
        List<String> bare = List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", cp,
                BareWindow.Main.class.getName());
        List<String> demo = new ArrayList<>(base);
        demo.add("dev.cidrstudio.Launcher");
        List<String> large = new ArrayList<>(demo);
        large.add(plan.toString());
        int runs = 5;
        long b = median(bare, runs);
        long d = median(demo, runs);
        long l = median(large, runs);
        System.out.printf("bare JavaFX window            %6d ms%n", b);
        System.out.printf("CIDR Studio, demo plan        %6d ms  (%.2f x bare)%n", d, (double) d / b);
        System.out.printf("CIDR Studio, 10,000 Services  %6d ms  (%.2f x bare)%n", l, (double) l / b);
    }
}
