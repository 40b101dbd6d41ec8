package dev.mtasts.dane;

import dev.mtasts.outcome.ResultType;
import dev.mtasts.testpeers.TestCertificates;
import dev.mtasts.testpeers.TestCertificates.Authority;
import dev.mtasts.testpeers.TestCertificates.Leaf;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real handshakes to a DANE host, alone and with an MTA-STS enforce policy on top (RFC 8461 §2: both must pass; a
 * DANE failure is never rescued by MTA-STS, and DANE does not waive MTA-STS's PKIX check).
 */
class DaneTlsTest {

    private static final String HOST = "mx.dane.test";
    private static final Authority TRUSTED = TestCertificates.newAuthority("Trusted CA");
    private static final Authority SELF = TestCertificates.newAuthority("Unknown CA");
    private static final Instant NOW = Instant.now();
    private static final Leaf PKIX_GOOD = TRUSTED.issue(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30)),
            HOST, HOST);
    private static final Leaf PKIX_BAD = SELF.issue(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30)),
            HOST, HOST);
    private static final Leaf OTHER = TRUSTED.issue(HOST);

    @ParameterizedTest(name = "server {0}, TLSA for {1}, MTA-STS enforce {2}: delivered {3}")
    @CsvSource({
            "pkix-good, served key, false, true, ",
            "pkix-bad, served key, false, true, ",
            "pkix-good, other key, false, false, certificate-not-trusted",
            "pkix-good, served key, true, true, ",
            "pkix-good, other key, true, false, certificate-not-trusted",
            "pkix-bad, served key, true, false, ",
    })
    void handshake(String server, String tlsaFor, boolean mtaStsEnforce, boolean delivered, String daneFailure)
            throws Exception {
        Leaf served = server.equals("pkix-good") ? PKIX_GOOD : PKIX_BAD;
        Leaf named = tlsaFor.equals("served key") ? served : OTHER;
        DaneRequirement requirement = new DaneRequirement(HOST,
                List.of(DaneAuthenticatorTest.tlsa(3, 1, 1, named.certificate())), List.of(HOST));
        Optional<X509TrustManager> pkix = mtaStsEnforce ? Optional.of(pkixOf(TRUSTED)) : Optional.empty();
        List<DaneVerdict> verdicts = new CopyOnWriteArrayList<>();

        boolean handshook = handshake(served, requirement, pkix, verdicts);

        assertThat(handshook).isEqualTo(delivered);
        assertThat(verdicts).singleElement().satisfies(verdict -> assertThat(verdict.failure().map(ResultType::wireName))
                .isEqualTo(Optional.ofNullable(daneFailure)));
    }

    private static boolean handshake(Leaf served, DaneRequirement requirement, Optional<X509TrustManager> pkix,
            List<DaneVerdict> verdicts) throws Exception {
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
                try (SSLSocket tls = DaneTls.startTls(plain, requirement, pkix, Clock.systemUTC(), verdicts::add)) {
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

    private static X509TrustManager pkixOf(Authority authority) throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(authority.trustStore());
        return (X509TrustManager) factory.getTrustManagers()[0];
    }
}
