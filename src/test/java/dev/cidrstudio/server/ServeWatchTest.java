package dev.cidrstudio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.differential.RealKubectl;
import dev.cidrstudio.io.manifest.GoJson;
import dev.cidrstudio.io.yaml.YamlReader;
import dev.cidrstudio.io.manifest.Plain;
import dev.cidrstudio.model.cluster.KubeVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watches ({@code ?watch=1}) fed by the plan's changes: the real kubectl's {@code get -w} and {@code wait}, and the
 * stream itself, one {@code metav1.WatchEvent} a line.
 */
class ServeWatchTest {

    @TempDir
    Path dir;

    /** The real kubectl running in the background against the served plan, its output in files. */
    private static final class Background implements AutoCloseable {
        final Process process;
        final Path out;
        final Path err;

        Background(ServedPlan plan, String name, String... args) throws Exception {
            List<String> command = new ArrayList<>();
            command.add(RealKubectl.directory().resolve("kubectl-" + KubeVersion.V1_34.text()).toString());
            command.addAll(List.of(args));
            out = plan.dir.resolve(name + ".out");
            err = plan.dir.resolve(name + ".err");
            ProcessBuilder pb = new ProcessBuilder(command).directory(plan.dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().clear();
            pb.environment().put("HOME", plan.dir.resolve("home").toString());
            pb.environment().put("KUBECONFIG", plan.kubeconfig.toString());
            pb.environment().put("PATH", "/usr/bin:/bin");
            process = pb.start();
        }

        String out() throws Exception {
            return Files.readString(out);
        }

        String err() throws Exception {
            return Files.readString(err);
        }

        /** Waits up to 10 s for the output to satisfy a condition. */
        String awaitOut(Predicate<String> condition) throws Exception {
            for (int i = 0; i < 200; i++) {
                if (condition.test(out())) {
                    return out();
                }
                Thread.sleep(50);
            }
            throw new AssertionError("kubectl printed:\n" + out() + err());
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    @Test
    void waitForDeleteReturnsWhenAnotherClientDeletes() throws Exception {
        try (ServedPlan plan = new ServedPlan(KubeVersion.V1_34, dir)) {
            assertEquals(0, plan.real("create", "service", "clusterip", "x", "--tcp=80").exitCode());
            try (Background wait = new Background(plan, "wait", "wait", "--for=delete", "svc/x", "--timeout=10s")) {
                Thread.sleep(1500);
                assertTrue(wait.process.isAlive(), "kubectl wait ended before the delete: " + wait.out() + wait.err());
                long deleted = System.nanoTime();
                assertEquals("service \"x\" deleted from default namespace\n",
                        plan.real("delete", "svc", "x", "--wait=false").stdout());
                assertTrue(wait.process.waitFor(5, TimeUnit.SECONDS), "kubectl wait did not see the delete");
                assertTrue(System.nanoTime() - deleted < TimeUnit.SECONDS.toNanos(5));
                assertEquals(0, wait.process.exitValue(), wait.err());
                assertEquals("service/x condition met\n", wait.out());
                assertEquals("", wait.err());
            }
            // Nothing deletes it: kubectl gives up at its timeout, with its own message.
            // (On a busy machine kubectl's deadline may fall while its watch request is under way: it then logs that
            // first.)
            RealKubectl.Run timedOut = plan.real("wait", "--for=delete", "svc/kubernetes", "--timeout=2s");
            assertEquals(1, timedOut.exitCode());
            assertEquals("", timedOut.stdout());
            assertTrue(timedOut.stderr().endsWith("error: timed out waiting for the condition on services/kubernetes\n"),
                    timedOut.stderr());
        }
    }

    @Test
    void waitForAJsonpathValueReturnsWhenAnotherClientSetsIt() throws Exception {
        try (ServedPlan plan = new ServedPlan(KubeVersion.V1_35, dir)) {
            try (Background wait = new Background(plan, "wait", "wait", "--for=jsonpath={.metadata.labels.ready}=yes",
                    "svc/kubernetes", "--timeout=10s")) {
                Thread.sleep(1500);
                assertTrue(wait.process.isAlive(), wait.out() + wait.err());
                assertEquals(0, plan.real("label", "svc", "kubernetes", "ready=yes").exitCode());
                assertTrue(wait.process.waitFor(5, TimeUnit.SECONDS), "kubectl wait did not see the change");
                assertEquals("service/kubernetes condition met\n", wait.out(), wait.err());
            }
        }
    }

    @Test
    void getWatchPrintsTheAddedRow() throws Exception {
        try (ServedPlan plan = new ServedPlan(KubeVersion.V1_34, dir)) {
            String listed = plan.real("get", "svc").stdout();
            try (Background watch = new Background(plan, "watch", "get", "svc", "-w")) {
                watch.awaitOut(o -> o.equals(listed));
                assertEquals(0, plan.real("create", "service", "clusterip", "x", "--tcp=80").exitCode());
                String printed = watch.awaitOut(o -> o.length() > listed.length() && o.endsWith("\n"));
                String added = printed.substring(listed.length());
                assertTrue(added.matches("x +ClusterIP +10\\.\\d+\\.\\d+\\.\\d+ +<none> +80/TCP +\\S+\n"), added);
                assertTrue(watch.process.isAlive());
                watch.process.destroy();
                assertTrue(watch.process.waitFor(5, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void theStreamSaysWhatChangedAndEndsAtTimeoutSeconds() throws Exception {
        try (ServedPlan plan = new ServedPlan(KubeVersion.V1_34, dir)) {
            String rv = String.valueOf(plan.session.current().resourceVersionCounter());
            HttpClient http = HttpClient.newHttpClient();
            long started = System.nanoTime();
            CompletableFuture<HttpResponse<String>> watch = http.sendAsync(HttpRequest.newBuilder(URI.create(
                    plan.server.url() + "/api/v1/namespaces/default/services?watch=1&resourceVersion=" + rv
                            + "&timeoutSeconds=3&allowWatchBookmarks=true")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(500);
            assertEquals(0, plan.real("create", "service", "clusterip", "x", "--tcp=80").exitCode());
            assertEquals(0, plan.real("label", "svc", "x", "a=b").exitCode());
            assertEquals(0, plan.real("create", "service", "clusterip", "other", "-n", "shop", "--tcp=80")
                    .exitCode());
            assertEquals(0, plan.real("delete", "svc", "x").exitCode());
            HttpResponse<String> response = watch.get(10, TimeUnit.SECONDS);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertTrue(seconds >= 2 && seconds < 8, seconds + " s");
            assertEquals(200, response.statusCode());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
            List<String> events = new ArrayList<>();
            for (String line : response.body().split("\n")) {
                assertTrue(line.startsWith("{\"type\":\""), line);
                Map<?, ?> event = (Map<?, ?>) Plain.toPlain(new YamlReader().read("event", line).get(0).root());
                Map<?, ?> meta = (Map<?, ?>) ((Map<?, ?>) event.get("object")).get("metadata");
                events.add(event.get("type") + " " + meta.get("name") + " " + (meta.get("labels") == null ? "{}"
                        : GoJson.compact(meta.get("labels"))));
            }
            // Only this namespace's Services; no events for the objects that were there when the list was made.
            assertEquals(List.of("ADDED x {\"app\":\"x\"}", "MODIFIED x {\"a\":\"b\",\"app\":\"x\"}",
                    "DELETED x {\"a\":\"b\",\"app\":\"x\"}"), events);
        }
    }

    @Test
    void aWatchWithoutAResourceVersionStartsWithEveryObjectAndEndsWhenTheServerStops() throws Exception {
        ServedPlan plan = new ServedPlan(KubeVersion.V1_34, dir);
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> watch = http.sendAsync(
                HttpRequest.newBuilder(URI.create(plan.server.url() + "/apis/networking.k8s.io/v1/servicecidrs"
                        + "?watch=true")).build(), HttpResponse.BodyHandlers.ofLines());
        HttpResponse<java.util.stream.Stream<String>> response = watch.get(10, TimeUnit.SECONDS);
        var lines = response.body().iterator();
        assertTrue(lines.next().startsWith("{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"networking.k8s.io/v1\","
                + "\"kind\":\"ServiceCIDR\",\"metadata\":{"));
        assertTrue(lines.next().contains("\"name\":\"kubernetes\""));
        long closing = System.nanoTime();
        CompletableFuture<Boolean> more = CompletableFuture.supplyAsync(lines::hasNext);
        plan.close();
        assertEquals(false, more.get(10, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - closing < TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void badWatchParametersAreRefused() throws Exception {
        try (ServedPlan plan = new ServedPlan(KubeVersion.V1_34, dir)) {
            var response = plan.send("GET", "/api/v1/services?watch=1&timeoutSeconds=soon", null, null);
            assertEquals(400, response.statusCode());
            assertEquals("{\"apiVersion\":\"v1\",\"code\":400,\"kind\":\"Status\",\"message\":\"timeoutSeconds: "
                    + "Invalid value: \\\"soon\\\": must be a number\",\"metadata\":{},\"reason\":\"BadRequest\","
                    + "\"status\":\"Failure\"}", response.body());
            assertEquals(400, plan.send("GET", "/api/v1/services?watch=1&labelSelector=a%20in", null, null)
                    .statusCode());
        }
    }
}
