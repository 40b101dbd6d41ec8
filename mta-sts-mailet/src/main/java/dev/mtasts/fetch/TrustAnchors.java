package dev.mtasts.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities a TLS peer must chain to, for the policy host (RFC 8461 §3.3) and for MX hosts
 * (RFC 8461 §4.2): by default the JDK's trust store, plus operator-supplied PEM files and a keystore.
 *
 * <p>Validation is PKIX (RFC 5280) through the JDK's {@code PKIX} trust manager. Host-name checks are the
 * caller's job: the trust manager only answers "does this chain lead to one of our anchors, unexpired".
 */
public final class TrustAnchors {

    /**
     * The TLS versions we speak: 1.3 and 1.2. Older versions are deprecated (RFC 8996) and are not a way to
     * authenticate a policy host or an MX.
     */
    public static final List<String> TLS_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private static final String JDK_DEFAULTS = "JDK default trust store";

    private final List<X509Certificate> certificates;
    private final X509TrustManager trustManager;

    private TrustAnchors(List<X509Certificate> certificates, X509TrustManager trustManager) {
        this.certificates = certificates;
        this.trustManager = trustManager;
    }

    /**
     * The JDK's trust store alone. A JVM whose own trust store cannot be read is a broken installation, not bad
     * input: that is reported as an {@link IllegalStateException}.
     */
    public static TrustAnchors jdkDefaults() {
        try {
            return builder().build();
        } catch (TrustAnchorException e) {
            throw new IllegalStateException("the JVM's trust store is unusable: " + e.getMessage(), e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The PKIX trust manager over all anchors. */
    public X509TrustManager trustManager() {
        return trustManager;
    }

    /** Every anchor, without duplicates. */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /**
     * A fresh client {@link SSLContext} that trusts exactly these anchors and presents no client certificate.
     *
     * <p>An {@code SSLContext} cannot carry a minimum protocol version itself: apply
     * {@link #clientParameters(String)} to each socket or engine made from it (or pass {@link #TLS_PROTOCOLS} to
     * the library that makes them) to keep to TLS 1.2 and 1.3 even where the JVM's own settings allow older
     * versions.
     */
    public SSLContext newClientSslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, null);
            return context;
        } catch (GeneralSecurityException e) {
            // Every Java SE implementation provides "TLS"; init cannot fail without key managers.
            throw new IllegalStateException("the JVM offers no usable TLS implementation", e);
        }
    }

    /**
     * Client-side parameters for one connection: TLS 1.2 or 1.3 only, and SNI naming {@code serverName}
     * (RFC 8461 §3.3 and §4.2 ask for a certificate valid for that name; SNI lets the server pick it).
     * No endpoint identification is set: the caller checks the host name its own way.
     */
    public static SSLParameters clientParameters(String serverName) {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(TLS_PROTOCOLS.toArray(String[]::new));
        parameters.setServerNames(List.of(new SNIHostName(serverName)));
        return parameters;
    }

    @Override
    public String toString() {
        return "TrustAnchors[" + certificates.size() + " certificates]";
    }

    /** Collects anchor sources; {@link #build()} reads them and fails on the first one that is unusable. */
    public static final class Builder {

        private boolean includeJdkDefaults = true;
        private final List<Path> pemFiles = new ArrayList<>();
        private final List<KeyStoreSource> keyStores = new ArrayList<>();

        private Builder() {
        }

        /** Leave out the JDK's trust store: only the given files are trusted (tests, closed networks). */
        public Builder withoutJdkDefaults() {
            includeJdkDefaults = false;
            return this;
        }

