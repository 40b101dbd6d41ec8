package dev.mtasts.james.tls;

import dev.mtasts.dane.DaneDecision;
import dev.mtasts.dane.DnssecStatus;
import dev.mtasts.dane.HostDecision;
import dev.mtasts.dane.HostFacts;
import dev.mtasts.dane.StsFacts;
import dev.mtasts.dane.TlsaFacts;
import dev.mtasts.dns.TlsaRecord;
import dev.mtasts.fetch.TrustAnchors;
import dev.mtasts.policy.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Transport;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * JavaMail, set up as the DANE lane sets it up (STARTTLS not required by JavaMail itself), against an MX that does
 * not offer STARTTLS: whether the session may go on in clear text is the MX host's own demand (RFC 7672 §2.2) — a
 * host held to DANE never (a temporary failure of that MX alone), a host of the same domain without DANE as
 * opportunistic TLS has it, and a host the attempt has no demand for never (fail closed).
 */
class DaneLaneStartTlsJavaMailTest {

    private static final List<String> NO_STARTTLS = List.of("220 mx ESMTP", "250-mx.example.test\r\n250 SIZE 1000",
        "250 2.0.0 bye");
    private static final TlsaRecord DANE_EE = TlsaRecord.parse(
        "3 1 1 8d02536c887482bc34ff54e41d2ba659bf85b341a0a20afadb5813dcfbcf286d");

    private final MxTlsObserver observer = new MxTlsObserver() {
        @Override
        public void ehloReplied(MxConnection connection, String ehloName, boolean startTlsOffered) {
        }

        @Override
        public void certificateVerified(MxConnection connection, Optional<TlsFailure> failure, String detail) {
        }
    };
    private final MxTlsScope scope = MxTlsScope.openPerHost(new MxTls(new MxCertificateVerifier(
        TrustAnchors.jdkDefaults().trustManager(), Clock.systemUTC())), observer);

    @AfterEach
    void closeScope() {
        scope.close();
    }

    @Test
    void aHostHeldToDaneNeverGoesOnInClearText() throws Exception {
        scope.demand("localhost", demand(new TlsaFacts(DnssecStatus.SECURE, List.of(DANE_EE), "secure"),
            StsFacts.none()));

        assertRefused();
    }

    @Test
    void aHostWithOnlyUnusableTlsaRecordsMustStillEncrypt() throws Exception {
        TlsaRecord pkixEe = TlsaRecord.parse("1 1 1 8d02536c887482bc34ff54e41d2ba659bf85b341a0a20afadb5813dcfbcf286d");
        scope.demand("localhost", demand(new TlsaFacts(DnssecStatus.SECURE, List.of(pkixEe), "secure"),
            StsFacts.none()));

        assertRefused();
    }

    @Test
    void aHostWithoutDaneButUnderAnEnforcePolicyNeverGoesOnInClearText() throws Exception {
        scope.demand("localhost", demand(TlsaFacts.notLookedUp("insecure"), StsFacts.of(Mode.ENFORCE, true)));

        assertRefused();
    }

    @Test
    void aHostTheAttemptHasNoDemandForIsRefused() throws Exception {
        assertRefused();
    }

    @Test
    void aHostWithoutDaneOrEnforcePolicyMayGoOnInClearText() throws Exception {
        scope.demand("localhost", demand(new TlsaFacts(DnssecStatus.SECURE, List.of(), "NODATA"), StsFacts.none()));
        try (ScriptedMx mx = new ScriptedMx(NO_STARTTLS)) {
            Transport transport = Session.getInstance(daneLaneProperties(mx.port())).getTransport("smtp");

            assertThatCode(() -> transport.connect("localhost", null, null)).doesNotThrowAnyException();
            transport.close();
        }
    }

    private void assertRefused() throws Exception {
        try (ScriptedMx mx = new ScriptedMx(NO_STARTTLS)) {
            Transport transport = Session.getInstance(daneLaneProperties(mx.port())).getTransport("smtp");

            MessagingException failure = catchThrowableOfType(() -> transport.connect("localhost", null, null),
                MessagingException.class);

            assertThat(failure).isNotNull();
            assertThat(failure.getNextException()).isInstanceOf(IOException.class)
                .hasMessageContaining("STARTTLS is required with localhost");
        }
    }

    private static HostDecision.TlsDemand demand(TlsaFacts tlsa, StsFacts sts) {
        HostDecision decision = DaneDecision.decide(true,
            new HostFacts("example.test", true, "localhost", DnssecStatus.SECURE, tlsa), sts);
        assertThat(decision).isInstanceOf(HostDecision.Connect.class);
        return ((HostDecision.Connect) decision).demand();
    }

    /** What {@code LaneParameters} gives the DANE lane's JavaMail session. */
    private static Properties daneLaneProperties(int port) {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.port", String.valueOf(port));
        properties.setProperty("mail.smtp.localhost", "james.test");
        properties.setProperty("mail.smtp.starttls.enable", "true");
        properties.setProperty("mail.smtp.starttls.required", "false");
        properties.setProperty("mail.smtp.socketFactory.class", ObservedPlainSocketFactory.class.getName());
        properties.setProperty("mail.smtp.socketFactory.fallback", "false");
        properties.setProperty("mail.smtp.ssl.socketFactory.class", DaneStartTlsSocketFactory.class.getName());
        properties.setProperty("mail.smtp.ssl.checkserveridentity", "false");
        properties.setProperty("mail.smtp.connectiontimeout", "10000");
        properties.setProperty("mail.smtp.timeout", "10000");
        return properties;
    }
}
