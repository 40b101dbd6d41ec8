package dev.mtasts.james.tls;

import dev.mtasts.dane.DaneDecision;
import dev.mtasts.dane.DnssecStatus;
import dev.mtasts.dane.HostDecision;
import dev.mtasts.dane.HostFacts;
import dev.mtasts.dane.StsFacts;
import dev.mtasts.dane.TlsaFacts;
import dev.mtasts.dns.TlsaRecord;
import dev.mtasts.policy.Mode;
import dev.mtasts.testpeers.TestCertificates;
import dev.mtasts.testpeers.TestCertificates.Authority;
import dev.mtasts.testpeers.TestCertificates.Leaf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real handshakes of the DANE lane with a DANE host, alone and with an MTA-STS enforce policy on top (RFC 8461 §2:
 * both must pass; a DANE failure is never rescued by MTA-STS, and DANE does not waive MTA-STS's PKIX check), through
 * {@link DaneStartTlsSocketFactory} as JavaMail's STARTTLS calls it. What the attempt is told says which check
 * decided: {@code dane:} the TLSA records (a {@code tlsa} outcome), {@code sts:} the enforce policy's PKIX check.
 */
class DaneSessionHandshakeTest {

    private static final String HOST = "mx.dane.test";
    private static final Authority TRUSTED = TestCertificates.newAuthority("Trusted CA");
    private static final Authority SELF = TestCertificates.newAuthority("Unknown CA");
    private static final Instant NOW = Instant.now();
    private static final Leaf PKIX_GOOD = TRUSTED.issue(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30)),
        HOST, HOST);
    private static final Leaf PKIX_BAD = SELF.issue(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30)),
        HOST, HOST);
    private static final Leaf OTHER = TRUSTED.issue(HOST);

    private final List<String> told = new CopyOnWriteArrayList<>();
    private MxTlsScope scope;

    @AfterEach
    void closeScope() {
        if (scope != null) {
            scope.close();
        }
    }

    @ParameterizedTest(name = "server {0}, TLSA for {1}, MTA-STS enforce {2}: delivered {3}")
    @CsvSource({
        "pkix-good, served key, false, true, dane:success",
        "pkix-bad, served key, false, true, dane:success",
        "pkix-good, other key, false, false, dane:certificate-not-trusted",
        "pkix-good, served key, true, true, dane:success",
        "pkix-good, other key, true, false, dane:certificate-not-trusted",
        "pkix-bad, served key, true, false, sts:certificate-not-trusted",
    })
    void handshake(String server, String tlsaFor, boolean mtaStsEnforce, boolean delivered, String expected)
        throws Exception {
        Leaf served = server.equals("pkix-good") ? PKIX_GOOD : PKIX_BAD;
        Leaf named = tlsaFor.equals("served key") ? served : OTHER;
        scope = MxTlsScope.openPerHost(new MxTls(new MxCertificateVerifier(pkixOf(TRUSTED), Clock.systemUTC())),
            observer());
        scope.demand(HOST, demand(spkiSha256(named), mtaStsEnforce));

        assertThat(handshake(served)).isEqualTo(delivered);
        assertThat(told).containsExactly(expected);
    }

    private static HostDecision.TlsDemand demand(TlsaRecord record, boolean mtaStsEnforce) {
        HostDecision decision = DaneDecision.decide(true, new HostFacts("dane.test", true, HOST, DnssecStatus.SECURE,
            new TlsaFacts(DnssecStatus.SECURE, List.of(record), "secure")),
            mtaStsEnforce ? StsFacts.of(Mode.ENFORCE, true) : StsFacts.none());
        return ((HostDecision.Connect) decision).demand();
    }

    private static boolean handshake(Leaf served) throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) served.serverSslContext().getServerSocketFactory()
            .createServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.105.41"), 0));
            Thread accept = new Thread(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                    socket.getOutputStream().write(1);
                } catch (IOException e) {
                    // the client decides
                }
            });
            accept.start();
            try (Socket plain = new Socket(server.getInetAddress(), server.getLocalPort())) {
                plain.setSoTimeout(5000);
                try (SSLSocket tls = (SSLSocket) new DaneStartTlsSocketFactory().createSocket(plain, HOST,
                    server.getLocalPort(), true)) {
                    tls.startHandshake();
                    assertThat(tls.getSession().getProtocol()).isIn("TLSv1.2", "TLSv1.3");
                    return tls.getInputStream().read() == 1;
                } catch (IOException e) {
                    return false;
                }
            } finally {
                accept.join(5000);
            }
        }
    }

    private MxTlsObserver observer() {
        return new MxTlsObserver() {
            @Override
            public void ehloReplied(MxConnection connection, String ehloName, boolean startTlsOffered) {
            }

            @Override
            public void certificateVerified(MxConnection connection, Optional<TlsFailure> failure, String detail) {
                told.add("sts:" + failure.map(f -> f.type().wireName()).orElse("success"));
            }

            @Override
            public void daneChecked(MxConnection connection, Optional<TlsFailure> failure, String detail) {
                told.add("dane:" + failure.map(f -> f.type().wireName()).orElse("success"));
            }
        };
    }

    private static TlsaRecord spkiSha256(Leaf leaf) throws Exception {
        return new TlsaRecord(3, 1, 1, MessageDigest.getInstance("SHA-256")
            .digest(leaf.certificate().getPublicKey().getEncoded()));
    }

    private static X509TrustManager pkixOf(Authority authority) throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(authority.trustStore());
        return (X509TrustManager) factory.getTrustManagers()[0];
    }
}
