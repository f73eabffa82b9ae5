package dev.cidrstudio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.console.CommandResult;
import dev.cidrstudio.differential.RealKubectl;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.cluster.KubeVersion;
import java.io.ByteArrayInputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS with a CA made at start: the real kubectl trusts it through the kubeconfig's certificate-authority-data and
 * sends the kubeconfig's bearer token (which it sends over TLS only); requests without the token get 401.
 */
class ServeOverTlsTest {

    @TempDir
    Path dir;

    @Test
    void theRealKubectlReadsAndWritesOverHttpsWithTheToken() throws Exception {
        String token = PlanServer.newToken();
        try (ServedPlan plan = new ServedPlan(KubeVersion.V1_34, dir,
                PlanServer.Options.loopback(0).withToken(token).withTls(true))) {
            assertEquals("https://127.0.0.1:" + plan.server.port(), plan.server.url().toString());
            String config = Files.readString(plan.kubeconfig);
            assertTrue(config.contains("    token: " + token + "\n"), config);
            X509Certificate ca = caOf(config);
            assertEquals(plan.server.certificateAuthority().orElseThrow(), ca);
            assertFalse(config.contains("PRIVATE KEY") || config.contains("client-key"), config);

            RealKubectl.Run get = plan.real("get", "svc", "-A");
            CommandResult console = plan.console("get", "svc", "-A");
            assertEquals(console.stdout(), get.stdout(), get.stderr());
            RealKubectl.Run create = plan.real("create", "service", "clusterip", "x", "--tcp=80");
            assertEquals("service/x created\n", create.stdout(), create.stderr());
            assertTrue(plan.session.current().get(Kind.SERVICE, "default", "x").isPresent());

            var refused = plan.send("GET", "/api/v1/services", null, null);
            assertEquals(401, refused.statusCode());
            assertEquals("{\"apiVersion\":\"v1\",\"code\":401,\"kind\":\"Status\",\"message\":\"Unauthorized\","
                    + "\"metadata\":{},\"reason\":\"Unauthorized\",\"status\":\"Failure\"}", refused.body());
            assertEquals(401, plan.send("GET", "/version", null, null, "wrong").statusCode());
            assertEquals(200, plan.send("GET", "/api/v1/services", null, null, token).statusCode());

            // The same kubeconfig with another token: kubectl is refused, and nothing changes. (With no credentials
            // at all, kubectl asks for a user name on its terminal instead.)
            long revision = plan.session.revision();
            Path wrongToken = dir.resolve("wrong-token");
            Files.writeString(wrongToken, config.replace("    token: " + token + "\n", "    token: guessed\n"));
            RealKubectl.Run anonymous = plan.kubectl.run(List.of("delete", "svc", "x"), dir, wrongToken);
            assertEquals("error: You must be logged in to the server (Unauthorized)\n", anonymous.stderr());
            assertEquals(1, anonymous.exitCode());
            assertEquals(revision, plan.session.revision());
            // Without the CA, kubectl does not trust the server: the certificate is checked, not waved through.
            Path noCa = dir.resolve("no-ca");
            Files.writeString(noCa, config.replaceAll("(?m)^    certificate-authority-data: .*\n", ""));
            RealKubectl.Run untrusted = plan.kubectl.run(List.of("get", "ns"), dir, noCa);
            assertTrue(untrusted.stderr().contains("certificate signed by unknown authority"), untrusted.stderr());
        }
    }

    @Test
    void anotherAddressIsServedOverHttpsWithTheToken() throws Exception {
        String address = machineAddress();
        String token = PlanServer.newToken();
        try (ServedPlan plan = new ServedPlan(KubeVersion.V1_35, dir,
                new PlanServer.Options(address, 0, false, token))) {
            assertTrue(plan.server.options().servesTls());
            assertEquals("https://" + address + ":" + plan.server.port(), plan.server.url().toString());
            RealKubectl.Run ns = plan.real("get", "ns", "default", "-o", "name");
            assertEquals("namespace/default\n", ns.stdout(), ns.stderr());
            RealKubectl.Run create = plan.real("create", "namespace", "team");
            assertEquals("namespace/team created\n", create.stdout(), create.stderr());
            assertEquals(401, plan.send("GET", "/api", null, null).statusCode());
        }
    }

    @Test
    void theCertificateNamesTheAddressAndLoopbackAndIsSignedByTheCa() throws Exception {
        ServingCertificates certs = ServingCertificates.forAddress("192.0.2.7");
        assertEquals(List.of("192.0.2.7", "127.0.0.1", "::1", "localhost"), certs.names());
        X509Certificate server = (X509Certificate) certs.keyStore().getCertificate(ServingCertificates.KEY_ALIAS);
        server.verify(certs.ca().getPublicKey());
        server.checkValidity();
        assertEquals(-1, server.getBasicConstraints());
        assertTrue(certs.ca().getBasicConstraints() >= 0);
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), server.getExtendedKeyUsage());
        List<String> altNames = server.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString()).toList();
        assertTrue(altNames.containsAll(List.of("192.0.2.7", "127.0.0.1", "localhost")), altNames.toString());
        // A new CA each start: a kubeconfig from an earlier run does not trust a later one.
        assertFalse(certs.ca().equals(ServingCertificates.forAddress("192.0.2.7").ca()));
    }

    /** This machine's first IPv4 address that is not loopback, else every address. */
    static String machineAddress() throws Exception {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return a.getHostAddress();
                }
            }
        }
        return "0.0.0.0";
    }

    static X509Certificate caOf(String kubeconfig) throws Exception {
        Matcher m = Pattern.compile("(?m)^    certificate-authority-data: (\\S+)$").matcher(kubeconfig);
        assertTrue(m.find(), kubeconfig);
        byte[] pem = Base64.getDecoder().decode(m.group(1));
        assertTrue(new String(pem, StandardCharsets.US_ASCII).startsWith("-----BEGIN CERTIFICATE-----\n"));
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(pem));
    }
}
