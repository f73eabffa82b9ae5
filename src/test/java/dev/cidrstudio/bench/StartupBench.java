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

    /** The X display children open their windows on: the caller's, unless {@link #useDisplay} set another. */
    private static String display = System.getenv("DISPLAY");

    static void useDisplay(String value) {
        display = value;
    }

    private static long run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (display != null) {
            pb.environment().put("DISPLAY", display);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        for (String line : out.split("\n")) {
            if (line.startsWith("first-frame-ms ")) {
                return Long.parseLong(line.substring("first-frame-ms ".length()).strip());
            }
        }
        throw new IllegalStateException("no first frame reported:\n" + out);
    }

    static long median(List<String> command, int runs) throws IOException, InterruptedException {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            times.add(run(command));
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }

    /** The command that starts a bare JavaFX window, with the JVM options the app's run command uses. */
    static List<String> bareWindow() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), BareWindow.Main.class.getName());
    }

    /** The command that starts CIDR Studio (on the demo plan, or on {@code plan}) and reports its first frame. */
    static List<String> app(Path config, Path plan) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "-Dcidrstudio.configDir=" + config,
                "-Dcidrstudio.reportFirstFrame=true", "dev.cidrstudio.Launcher"));
        if (plan != null) {
            command.add(plan.toString());
        }
        return command;
    }

    public static void main(String[] args) throws Exception {
        Path config = Files.createTempDirectory("cidrstudio-bench-config");
        Path plan = Files.createTempFile("large", ".cidrplan.yaml");
        Files.writeString(plan, largePlan());
        int runs = 5;
        long b = median(bareWindow(), runs);
        long d = median(app(config, null), runs);
        long l = median(app(config, plan), runs);
        System.out.printf("bare JavaFX window            %6d ms%n", b);
        System.out.printf("CIDR Studio, demo plan        %6d ms  (%.2f x bare)%n", d, (double) d / b);
        System.out.printf("CIDR Studio, 10,000 Services  %6d ms  (%.2f x bare)%n", l, (double) l / b);
    }
}
