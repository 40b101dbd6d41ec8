package dev.mtasts.james.tls;

import dev.mtasts.fetch.TrustAnchors;
import dev.mtasts.outcome.OutboundSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.mail.Message;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JavaMail 1.6, set up as the standard lane sets it up with opportunistic TLS, against an MX whose TLS handshake
 * fails after it accepted STARTTLS: the same {@code sendMessage} goes on in clear text on a new connection, and that
 * session is counted once, in clear text.
 */
class OpportunisticStartTlsJavaMailTest {

    private final List<OutboundSession> sessions = new CopyOnWriteArrayList<>();
    private MxTlsScope scope;

    @AfterEach
    void closeScope() {
        if (scope != null) {
            scope.close();
        }
    }

    @Test
    void aFailedHandshakeGoesOnInClearTextInTheSameAttempt() throws Exception {
        scope = MxTlsScope.open(new MxTls(new MxCertificateVerifier(TrustAnchors.jdkDefaults().trustManager(),
            Clock.systemUTC())), new SessionRecorder("standard", "d.test", sessions::add, Clock.systemUTC()), false);
        try (HandshakeBreakingMx mx = new HandshakeBreakingMx()) {
            Session session = Session.getInstance(standardLaneProperties(mx.port()));
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("alice@sender.test"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@d.test"));
            message.setText("hello\n");

            try (Transport transport = session.getTransport("smtp")) {
                transport.connect("127.0.0.1", null, null);
                transport.sendMessage(message, message.getAllRecipients());
            }

            assertThat(mx.firstConnection).containsExactly("EHLO james.test", "STARTTLS");
            assertThat(mx.secondConnection).startsWith("EHLO james.test", "MAIL FROM:<alice@sender.test>",
                "RCPT TO:<bob@d.test>", "DATA").doesNotContain("STARTTLS");
        }
        assertThat(sessions).singleElement().satisfies(counted -> {
            assertThat(counted.isEncrypted()).isFalse();
            assertThat(counted.lane()).isEqualTo("standard");
            assertThat(counted.mxHost()).isEqualTo("127.0.0.1");
        });
    }

    /** What {@code StandardLaneTls} gives the standard lane's JavaMail session. */
    private static Properties standardLaneProperties(int port) {
        Properties properties = new Properties();
        Map<String, String> operator = Map.of("mail.smtp.timeout", "10000");
        properties.putAll(StandardLaneTls.of(operator).laneParameters(operator));
        properties.setProperty("mail.smtp.port", String.valueOf(port));
        properties.setProperty("mail.smtp.localhost", "james.test");
        properties.setProperty("mail.smtp.connectiontimeout", "10000");
        return properties;
    }

    /**
     * Offers STARTTLS on its first connection, accepts it and then hangs up instead of a handshake; takes the message
     * in clear text on the next.
     */
    private static final class HandshakeBreakingMx implements AutoCloseable {

        private final ServerSocket server;
        private final Thread thread;
        final List<String> firstConnection = new CopyOnWriteArrayList<>();
        final List<String> secondConnection = new CopyOnWriteArrayList<>();

        HandshakeBreakingMx() throws IOException {
            server = new ServerSocket(0, 2, InetAddress.getLoopbackAddress());
            thread = new Thread(this::serve, "handshake-breaking-mx");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            try {
                try (Socket first = server.accept()) {
                    BufferedReader in = reader(first);
                    OutputStream out = first.getOutputStream();
                    send(out, "220 mx.d.test ESMTP");
                    firstConnection.add(in.readLine());
                    send(out, "250-mx.d.test\r\n250 STARTTLS");
                    firstConnection.add(in.readLine());
                    send(out, "220 go ahead");
                    // no TLS here: hang up on the ClientHello
                }
                try (Socket second = server.accept()) {
                    BufferedReader in = reader(second);
                    OutputStream out = second.getOutputStream();
                    send(out, "220-mx.d.test ESMTP\r\n220 two lines");
                    String line;
                    while ((line = in.readLine()) != null) {
                        secondConnection.add(line);
                        if (line.startsWith("EHLO")) {
                            send(out, "250-mx.d.test\r\n250 STARTTLS");
                        } else if (line.equals("DATA")) {
                            send(out, "354 go on");
                            while (!".".equals(line = in.readLine()) && line != null) {
                                // the message
                            }
                            send(out, "250 queued");
                        } else if (line.equals("QUIT")) {
                            send(out, "221 bye");
                            return;
                        } else {
                            send(out, "250 ok");
                        }
                    }
                }
            } catch (IOException closed) {
                // the test ended
            }
        }

        private static BufferedReader reader(Socket socket) throws IOException {
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        }

        private static void send(OutputStream out, String reply) throws IOException {
            out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(10_000);
        }
    }
}
