package dev.mtasts.james.tls;

import dev.mtasts.dane.DaneDecision;
import dev.mtasts.dane.DnssecStatus;
import dev.mtasts.dane.HostDecision;
import dev.mtasts.dane.HostFacts;
import dev.mtasts.dane.StsFacts;
import dev.mtasts.dane.TlsaFacts;
import dev.mtasts.dns.TlsaRecord;
import dev.mtasts.fetch.TrustAnchors;
import dev.mtasts.outcome.ResultType;
import dev.mtasts.testpeers.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * TLS session resumption with an MX saves the full handshake but never the certificate check: a resumed session's
 * chain is validated and its host name matched again, the outcome is reported for every session, and an enforcing
 * session whose resumed certificate no longer passes is aborted (and not resumed again). Against a real JDK TLS
 * server on 127.0.106.21 that resumes sessions (TLS 1.3 tickets, TLS 1.2 session ids). The same holds for sessions
 * with a DANE host, checked against its TLSA records (RFC 7672 §3).
 */
class ResumedSessionCheckTest {

    private static final String MX_HOST = "mx.resume.test";
    private static final InetAddress ADDRESS = address("127.0.106.21");

    private static TestCertificates.Authority authority;
    private static X509TrustManager realPkix;

    private final AtomicInteger chainChecks = new AtomicInteger();
    private final AtomicBoolean distrusted = new AtomicBoolean();
    private final List<String> told = new CopyOnWriteArrayList<>();
    private MxTlsScope scope;

    @BeforeAll
    static void createCa(@TempDir Path directory) throws Exception {
        authority = TestCertificates.newAuthority("Resumption Test CA");
        realPkix = TrustAnchors.builder().withoutJdkDefaults().pemFile(authority.writePem(directory.resolve("ca.pem")))
            .build().trustManager();
    }

    @AfterEach
    void closeScope() {
        if (scope != null) {
            scope.close();
        }
    }

    @ParameterizedTest(name = "{0}, enforcing={1}")
    @CsvSource({"TLSv1.3, true", "TLSv1.2, true", "TLSv1.3, false", "TLSv1.2, false"})
    void everySessionIsCheckedFullOrResumed(String protocol, boolean enforcing) throws Exception {
        MxTls tls = new MxTls(new MxCertificateVerifier(countingPkix(), Clock.systemUTC()));
        scope = MxTlsScope.open(tls, observer(), enforcing);
        try (ResumingServer server = new ResumingServer(authority.issue(MX_HOST), protocol)) {
            ScopedStartTlsSocketFactory factory = enforcing ? new EnforcingStartTlsSocketFactory()
                : new ObservingStartTlsSocketFactory();

            session(factory, server);
            session(factory, server);

            assertThat(told).containsExactly(
                "success " + protocol + " full",
                "success " + protocol + " resumed");
            assertThat(chainChecks).hasValue(2);

            // The CA is no longer trusted: the next session would resume, and must fail the check all the same.
            distrusted.set(true);
            if (enforcing) {
                SSLHandshakeException aborted = catchThrowableOfType(() -> session(factory, server),
                    SSLHandshakeException.class);
                assertThat(aborted).hasCauseInstanceOf(MxCertificateException.class);
                assertThat(((MxCertificateException) aborted.getCause()).failure().type())
                    .isEqualTo(ResultType.CERTIFICATE_NOT_TRUSTED);
            } else {
                session(factory, server); // observing: reported, not stopped (RFC 8461 §5)
            }
            assertThat(told.get(2)).isEqualTo("certificate-not-trusted " + protocol + " resumed");
            assertThat(chainChecks).hasValue(3);

            distrusted.set(false);
            session(factory, server);
            assertThat(told.get(3)).startsWith("success " + protocol);
            assertThat(chainChecks).hasValue(4);
        }
    }

