package dev.cidrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.DemoPlan;
import dev.cidrstudio.differential.RealKubectl;
import dev.cidrstudio.model.cluster.KubeVersion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cidrstudio serve}: what it prints, the kubeconfig it writes, and what it saves when it stops. */
class ServeCliTest {

    @TempDir
    Path dir;

    /** A serve command running on its own thread until {@link #stop()}. */
    private static final class Serving {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final CountDownLatch stop = new CountDownLatch(1);
        final CompletableFuture<Integer> status;

        Serving(String... args) {
            PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
            PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
            ServeCommand command = new ServeCommand(new ByteArrayInputStream(new byte[0]), o, e, s -> stop.await());
            status = CompletableFuture.supplyAsync(() -> new CommandLine(command).execute(args));
        }

        /** The first line, once it is printed. */
        String banner() throws InterruptedException {
            for (int i = 0; i < 200 && !out().contains("\n") && !status.isDone(); i++) {
                Thread.sleep(50);
            }
            return out().lines().findFirst().orElse("");
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        int stop() throws Exception {
            stop.countDown();
            return status.get(30, TimeUnit.SECONDS);
        }
    }

    private static final Pattern BANNER = Pattern.compile("serving (\\S+) at http://127\\.0\\.0\\.1:(\\d+)");

    @Test
    void servesTheDemoAndWritesAKubeconfigForTheRealKubectl() throws Exception {
        Path kubeconfig = dir.resolve("kc");
        Serving s = new Serving("demo", "--kubeconfig", kubeconfig.toString());
        Matcher m = BANNER.matcher(s.banner());
        assertTrue(m.matches(), s.out() + s.err);
        assertEquals("demo", m.group(1));
        assertTrue(s.out().contains("export KUBECONFIG=" + kubeconfig.toAbsolutePath() + "\n"), s.out());
        String config = Files.readString(kubeconfig);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(kubeconfig)), "a new kubeconfig is its owner's only");
        assertTrue(config.contains("server: http://127.0.0.1:" + m.group(2) + "\n"), config);
        assertTrue(config.contains("current-context: cidrstudio\n"), config);
        assertFalse(config.contains("token"), config);
        Files.createDirectories(dir.resolve("home"));
        RealKubectl kubectl = RealKubectl.of(KubeVersion.V1_34, dir.resolve("home"));
        RealKubectl.Run run = kubectl.run(List.of("get", "servicecidrs", "-o", "name"), dir, kubeconfig);
        assertEquals("servicecidr.networking.k8s.io/extra-v4\nservicecidr.networking.k8s.io/kubernetes\n",
                run.stdout(), run.stderr());
        assertEquals(0, s.stop());
        assertEquals("", s.err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void savesThePlanBackOnlyWhenAsked() throws Exception {
        Path file = dir.resolve("lab.cidrplan.yaml");
        Files.writeString(file, DemoPlan.text());
        Files.createDirectories(dir.resolve("home"));
        RealKubectl kubectl = RealKubectl.of(KubeVersion.V1_34, dir.resolve("home"));
        for (boolean save : new boolean[] {false, true}) {
            Path kubeconfig = dir.resolve("kc-" + save);
            Serving s = save ? new Serving(file.toString(), "--kubeconfig", kubeconfig.toString(), "--save")
                    : new Serving(file.toString(), "--kubeconfig", kubeconfig.toString());
            assertTrue(BANNER.matcher(s.banner()).matches(), s.out() + s.err);
            RealKubectl.Run run = kubectl.run(List.of("create", "service", "clusterip", "added-" + save, "--tcp=80"),
                    dir, kubeconfig);
            assertEquals("service/added-" + save + " created\n", run.stdout(), run.stderr());
            assertEquals(0, s.stop());
            String saved = Files.readString(file);
            assertEquals(save, saved.contains("name: added-" + save + "\n"), saved);
            assertEquals(save, s.out().contains("saved " + file + "\n"), s.out());
        }
        assertFalse(Files.readString(file).contains("added-false"));
    }

    @Test
    void aReadOnlyServerSaysSo() throws Exception {
        Serving s = new Serving("demo", "--read-only");
        assertTrue(s.banner().endsWith(" (read-only)"), s.out());
        assertEquals(0, s.stop());
    }

    @Test
    void anotherAddressGetsATokenInTheKubeconfig() throws Exception {
        Path kubeconfig = dir.resolve("kc");
        Serving s = new Serving("demo", "--address", "0.0.0.0", "--kubeconfig", kubeconfig.toString());
        assertTrue(s.banner().startsWith("serving demo at https://0.0.0.0:"), s.out());
        assertTrue(Files.readString(kubeconfig).contains("    certificate-authority-data: "));
        assertTrue(Pattern.compile("(?m)^    token: [A-Za-z0-9_-]{43}$").matcher(Files.readString(kubeconfig)).find(),
                Files.readString(kubeconfig));
        assertEquals(0, s.stop());
    }

    @Test
    void tlsOnLoopbackServesHttpsWithATokenTheRealKubectlSends() throws Exception {
        Path kubeconfig = dir.resolve("kc");
        Serving s = new Serving("demo", "--tls", "--kubeconfig", kubeconfig.toString());
        Matcher m = Pattern.compile("serving demo at https://127\\.0\\.0\\.1:(\\d+)").matcher(s.banner());
        assertTrue(m.matches(), s.out() + s.err);
        String config = Files.readString(kubeconfig);
        assertTrue(config.contains("    server: https://127.0.0.1:" + m.group(1) + "\n"), config);
        assertTrue(config.contains("    certificate-authority-data: "), config);
        assertTrue(Pattern.compile("(?m)^    token: [A-Za-z0-9_-]{43}$").matcher(config).find(), config);
        // Nothing but the kubeconfig is written: the keys stay in memory.
        try (var files = Files.list(dir)) {
            assertEquals(List.of(kubeconfig), files.toList());
        }
        Files.createDirectories(dir.resolve("home"));
        RealKubectl kubectl = RealKubectl.of(KubeVersion.V1_33, dir.resolve("home"));
        RealKubectl.Run run = kubectl.run(List.of("create", "namespace", "team"), dir, kubeconfig);
        assertEquals("namespace/team created\n", run.stdout(), run.stderr());
        assertEquals(0, s.stop());
    }

    @Test
    void refusals() throws Exception {
        Serving demoSave = new Serving("demo", "--save");
        assertEquals(2, demoSave.status.get(30, TimeUnit.SECONDS));
        assertEquals("cidrstudio: serve: --save needs a plan file: the demo plan is built in\n",
                demoSave.err.toString(StandardCharsets.UTF_8));
        Path manifests = dir.resolve("svc.yaml");
        Files.writeString(manifests, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n");
        Serving manifestSave = new Serving(manifests.toString(), "--save");
        assertEquals(2, manifestSave.status.get(30, TimeUnit.SECONDS));
        assertEquals("cidrstudio: serve: --save needs a plan file (*.cidrplan.yaml): " + manifests
                + " opens as an untitled plan\n", manifestSave.err.toString(StandardCharsets.UTF_8));
        Serving missing = new Serving(dir.resolve("nope.cidrplan.yaml").toString());
        assertEquals(1, missing.status.get(30, TimeUnit.SECONDS));
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Serving busy = new Serving("demo", "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(1, busy.status.get(30, TimeUnit.SECONDS));
            assertTrue(busy.err.toString(StandardCharsets.UTF_8).startsWith("cidrstudio: serve: "), busy.err.toString(
                    StandardCharsets.UTF_8));
        }
    }
}
