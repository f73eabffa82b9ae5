package dev.cidrstudio.server;

import dev.cidrstudio.app.DemoPlan;
import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.console.CommandResult;
import dev.cidrstudio.console.Kubectl;
import dev.cidrstudio.differential.RealKubectl;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.KubeVersion;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.util.List;

/** The demo plan of a release served on a free loopback port, with a kubeconfig for it and the real kubectl. */
final class ServedPlan implements AutoCloseable {

    final PlanSession session;
    final PlanServer server;
    final Path kubeconfig;
    final Path dir;
    final RealKubectl kubectl;
    private final HttpClient http;

    ServedPlan(KubeVersion release, Path dir, PlanServer.Options options) throws IOException {
        ApiServer api = DemoPlan.load().api();
        api.reconfigureCluster(api.settings().clusterCIDR(), release);
        this.dir = dir;
        this.session = new PlanSession(dir.resolve("config"), api, DemoPlan.NAME);
        this.server = PlanServer.start(session, options);
        this.http = client(server);
        this.kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, Kubeconfig.of(server));
        Files.createDirectories(dir.resolve("home"));
        this.kubectl = RealKubectl.of(release, dir.resolve("home"));
    }

    ServedPlan(KubeVersion release, Path dir) throws IOException {
        this(release, dir, PlanServer.Options.loopback(0));
    }

    /** The real kubectl against the served plan, run in {@link #dir}. */
    RealKubectl.Run real(String... args) throws IOException, InterruptedException {
        return kubectl.run(List.of(args), dir, kubeconfig);
    }

    /** The console on a copy of the plan as it is now: what the same command prints there. */
    CommandResult console(String... args) {
        Kubectl console = new Kubectl(session.view().fork(), path -> Files.readString(dir.resolve(path)));
        return console.run(List.of(args), "");
    }

    HttpResponse<String> send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        return send(method, path, contentType, body, null);
    }

    HttpResponse<String> send(String method, String path, String contentType, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A client that trusts the served plan's CA, when it has one. */
    static HttpClient client(PlanServer server) throws IOException {
        if (server.certificateAuthority().isEmpty()) {
            return HttpClient.newHttpClient();
        }
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", server.certificateAuthority().get());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(tls).build();
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        session.close();
    }
}