    /**
     * DANE (RFC 7672 §3): a session with a DANE host may resume an earlier one with the same host and TLSA records,
     * and is checked against the records all the same; new records make a new context, and a certificate they do not
     * match fails the handshake.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"TLSv1.3", "TLSv1.2"})
    void everyDaneSessionIsCheckedFullOrResumed(String protocol) throws Exception {
        TestCertificates.Leaf leaf = authority.issue(MX_HOST);
        MxTls tls = new MxTls(new MxCertificateVerifier(countingPkix(), Clock.systemUTC()));
        scope = MxTlsScope.openPerHost(tls, observer());
        try (ResumingServer server = new ResumingServer(leaf, protocol)) {
            ScopedStartTlsSocketFactory factory = new DaneStartTlsSocketFactory();
            scope.demand(MX_HOST, daneDemand(TlsaRecord.parse("3 1 1 " + spkiSha256(leaf.certificate()))));

            session(factory, server);
            session(factory, server);

            assertThat(told).containsExactly("success " + protocol + " full", "success " + protocol + " resumed");
            assertThat(chainChecks).hasValue(0); // DANE-EE: no PKIX (RFC 7672 §3.1.1)

            // Other records: a new context, a full handshake, and a certificate they do not match.
            scope.demand(MX_HOST, daneDemand(TlsaRecord.parse("3 1 1 " + "00".repeat(32))));
            SSLHandshakeException aborted = catchThrowableOfType(() -> session(factory, server),
                SSLHandshakeException.class);
            assertThat(aborted).isNotNull();
            assertThat(told.get(2)).isEqualTo("certificate-not-trusted " + protocol + " full");
        }
    }

    private static HostDecision.TlsDemand daneDemand(TlsaRecord record) {
        HostDecision decision = DaneDecision.decide(true, new HostFacts("resume.test", true, MX_HOST,
            DnssecStatus.SECURE, new TlsaFacts(DnssecStatus.SECURE, List.of(record), "secure")), StsFacts.none());
        return ((HostDecision.Connect) decision).demand();
    }

    private static String spkiSha256(X509Certificate certificate) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
        StringBuilder hex = new StringBuilder();
        for (byte b : digest) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    /** One session: TCP, then TLS as JavaMail's STARTTLS does it (createSocket over the plain socket, handshake). */
    private static void session(ScopedStartTlsSocketFactory factory, ResumingServer server) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(ADDRESS, server.port()), 5_000);
        plain.setSoTimeout(5_000);
        try (SSLSocket tls = (SSLSocket) factory.createSocket(plain, MX_HOST, server.port(), true)) {
            tls.startHandshake();
            // Reading the server's byte also reads a TLS 1.3 session ticket, which comes after the handshake.
            assertThat(tls.getInputStream().read()).isEqualTo('+');
        } finally {
            plain.close();
        }
    }

    private X509TrustManager countingPkix() {
        return new X509TrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                chainChecks.incrementAndGet();
                if (distrusted.get()) {
                    throw new CertificateException("the test CA is distrusted now");
                }
                realPkix.checkServerTrusted(chain, authType);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("not a server");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return realPkix.getAcceptedIssuers();
            }
        };
    }

    private MxTlsObserver observer() {
        return new MxTlsObserver() {
            @Override
            public void ehloReplied(MxConnection connection, String ehloName, boolean startTlsOffered) {
            }

            @Override
            public void certificateVerified(MxConnection connection, Optional<TlsFailure> failure, String detail) {
                assertThat(connection.mxHost()).isEqualTo(MX_HOST);
                told.add(failure.map(f -> f.type().wireName()).orElse("success") + " "
                    + detail.substring(0, detail.indexOf(' ')) + (detail.endsWith("(resumed)") ? " resumed" : " full"));
            }
        };
    }

    /** A JDK TLS server that resumes sessions, answering each connection with one byte. */
    private static final class ResumingServer implements AutoCloseable {

        private final SSLServerSocket server;
        private final Thread thread;

        ResumingServer(TestCertificates.Leaf leaf, String protocol) throws IOException {
            server = (SSLServerSocket) leaf.serverSslContext().getServerSocketFactory().createServerSocket(0, 8,
                ADDRESS);
            server.setEnabledProtocols(new String[]{protocol});
            thread = new Thread(this::serve, "resuming-mx");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket client = server.accept()) {
                    client.setSoTimeout(5_000);
                    client.getOutputStream().write('+');
                    client.getOutputStream().flush();
                    InputStream in = client.getInputStream();
                    while (in.read() >= 0) {
                        // until the client closes
                    }
                } catch (IOException e) {
                    // a client that failed its handshake, or the server closing
                }
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(5_000);
        }
    }

    @AfterAll
    static void forgetCa() {
        authority = null;
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
