package dev.mtasts.dane;

import dev.mtasts.outcome.ResultType;
import dev.mtasts.testpeers.TestCertificates;
import dev.mtasts.testpeers.TestCertificates.Authority;
import dev.mtasts.testpeers.TestCertificates.Leaf;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.TrustManager;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A real TLS handshake authenticated by DANE: the server's key matches, or the handshake fails with the reason. */
class DaneTrustManagerTest {

    private static final Authority CA = TestCertificates.newAuthority("Handshake CA");
    private static final Leaf SERVER = CA.issueExpired("mx.dane.test");
    private static final Leaf OTHER = CA.issue("mx.dane.test");

    @Test
    void aMatchingKeyAuthenticatesEvenAnExpiredCertificate() throws Exception {
        List<DaneVerdict> verdicts = new CopyOnWriteArrayList<>();
        DaneRequirement requirement = new DaneRequirement("mx.dane.test",
                List.of(DaneAuthenticatorTest.tlsa(3, 1, 1, SERVER.certificate())), List.of("mx.dane.test"));

        String protocol = handshake(new DaneTrustManager(requirement, Clock.systemUTC(), verdicts::add));

        assertThat(protocol).isIn("TLSv1.2", "TLSv1.3");
        assertThat(verdicts).singleElement().satisfies(verdict -> assertThat(verdict.authenticated()).isTrue());
    }

    @Test
    void anotherKeyFailsTheHandshake() {
        List<DaneVerdict> verdicts = new CopyOnWriteArrayList<>();
        DaneRequirement requirement = new DaneRequirement("mx.dane.test",
                List.of(DaneAuthenticatorTest.tlsa(3, 1, 1, OTHER.certificate())), List.of("mx.dane.test"));

        assertThatThrownBy(() -> handshake(new DaneTrustManager(requirement, Clock.systemUTC(), verdicts::add)))
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(verdicts).singleElement()
                .satisfies(verdict -> assertThat(verdict.failure()).contains(ResultType.CERTIFICATE_NOT_TRUSTED));
    }

    private static String handshake(TrustManager trustManager) throws Exception {
        SSLContext serverContext = SERVER.serverSslContext();
        try (SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.105.40"), 0));
            Thread accept = new Thread(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                    socket.getOutputStream().write(1);
                    socket.getOutputStream().flush();
                } catch (Exception e) {
                    // the client's verdict is what the test looks at
                }
            });
            accept.start();
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, new TrustManager[] {trustManager}, null);
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(
                    server.getInetAddress(), server.getLocalPort())) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                parameters.setServerNames(List.of(new SNIHostName("mx.dane.test")));
                socket.setSSLParameters(parameters);
                socket.setSoTimeout(5000);
                socket.startHandshake();
                socket.getInputStream().read();
                return socket.getSession().getProtocol();
            } finally {
                accept.join(5000);
            }
        }
    }
}
