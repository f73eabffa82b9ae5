package dev.cidrstudio.server;

import dev.cidrstudio.io.manifest.GoYaml;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A kubeconfig whose current context points at a served plan: one cluster, one user, one context. */
public final class Kubeconfig {

    /** The name of the cluster, user and context. */
    public static final String NAME = "cidrstudio";

    private Kubeconfig() {
    }

    /**
     * The kubeconfig's text for a served plan: over TLS the cluster carries the CA's certificate, and the user carries
     * the bearer token when there is one.
     */
    public static String of(PlanServer server) {
        Map<String, Object> cluster = new LinkedHashMap<>();
        server.certificateAuthorityPem().ifPresent(pem -> cluster.put("certificate-authority-data",
                Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII))));
        cluster.put("server", server.url().toString());
        Map<String, Object> user = new LinkedHashMap<>();
        server.token().ifPresent(t -> user.put("token", t));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("cluster", NAME);
        context.put("user", NAME);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "v1");
        doc.put("kind", "Config");
        doc.put("clusters", List.of(Map.of("name", NAME, "cluster", cluster)));
        doc.put("users", List.of(Map.of("name", NAME, "user", user)));
        doc.put("contexts", List.of(Map.of("name", NAME, "context", context)));
        doc.put("current-context", NAME);
        doc.put("preferences", Map.of());
        return GoYaml.marshal(doc);
    }
}
