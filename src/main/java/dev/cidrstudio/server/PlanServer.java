package dev.cidrstudio.server;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.io.yaml.YamlLimits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Serves an open plan as a Kubernetes API over HTTP, so the real kubectl (and any client) works on the simulated
 * cluster. Reads see the plan's published snapshot; every write goes through the plan's one door, so it is undoable
 * and marks the plan unsaved. Loopback by default; bound to another address it wants a bearer token and serves
 * HTTPS.
 */
public final class PlanServer implements AutoCloseable {

    /**
     * How to serve: the address and port (0 picks a free one), whether writes are refused, the bearer token clients
     * must send (null: none asked), and whether to serve HTTPS (always, on an address that is not loopback: kubectl
     * sends a token only over TLS).
     */
    public record Options(String address, int port, boolean readOnly, String token, boolean tls) {

        public Options(String address, int port, boolean readOnly, String token) {
            this(address, port, readOnly, token, false);
        }

        public static Options loopback(int port) {
            return new Options("127.0.0.1", port, false, null, false);
        }

        public Options readOnly(boolean value) {
            return new Options(address, port, value, token, tls);
        }

        public Options withToken(String value) {
            return new Options(address, port, readOnly, value, tls);
        }

        public Options withTls(boolean value) {
            return new Options(address, port, readOnly, token, value);
        }

        /** Whether HTTPS is served: when asked, and always on an address that is not loopback. */
        public boolean servesTls() {
            return tls || !isLoopback(address);
        }
    }

    private final Server jetty;
    private final ServerConnector connector;
    private final ApiHandler handler;
    private final Options options;
    private final ServingCertificates certificates;

    private PlanServer(Server jetty, ServerConnector connector, ApiHandler handler, Options options,
            ServingCertificates certificates) {
        this.jetty = jetty;
        this.handler = handler;
        this.connector = connector;
        this.options = options;
        this.certificates = certificates;
    }

    /**
     * Starts serving. An address that is not loopback needs a token: refused without one, so a plan is never
     * served to the network unguarded. Over TLS a new CA and server certificate are made, in memory only.
     */
    public static PlanServer start(PlanSession session, Options options) throws IOException {
        if (options.token() == null && !isLoopback(options.address())) {
            throw new IllegalArgumentException("serving on " + options.address() + " needs a bearer token");
        }
        // Each watch holds a thread while it lasts.
        QueuedThreadPool threads = new QueuedThreadPool(256, 2);
        threads.setName("cidrstudio-serve");
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        ServingCertificates certificates = null;
        ServerConnector connector;
        if (options.servesTls()) {
            certificates = ServingCertificates.forAddress(options.address());
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            // Clients reach the server by address as often as by name: the certificate covers both.
            secure.setSniHostCheck(false);
            http.addCustomizer(secure);
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(certificates.keyStore());
            ssl.setKeyStorePassword(new String(ServingCertificates.KEY_STORE_PASSWORD));
            ssl.setCertAlias(ServingCertificates.KEY_ALIAS);
            connector = new ServerConnector(jetty, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                    new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        }
        connector.setHost(options.address());
        connector.setPort(options.port());
        jetty.addConnector(connector);
        ApiHandler handler = new ApiHandler(session, options.readOnly(), options.token(),
                YamlLimits.KUBE_MAX_REQUEST_BODY_BYTES);
        jetty.setHandler(handler);
        jetty.setErrorHandler(new StatusErrorHandler());
        jetty.setStopTimeout(2000);
        try {
            jetty.start();
        } catch (IOException e) {
            handler.closeWatches();
            stopQuietly(jetty);
            throw e;
        } catch (Exception e) {
            handler.closeWatches();
            stopQuietly(jetty);
            throw new IOException("cannot serve on " + options.address() + ":" + options.port() + ": "
                    + e.getMessage(), e);
        }
        return new PlanServer(jetty, connector, handler, options, certificates);
    }

    private static void stopQuietly(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception e) {
            System.getLogger("dev.cidrstudio.server").log(System.Logger.Level.DEBUG, "stop after a failed start", e);
        }
    }

    /** Whether an address (a name or a literal) is this machine's loopback. */
    public static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A new bearer token: 32 random bytes, URL-safe base64. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The port it listens on (the chosen one when 0 was asked). */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://HOST:PORT} or {@code https://HOST:PORT}, an IPv6 literal in brackets. */
    public URI url() {
        String host = options.address().contains(":") ? "[" + options.address() + "]" : options.address();
        return URI.create((certificates != null ? "https://" : "http://") + host + ":" + port());
    }

    /** Over TLS, the CA's certificate (PEM) that clients trust; the kubeconfig carries it. */
    public Optional<String> certificateAuthorityPem() {
        return Optional.ofNullable(certificates).map(ServingCertificates::caPem);
    }

    /** Over TLS, the CA's certificate, for clients in this process. */
    public Optional<java.security.cert.X509Certificate> certificateAuthority() {
        return Optional.ofNullable(certificates).map(ServingCertificates::ca);
    }

    public Optional<String> token() {
        return Optional.ofNullable(options.token());
    }

    public Options options() {
        return options;
    }

    public boolean readOnly() {
        return options.readOnly();
    }

    /** Stops serving; requests under way get up to two seconds. */
    @Override
    public void close() {
        handler.closeWatches();
        try {
            jetty.stop();
        } catch (Exception e) {
            System.getLogger("dev.cidrstudio.server").log(System.Logger.Level.WARNING, "stopping the server", e);
        }
    }
}
