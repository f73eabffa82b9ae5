package dev.cidrstudio.server;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificates a plan is served with over TLS, made at start and kept in memory only: a CA of its own (whose
 * certificate goes into the kubeconfig as {@code certificate-authority-data}) and a server certificate it signs for
 * the served address, {@code 127.0.0.1}, {@code ::1} and {@code localhost} (and, bound to every address, for each of
 * the machine's own). The CA's private key is dropped once the server certificate is signed; the server's lives in an
 * in-memory key store. Neither is ever written to disk.
 */
final class ServingCertificates {

    /** How long the certificates are valid: a serving session rarely lasts a year. */
    static final Duration VALIDITY = Duration.ofDays(365);
    /** The password of the in-memory key store (it is never stored, so this guards nothing). */
    static final char[] KEY_STORE_PASSWORD = "cidrstudio".toCharArray();
    static final String KEY_ALIAS = "serving";

    private final X509Certificate ca;
    private final KeyStore keyStore;
    private final List<String> names;

    private ServingCertificates(X509Certificate ca, KeyStore keyStore, List<String> names) {
        this.ca = ca;
        this.keyStore = keyStore;
        this.names = names;
    }

    /** A new CA and a server certificate for this address (a literal or a name). */
    static ServingCertificates forAddress(String address) throws IOException {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator keys = KeyPairGenerator.getInstance("EC");
            keys.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair caKeys = keys.generateKeyPair();
            KeyPair serverKeys = keys.generateKeyPair();
            Instant now = Instant.now();
            Date notBefore = Date.from(now.minus(Duration.ofHours(1)));
            Date notAfter = Date.from(now.plus(VALIDITY));
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();

            X500Name caName = new X500Name("CN=cidrstudio-ca@" + now.getEpochSecond());
            X509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(caName, serial(random), notBefore,
                    notAfter, caName, caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(caKeys.getPublic()));
            X509Certificate ca = certificate(caBuilder, signer(caKeys));

            List<String> names = subjectAltNames(address);
            List<GeneralName> alt = new ArrayList<>();
            for (String n : names) {
                alt.add(isLiteral(n) ? new GeneralName(GeneralName.iPAddress, n)
                        : new GeneralName(GeneralName.dNSName, n));
            }
            X509v3CertificateBuilder serverBuilder = new JcaX509v3CertificateBuilder(ca, serial(random), notBefore,
                    notAfter, new X500Name("CN=cidrstudio"), serverKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(alt.toArray(GeneralName[]::new)));
            X509Certificate server = certificate(serverBuilder, signer(caKeys));

            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(KEY_ALIAS, serverKeys.getPrivate(), KEY_STORE_PASSWORD,
                    new Certificate[] {server, ca});
            return new ServingCertificates(ca, store, names);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make a TLS certificate: " + e.getMessage(), e);
        }
    }

    /** The names the server certificate is valid for, addresses first. */
    static List<String> subjectAltNames(String address) {
        Set<String> names = new LinkedHashSet<>();
        String bare = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        names.add(bare);
        names.add("127.0.0.1");
        names.add("::1");
        names.add("localhost");
        if (isWildcard(bare)) {
            // Bound to every address: clients may reach it by any of the machine's own.
            try {
                for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                        if (!a.isLinkLocalAddress()) {
                            names.add(a.getHostAddress().replaceFirst("%.*$", ""));
                        }
                    }
                }
            } catch (SocketException e) {
                System.getLogger("dev.cidrstudio.server").log(System.Logger.Level.DEBUG, "listing addresses", e);
            }
        }
        return List.copyOf(names);
    }

    private static boolean isWildcard(String address) {
        try {
            return isLiteral(address) && InetAddress.getByName(address).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether a host is an IPv4 or IPv6 literal (as opposed to a DNS name). */
    static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private static ContentSigner signer(KeyPair keys) throws OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
    }

    private static X509Certificate certificate(X509v3CertificateBuilder builder, ContentSigner signer)
            throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    /** The CA's certificate, which clients trust. */
    X509Certificate ca() {
        return ca;
    }

    /** The CA's certificate as PEM, what a kubeconfig's {@code certificate-authority-data} holds (base64'd). */
    String caPem() {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(ca);
        } catch (IOException e) {
            throw new IllegalStateException("writing a certificate to memory", e);
        }
        return text.toString();
    }

    /** The server's key and certificate chain, in memory. */
    KeyStore keyStore() {
        return keyStore;
    }

    List<String> names() {
        return names;
    }
}
