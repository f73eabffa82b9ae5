package dev.cidrstudio.differential;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An API server that only answers discovery ({@code /api}, {@code /apis} and their resource lists for Pods, Services,
 * Namespaces and Deployments) and refuses everything else with NotFound: enough for a real kubectl to build what
 * {@code run} or {@code expose} would send with {@code --dry-run=client}, which it does only after asking the server
 * which resources exist. No object is ever read or written.
 */
final class DiscoveryServer implements AutoCloseable {

    private static final String API = """
            {"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0",\
            "serverAddress":"127.0.0.1:6443"}]}""";
    private static final String APIS = """
            {"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"apps","versions":[{"groupVersion":"apps/v1",\
            "version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}]}""";
    private static final String VERBS = "\"verbs\":[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\","
            + "\"watch\"]";
    private static final String CORE = "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":["
            + resource("pods", "pod", "Pod", true, "po") + "," + resource("services", "service", "Service", true, "svc")
            + "," + resource("namespaces", "namespace", "Namespace", false, "ns") + "]}";
    private static final String APPS = "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":"
            + "\"apps/v1\",\"resources\":[" + resource("deployments", "deployment", "Deployment", true, "deploy")
            + "]}";
    private static final String NOT_FOUND = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
            + "\"status\":\"Failure\",\"message\":\"the server could not find the requested resource\","
            + "\"reason\":\"NotFound\",\"details\":{},\"code\":404}";

    private static String resource(String plural, String singular, String kind, boolean namespaced, String shortName) {
        return "{\"name\":\"" + plural + "\",\"singularName\":\"" + singular + "\",\"namespaced\":" + namespaced
                + ",\"kind\":\"" + kind + "\"," + VERBS + ",\"shortNames\":[\"" + shortName + "\"]}";
    }

    private final HttpServer server;
    private final Path kubeconfig;

    private DiscoveryServer(HttpServer server, Path kubeconfig) {
        this.server = server;
        this.kubeconfig = kubeconfig;
    }

    /** Starts on a free loopback port and writes a kubeconfig for it (namespace default) into {@code dir}. */
    static DiscoveryServer start(Path dir) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Map<String, String> answers = Map.of("/api", API, "/apis", APIS, "/api/v1", CORE, "/apis/apps/v1", APPS);
        server.createContext("/", exchange -> answer(exchange, answers.get(exchange.getRequestURI().getPath())));
        server.start();
        Path kubeconfig = dir.resolve("discovery-kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - cluster: {server: "http://127.0.0.1:%d"}
                  name: discovery
                contexts:
                - context: {cluster: discovery, user: discovery, namespace: default}
                  name: discovery
                current-context: discovery
                users:
                - name: discovery
                  user: {}
                """.formatted(server.getAddress().getPort()));
        return new DiscoveryServer(server, kubeconfig);
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = (body == null ? NOT_FOUND : body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
