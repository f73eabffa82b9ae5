package dev.cidrstudio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.cluster.KubeVersion;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the served API answers to requests it cannot take: a Status, never a stack trace, never a changed plan. */
class BadRequestsTest {

    @TempDir
    Path dir;
    ServedPlan plan;

    @BeforeEach
    void serve() throws Exception {
        plan = new ServedPlan(KubeVersion.V1_34, dir);
    }

    @AfterEach
    void stop() {
        plan.close();
    }

    private static final String SERVICES = "/api/v1/namespaces/default/services";

    static Stream<Arguments> badRequests() {
        String big = "{\"x\":\"" + "a".repeat(3 * 1024 * 1024 + 10) + "\"}";
        return Stream.of(
                Arguments.of("malformed JSON", "POST", SERVICES, "application/json", "{\"apiVersion\":", 400,
                        "BadRequest"),
                Arguments.of("not an object", "POST", SERVICES, "application/json", "[1,2]", 400, "BadRequest"),
                Arguments.of("an empty body", "POST", SERVICES, "application/json", "", 400, "BadRequest"),
                Arguments.of("another kind", "POST", SERVICES, "application/json",
                        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"n\"}}", 400,
                        "BadRequest"),
                Arguments.of("another namespace", "POST", SERVICES, "application/json",
                        "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"n\",\"namespace\":"
                                + "\"shop\"},\"spec\":{\"ports\":[{\"port\":80}]}}", 400, "BadRequest"),
                Arguments.of("a body too large", "POST", SERVICES, "application/json", big, 413,
                        "RequestEntityTooLarge"),
                Arguments.of("a wrong content type", "POST", SERVICES, "text/plain", "{}", 415,
                        "UnsupportedMediaType"),
                Arguments.of("a malformed protobuf body", "POST", SERVICES, "application/vnd.kubernetes.protobuf",
                        "k8s\u0000\u0012\u00ff", 400, "BadRequest"),
                Arguments.of("a patch type kubectl never sends", "PATCH", SERVICES + "/kubernetes",
                        "application/apply-patch+yaml", "{}", 415, "UnsupportedMediaType"),
                Arguments.of("a malformed patch", "PATCH", SERVICES + "/kubernetes",
                        "application/merge-patch+json", "{", 400, "BadRequest"),
                Arguments.of("a JSON patch that fails its test", "PATCH", SERVICES + "/kubernetes",
                        "application/json-patch+json", "[{\"op\":\"test\",\"path\":\"/spec/type\",\"value\":\"x\"}]",
                        422, "Invalid"),
                Arguments.of("a patch that renames", "PATCH", SERVICES + "/kubernetes",
                        "application/merge-patch+json", "{\"metadata\":{\"name\":\"other\"}}", 400, "BadRequest"),
                Arguments.of("an unknown path", "GET", "/no/such/thing", null, null, 404, "NotFound"),
                Arguments.of("an unknown resource", "GET", "/api/v1/widgets", null, null, 404, "NotFound"),
                Arguments.of("a cluster-scoped kind in a namespace", "GET",
                        "/apis/networking.k8s.io/v1/namespaces/default/servicecidrs", null, null, 404, "NotFound"),
                Arguments.of("a write to a kind the plan only keeps", "DELETE", "/api/v1/namespaces/shop/pods/p",
                        null, null, 405, "MethodNotAllowed"),
                Arguments.of("a watch with an unreadable timeout", "GET", SERVICES + "?watch=true&timeoutSeconds=x",
                        null, null, 400, "BadRequest"),
                Arguments.of("a watch with an unreadable resourceVersion", "GET", SERVICES
                        + "?watch=true&resourceVersion=x", null, null, 400, "BadRequest"),
                Arguments.of("a bad label selector", "GET", SERVICES + "?labelSelector=a%20in%20(", null, null, 400,
                        "BadRequest"),
                Arguments.of("an unknown field selector", "GET", SERVICES + "?fieldSelector=spec.type%3DClusterIP",
                        null, null, 400, "BadRequest"),
                Arguments.of("a bad dryRun", "POST", SERVICES + "?dryRun=Some", "application/json", "{}", 400,
                        "BadRequest"),
                Arguments.of("an ambiguous URI", "GET", "/api/v1/namespaces/a%2Fb/services", null, null, 400, "BadRequest"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void aBadRequestGetsAStatusAndLeavesThePlan(String name, String method, String path, String contentType,
            String body, int code, String reason) throws Exception {
        long before = plan.session.revision();
        HttpResponse<String> r = plan.send(method, path, contentType, body);
        assertEquals(code, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("{\"apiVersion\":\"v1\""), r.body());
        assertTrue(r.body().contains("\"kind\":\"Status\""), r.body());
        assertTrue(r.body().contains("\"reason\":\"" + reason + "\""), r.body());
        assertTrue(r.body().contains("\"code\":" + code), r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals(before, plan.session.revision());
        assertFalse(plan.session.dirty());
    }

    @Test
    void aStaleUpdateIsAConflictWithKubeApiserversMessage() throws Exception {
        HttpResponse<String> got = plan.send("GET", SERVICES + "/kubernetes", null, null);
        String stale = got.body();
        // Someone else changes it first.
        HttpResponse<String> first = plan.send("PATCH", SERVICES + "/kubernetes", "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"first\":\"yes\"}}}");
        assertEquals(200, first.statusCode(), first.body());
        long before = plan.session.revision();
        HttpResponse<String> second = plan.send("PUT", SERVICES + "/kubernetes", "application/json",
                stale.replace("\"labels\":{", "\"labels\":{\"second\":\"yes\","));
        assertEquals(409, second.statusCode(), second.body());
        assertEquals("{\"apiVersion\":\"v1\",\"code\":409,\"details\":{\"kind\":\"services\",\"name\":\"kubernetes\"},"
                + "\"kind\":\"Status\",\"message\":\"Operation cannot be fulfilled on services \\\"kubernetes\\\": the "
                + "object has been modified; please apply your changes to the latest version and try again\","
                + "\"metadata\":{},\"reason\":\"Conflict\",\"status\":\"Failure\"}", second.body());
        assertEquals(before, plan.session.revision());
        // The same update on the latest version goes through.
        String latest = plan.send("GET", SERVICES + "/kubernetes", null, null).body();
        HttpResponse<String> third = plan.send("PUT", SERVICES + "/kubernetes", "application/json",
                latest.replace("\"labels\":{", "\"labels\":{\"second\":\"yes\","));
        assertEquals(200, third.statusCode(), third.body());
        Service s = plan.session.current().<Service>get(Kind.SERVICE, "default", "kubernetes").orElseThrow();
        assertEquals("yes", s.meta().labels().get("second"));
        assertEquals("yes", s.meta().labels().get("first"));
    }

    @Test
    void deletePreconditionsAreChecked() throws Exception {
        long before = plan.session.revision();
        HttpResponse<String> r = plan.send("DELETE", SERVICES + "/kubernetes", "application/json",
                "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"preconditions\":{\"uid\":\"not-it\"}}");
        assertEquals(409, r.statusCode(), r.body());
        assertTrue(r.body().contains("Operation cannot be fulfilled on services \\\"kubernetes\\\": Precondition "
                + "failed: UID in precondition: not-it, UID in object meta: "), r.body());
        assertEquals(before, plan.session.revision());
    }

    @Test
    void twoClientsCreatingAtOnceGetDistinctClusterIps() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Integer>>> clients = new ArrayList<>();
            for (String client : List.of("a", "b")) {
                Callable<List<Integer>> work = () -> {
                    List<Integer> codes = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        codes.add(plan.send("POST", SERVICES, "application/json", "{\"apiVersion\":\"v1\",\"kind\":"
                                + "\"Service\",\"metadata\":{\"name\":\"" + client + i + "\"},\"spec\":{\"ports\":"
                                + "[{\"port\":80}]}}").statusCode());
                    }
                    return codes;
                };
                clients.add(pool.submit(work));
            }
            for (Future<List<Integer>> f : clients) {
                assertEquals(List.of(201), f.get().stream().distinct().toList());
            }
        } finally {
            pool.shutdown();
        }
        Set<String> ips = new HashSet<>();
        int created = 0;
        for (KubeObject o : plan.session.current().<KubeObject>list(Kind.SERVICE, "default")) {
            Service s = (Service) o;
            if (s.name().matches("[ab]\\d+")) {
                created++;
                ips.add(s.spec().clusterIP());
            }
        }
        assertEquals(400, created);
        assertEquals(400, ips.size());
    }
}