        /** A PEM file with one or more {@code CERTIFICATE} blocks, each one trusted. */
        public Builder pemFile(Path file) {
            pemFiles.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        /**
         * A keystore whose trusted-certificate entries are trusted (key entries are ignored).
         *
         * @param type     e.g. {@code PKCS12} or {@code JKS}; {@code null} for the JVM's default type
         * @param password {@code null} when the keystore has none
         */
        public Builder keyStore(Path file, String type, char[] password) {
            keyStores.add(new KeyStoreSource(Objects.requireNonNull(file, "file"),
                    type == null ? KeyStore.getDefaultType() : type,
                    password == null ? null : password.clone()));
            return this;
        }

        public TrustAnchors build() throws TrustAnchorException {
            Set<X509Certificate> anchors = new LinkedHashSet<>();
            if (includeJdkDefaults) {
                anchors.addAll(jdkDefaultAnchors());
            }
            for (Path file : pemFiles) {
                anchors.addAll(PemCertificates.read(file));
            }
            for (KeyStoreSource keyStore : keyStores) {
                anchors.addAll(keyStore.trustedCertificates());
            }
            if (anchors.isEmpty()) {
                throw new TrustAnchorException("trust anchors", "none configured: nothing would be trusted");
            }
            List<X509Certificate> certificates = List.copyOf(anchors);
            return new TrustAnchors(certificates, pkixTrustManager(certificates));
        }

        private static List<X509Certificate> jdkDefaultAnchors() throws TrustAnchorException {
            try {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
                return Arrays.asList(x509TrustManager(factory).getAcceptedIssuers());
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new TrustAnchorException(JDK_DEFAULTS, "cannot be loaded: " + e, e);
            }
        }

        private static X509TrustManager pkixTrustManager(List<X509Certificate> certificates) throws TrustAnchorException {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                for (int i = 0; i < certificates.size(); i++) {
                    store.setCertificateEntry("anchor-" + i, certificates.get(i));
                }
                TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
                factory.init(store);
                return x509TrustManager(factory);
            } catch (GeneralSecurityException | IOException e) {
                throw new TrustAnchorException("trust anchors", "cannot build a PKIX trust manager: " + e, e);
            }
        }

        private static X509TrustManager x509TrustManager(TrustManagerFactory factory) throws KeyStoreException {
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager) {
                    return (X509TrustManager) manager;
                }
            }
            throw new KeyStoreException("no X509TrustManager from " + factory.getAlgorithm());
        }
    }

    private static final class KeyStoreSource {
        private final Path file;
        private final String type;
        private final char[] password;

        KeyStoreSource(Path file, String type, char[] password) {
            this.file = file;
            this.type = type;
            this.password = password;
        }

        List<X509Certificate> trustedCertificates() throws TrustAnchorException {
            String source = file.toString();
            KeyStore store;
            try {
                store = KeyStore.getInstance(type);
            } catch (KeyStoreException e) {
                throw new TrustAnchorException(source, "unknown keystore type " + type, e);
            }
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, password);
            } catch (NoSuchFileException e) {
                throw new TrustAnchorException(source, "no such file", e);
            } catch (AccessDeniedException e) {
                throw new TrustAnchorException(source, "permission denied", e);
            } catch (IOException e) {
                if (e.getCause() instanceof UnrecoverableKeyException) {
                    throw new TrustAnchorException(source, "wrong keystore password", e);
                }
                throw new TrustAnchorException(source, "not a readable " + type + " keystore: " + e.getMessage(), e);
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new TrustAnchorException(source, "not a readable " + type + " keystore: " + e, e);
            }
            try {
                List<X509Certificate> certificates = new ArrayList<>();
                for (String alias : Collections.list(store.aliases())) {
                    if (store.isCertificateEntry(alias)) {
                        Certificate certificate = store.getCertificate(alias);
                        if (certificate instanceof X509Certificate) {
                            certificates.add((X509Certificate) certificate);
                        }
                    }
                }
                if (certificates.isEmpty()) {
                    throw new TrustAnchorException(source, "the keystore holds no trusted certificate entry");
                }
                return certificates;
            } catch (KeyStoreException e) {
                throw new TrustAnchorException(source, "cannot list the keystore: " + e, e);
            }
        }
    }
}
