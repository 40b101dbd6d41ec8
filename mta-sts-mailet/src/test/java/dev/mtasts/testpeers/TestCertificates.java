package dev.mtasts.testpeers;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test PKI made at test time: certificate authorities and the server certificates they issue (EC P-256,
 * SHA-256), as JDK objects, as PEM files and as ready server {@link SSLContext}s.
 *
 * <pre>{@code
 * Authority ca = TestCertificates.newAuthority("Test CA");
 * Leaf policyHost = ca.issue("mta-sts.example.test");
 * Leaf expired = ca.issueExpired("mta-sts.example.test");
 * ca.writePem(dir.resolve("ca.pem"));
 * }</pre>
 */
public final class TestCertificates {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final char[] IN_MEMORY_PASSWORD = "changeit".toCharArray();

    private TestCertificates() {
    }

    /** A new self-signed CA, valid from a year ago for ten years. */
    public static Authority newAuthority(String commonName) {
        KeyPair keys = newKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=" + commonName);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serialNumber(),
                    Date.from(now.minus(Duration.ofDays(365))), Date.from(now.plus(Duration.ofDays(3650))),
                    name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new Authority(keys, sign(builder, keys.getPrivate()));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create test CA " + commonName, e);
        }
    }

    /** PEM text of the certificates, one {@code CERTIFICATE} block each. */
    public static String pem(List<X509Certificate> certificates) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** A certificate authority that signs server certificates. */
    public static final class Authority {

        private final KeyPair keys;
        private final X509Certificate certificate;

        private Authority(KeyPair keys, X509Certificate certificate) {
            this.keys = keys;
            this.certificate = certificate;
        }

        public X509Certificate certificate() {
            return certificate;
        }

        /** A server certificate for the DNS names (subject alternative names), valid from an hour ago for a day. */
        public Leaf issue(String... dnsNames) {
            Instant now = Instant.now();
            return issue(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), dnsNames[0], dnsNames);
        }

        /** A server certificate that expired yesterday. */
        public Leaf issueExpired(String... dnsNames) {
            Instant now = Instant.now();
            return issue(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)), dnsNames[0], dnsNames);
        }

        /** A server certificate that becomes valid tomorrow. */
        public Leaf issueNotYetValid(String... dnsNames) {
            Instant now = Instant.now();
            return issue(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), dnsNames[0], dnsNames);
        }

        /**
         * A server certificate with the given validity, subject common name and DNS names (subject alternative
         * names; none at all if empty, so that only the common name names the host).
         */
        public Leaf issue(Instant notBefore, Instant notAfter, String commonName, String... dnsNames) {
            KeyPair leafKeys = newKeyPair();
            try {
                JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serialNumber(),
                        Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + commonName),
                        leafKeys.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                        .addExtension(Extension.extendedKeyUsage, false,
                                new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                        .addExtension(Extension.subjectKeyIdentifier, false,
                                extensions.createSubjectKeyIdentifier(leafKeys.getPublic()))
                        .addExtension(Extension.authorityKeyIdentifier, false,
                                extensions.createAuthorityKeyIdentifier(certificate));
                if (dnsNames.length > 0) {
                    GeneralName[] names = new GeneralName[dnsNames.length];
                    for (int i = 0; i < dnsNames.length; i++) {
                        names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
                    }
                    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
                }
                return new Leaf(leafKeys.getPrivate(), sign(builder, keys.getPrivate()), certificate);
            } catch (GeneralSecurityException | CertIOException e) {
                throw new IllegalStateException("cannot issue a test certificate for " + commonName, e);
            }
        }

        /** Writes this CA's certificate as PEM. */
        public Path writePem(Path file) {
            return write(file, pem(List.of(certificate)));
        }

        /** A keystore with this CA's certificate as its only trusted entry. */
        public KeyStore trustStore() {
            try {
                KeyStore store = emptyKeyStore();
                store.setCertificateEntry("ca", certificate);
                return store;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A client {@link SSLContext} that trusts only this CA. */
        public SSLContext clientSslContext() {
            try {
                TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
                trust.init(trustStore());
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, trust.getTrustManagers(), null);
                return context;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A server certificate, its private key and the CA that issued it. */
    public record Leaf(PrivateKey privateKey, X509Certificate certificate, X509Certificate issuer) {

        public Leaf {
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(issuer, "issuer");
        }

        /** The chain a server presents: this certificate, then its issuer. */
        public List<X509Certificate> chain() {
            return List.of(certificate, issuer);
        }

        /** A PKCS#12 keystore holding the key and chain under the alias {@code server}. */
        public KeyStore keyStore(char[] password) {
            try {
                KeyStore store = emptyKeyStore();
                store.setKeyEntry("server", privateKey, password, chain().toArray(Certificate[]::new));
                return store;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A server {@link SSLContext} presenting this certificate. */
        public SSLContext serverSslContext() {
            try {
                KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(keyStore(IN_MEMORY_PASSWORD), IN_MEMORY_PASSWORD);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keys.getKeyManagers(), null, null);
                return context;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Writes the chain (this certificate, then its issuer) as PEM, as servers such as nginx expect it. */
        public Path writeChainPem(Path file) {
            return write(file, pem(chain()));
        }

        /** Writes the private key as unencrypted PKCS#8 PEM ({@code PRIVATE KEY}). */
        public Path writeKeyPem(Path file) {
            StringWriter text = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
                writer.writeObject(new JcaPKCS8Generator(privateKey, null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return write(file, text.toString());
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC P-256 in this JVM", e);
        }
    }

    private static BigInteger serialNumber() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyStore emptyKeyStore() throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static Path write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
