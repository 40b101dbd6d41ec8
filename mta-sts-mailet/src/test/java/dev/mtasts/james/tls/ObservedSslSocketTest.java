package dev.mtasts.james.tls;

import dev.mtasts.outcome.OutboundSession;
import dev.mtasts.testpeers.TestCertificates;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A TLS session whose trust is JavaMail's own (James' {@code startTLS=true} with opportunistic TLS off): it is still
 * counted, with the certificate checked after the handshake against the extension's trust anchors, for the record.
 */
class ObservedSslSocketTest {

    private static final TestCertificates.Authority AUTHORITY = TestCertificates.newAuthority("Observed Test CA");

    static Stream<Arguments> certificates() {
        return Stream.of(
            Arguments.of("valid for the MX host", AUTHORITY.issue("mx.d.test"), true),
            Arguments.of("for another host", AUTHORITY.issue("someone-else.d.test"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("certificates")
    void aSessionOverSomeoneElsesTrustIsCountedWithItsVerdict(String name, TestCertificates.Leaf leaf,
                                                               boolean valid) throws Exception {
        List<OutboundSession> sessions = new CopyOnWriteArrayList<>();
        SessionRecorder recorder = new SessionRecorder("standard", "d.test", sessions::add, Clock.systemUTC());
        try (SSLServerSocket server = (SSLServerSocket) leaf.serverSslContext().getServerSocketFactory()
            .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread mx = new Thread(() -> {
                try (Socket accepted = server.accept(); InputStream in = accepted.getInputStream()) {
                    in.readAllBytes();
                } catch (Exception closed) {
                    // the client hung up
                }
            });
            mx.start();
            Socket plain = new Socket();
            plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5000);
            SSLSocket tls = (SSLSocket) AUTHORITY.clientSslContext().getSocketFactory()
                .createSocket(plain, "mx.d.test", server.getLocalPort(), true);
            try (ObservedSslSocket socket = new ObservedSslSocket(tls, recorder, "mx.d.test",
                Optional.of(new MxCertificateVerifier(pkix(), Clock.systemUTC())))) {
                socket.startHandshake();
                socket.startHandshake(); // JavaMail's, after the factory's: no renegotiation
                OutputStream out = socket.getOutputStream();
                out.write("EHLO james.test\r\nMAIL FROM:<a@sender.test>\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            mx.join(5000);
        }

        assertThat(sessions).singleElement().satisfies(session -> {
            assertThat(session.isEncrypted()).isTrue();
            assertThat(session.mxHost()).isEqualTo("mx.d.test");
            assertThat(session.certificateValid()).contains(valid);
            assertThat(session.tlsProtocol()).get().asString().startsWith("TLSv1.");
        });
    }

    private static X509TrustManager pkix() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(AUTHORITY.trustStore());
        return (X509TrustManager) factory.getTrustManagers()[0];
    }
}
