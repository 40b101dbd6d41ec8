package dev.mtasts.james.tls;

import dev.mtasts.fetch.TrustAnchors;
import org.apache.james.transport.mailets.remote.delivery.EnhancedMessagingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * JavaMail, set up as the enforce lane sets it up, against an MX that stops the session before TLS: the failure must
 * reach James' RemoteDelivery as one its MX walk goes on from (a MessagingException with a nested IOException,
 * {@code MailDelivrer.handleMessagingException}) and that it classifies as temporary
 * ({@code EnhancedMessagingException.isServerError()} false).
 */
class EnforcedStartTlsJavaMailTest {

    private final List<String> told = new ArrayList<>();
    private final MxTlsObserver observer = new MxTlsObserver() {
        @Override
        public void ehloReplied(MxConnection connection, String ehloName, boolean startTlsOffered) {
            told.add(connection.mxHost() + " " + ehloName + (startTlsOffered ? " offers STARTTLS" : " does not"));
        }

        @Override
        public void certificateVerified(MxConnection connection, Optional<TlsFailure> failure, String detail) {
        }
    };
    private MxTlsScope scope;

    @AfterEach
    void closeScope() {
        if (scope != null) {
            scope.close();
        }
    }

    static Stream<Arguments> sessions() {
        return Stream.of(
            Arguments.of("STARTTLS not offered", List.of("220 mx ESMTP", "250-mx.example.test\r\n250 SIZE 1000"),
                List.of("localhost mx.example.test does not")),
            Arguments.of("a refused greeting", List.of("554 no service"), List.of()),
            Arguments.of("EHLO refused", List.of("220 mx ESMTP", "550 no EHLO for you", "250 mx.example.test"),
                List.of("localhost  does not")),
            Arguments.of("EHLO refused for now", List.of("220 mx ESMTP", "421 busy"), List.of()),
            Arguments.of("STARTTLS refused",
                List.of("220 mx ESMTP", "250-mx.example.test\r\n250 STARTTLS", "554 5.7.0 no TLS"),
                List.of("localhost mx.example.test offers STARTTLS")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void aSessionStoppedBeforeTlsIsATemporaryFailureOfThisMxAlone(String name, List<String> replies,
                                                                  List<String> expectedTold) throws Exception {
        scope = MxTlsScope.open(new MxTls(new MxCertificateVerifier(TrustAnchors.jdkDefaults().trustManager(),
            Clock.systemUTC())), observer, true);
        try (ScriptedMx mx = new ScriptedMx(replies)) {
            Transport transport = Session.getInstance(enforceLaneProperties(mx.port())).getTransport("smtp");

            MessagingException failure = catchThrowableOfType(() -> transport.connect("localhost", null, null),
                MessagingException.class);

            assertThat(failure).isNotNull();
            assertThat(failure.getNextException()).isInstanceOf(IOException.class)
                .hasMessageStartingWith("MTA-STS: STARTTLS is required with localhost");
            assertThat(new EnhancedMessagingException(failure).isServerError()).isFalse();
            assertThat(told).isEqualTo(expectedTold);
        }
    }

    /** What {@code LaneParameters} gives the enforce lane's JavaMail session. */
    private static Properties enforceLaneProperties(int port) {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.port", String.valueOf(port));
        properties.setProperty("mail.smtp.localhost", "james.test");
        properties.setProperty("mail.smtp.starttls.enable", "true");
        properties.setProperty("mail.smtp.starttls.required", "true");
        properties.setProperty("mail.smtp.socketFactory.class", ObservedPlainSocketFactory.class.getName());
        properties.setProperty("mail.smtp.socketFactory.fallback", "false");
        properties.setProperty("mail.smtp.ssl.socketFactory.class", EnforcingStartTlsSocketFactory.class.getName());
        properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        properties.setProperty("mail.smtp.connectiontimeout", "10000");
        properties.setProperty("mail.smtp.timeout", "10000");
        return properties;
    }
}
