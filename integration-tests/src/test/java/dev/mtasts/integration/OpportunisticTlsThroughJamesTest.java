package dev.mtasts.integration;

import dev.mtasts.outcome.OutboundSession;
import dev.mtasts.testpeers.EximServer;
import org.apache.james.GuiceJamesServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.mtasts.integration.OpportunisticPeers.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opportunistic TLS for mail without a policy, and the encrypted share of all outbound sessions, through a James
 * started from the shipped configuration against real exim, unbound and nginx ({@link OpportunisticPeers}): one
 * message to each domain below, each delivered once, each SMTP session that carried one counted once as an
 * {@link OutboundSession} with its lane, TLS and certificate verdict.
 */
class OpportunisticTlsThroughJamesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String SENDER = "alice@sender." + ZONE;

    /** One message to each domain: what its one counted session must be. */
    private record Case(String label, String mxHost, String listener, String lane, boolean encrypted,
                        Optional<Boolean> certificateValid) {
        String domain() {
            return label + "." + ZONE;
        }

        String recipient() {
            return "user@" + domain();
        }
    }

    private static final Optional<Boolean> VALID = Optional.of(true);
    private static final Optional<Boolean> INVALID = Optional.of(false);
    private static final Optional<Boolean> CLEAR = Optional.empty();

    private static final List<Case> CASES = List.of(
        // No policy: the standard lane, opportunistic TLS.
        new Case("starttls-offered", MX_GOOD, GOOD, "standard", true, VALID),
        new Case("starttls-not-offered", MX_PLAIN, PLAIN, "standard", false, CLEAR),
        new Case("tls-1-1-only", MX_OLD_TLS, OLD_TLS, "standard", false, CLEAR),
        new Case("wrong-host-certificate", MX_WRONG_NAME, WRONG_NAME, "standard", true, INVALID),
        new Case("expired-certificate", MX_EXPIRED, EXPIRED, "standard", true, INVALID),
        new Case("untrusted-certificate", MX_UNTRUSTED, UNTRUSTED, "standard", true, INVALID),
        // Policy domains, untouched by opportunistic TLS.
        new Case("enforce-valid", MX_GOOD, GOOD, "enforce", true, VALID),
        new Case("testing-valid", MX_GOOD, GOOD, "testing", true, VALID),
        new Case("testing-stripped", MX_PLAIN, PLAIN, "testing", false, CLEAR),
        // The testing lane's handshake fails, so the message goes on without its policy (RFC 8461 §5): the standard
        // lane's handshake fails too, and the same attempt delivers in clear text.
        new Case("testing-oldtls", MX_OLD_TLS, OLD_TLS, "standard", false, CLEAR));

    private static OpportunisticPeers peers;
    private static GuiceJamesServer james;

    @BeforeAll
    static void deliverOneMessageToEachDomain(@TempDir Path directory) throws Exception {
        SessionRecordingModule.reset();
        TestWorld.reset(new dev.mtasts.james.fixtures.PolicyWorld());
        List<String> policyDomains = Stream.of("enforce-valid", "testing-valid", "testing-stripped",
            "testing-oldtls").map(label -> label + "." + ZONE).toList();
        peers = OpportunisticPeers.start(directory.resolve("peers"), policyDomains);
        peers.publish("enforce-valid." + ZONE, "1", "enforce", MX_GOOD);
        peers.publish("testing-valid." + ZONE, "1", "testing", MX_GOOD);
        peers.publish("testing-stripped." + ZONE, "1", "testing", MX_PLAIN);
        peers.publish("testing-oldtls." + ZONE, "1", "testing", MX_OLD_TLS);
        LoopbackDns jamesDns = new LoopbackDns()
            .address(MX_GOOD, GOOD).address(MX_PLAIN, PLAIN).address(MX_OLD_TLS, OLD_TLS)
            .address(MX_WRONG_NAME, WRONG_NAME).address(MX_EXPIRED, EXPIRED).address(MX_UNTRUSTED, UNTRUSTED)
            .mx("sender." + ZONE, MX_PLAIN);
        for (Case c : CASES) {
            jamesDns.mx(c.domain(), c.mxHost());
        }
        Path trustAnchor = peers.writeTrustAnchor(directory.resolve("opportunistic-ca.pem"));
        ShippedJames shipped = ShippedJames.prepare(directory.resolve("james"), jamesDns,
            "dns.servers=" + peers.dns().hostAndPort() + "\n"
                + "trust.jdkDefaults=false\n"
                + "trust.pemFiles=" + trustAnchor + "\n"
                + "recheck.grace=0\n"
                + "fetch.timeout=2s\n",
            "dev.mtasts.james.delivery.MtaStsRemoteDelivery", "");
        addExtensionModule(shipped.workingDirectory().resolve("conf/extensions.properties"));
        james = shipped.start();

        for (Case c : CASES) {
            MtaStsJames.send(james, SENDER, c.recipient(), "opportunistic: " + c.label());
        }
        Instant deadline = Instant.now().plus(PATIENCE);
        for (Case c : CASES) {
            peers.exim().awaitMessage(message -> message.envelopeTo().contains(c.recipient()),
                    Duration.between(Instant.now(), deadline).isNegative() ? Duration.ZERO
                        : Duration.between(Instant.now(), deadline))
                .orElseThrow(() -> new AssertionError("nothing delivered to " + c.recipient()));
        }
    }

    private static void addExtensionModule(Path extensions) throws IOException {
        String text = Files.readString(extensions);
        String module = OutcomeRecordingModule.class.getName();
        if (!text.contains(module)) {
            throw new IllegalStateException(extensions + " does not name " + module + ": update the test world");
        }
        Files.writeString(extensions, text.replace(module, module + "," + SessionRecordingModule.class.getName()));
    }

    @AfterAll
    static void stop() {
        if (james != null) {
            james.stop();
        }
        if (peers != null) {
            peers.close();
        }
    }

    static Stream<Arguments> cases() {
        return CASES.stream().map(c -> Arguments.of(c.label(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachMessageIsDeliveredOnceAndItsSessionCountedOnce(String label, Case c) {
        List<EximServer.Message> delivered = peers.exim()
            .messagesMatching(message -> message.envelopeTo().contains(c.recipient()));
        assertThat(delivered).singleElement().satisfies(message -> {
            assertThat(message.listener()).isEqualTo(c.listener());
            if (c.encrypted()) {
                assertThat(message.tlsCipher()).isNotEqualTo("none");
            } else {
                assertThat(message.tlsCipher()).isEqualTo("none");
            }
        });
        assertThat(sessionsFor(c.domain())).singleElement().satisfies(session -> {
            assertThat(session.lane()).isEqualTo(c.lane());
            assertThat(session.mxHost()).isEqualTo(c.mxHost());
            assertThat(session.isEncrypted()).isEqualTo(c.encrypted());
            assertThat(session.certificateValid()).isEqualTo(c.certificateValid());
            if (c.encrypted()) {
                assertThat(session.tlsProtocol()).get().asString().isIn("TLSv1.2", "TLSv1.3");
                assertThat(session.cipherSuite()).get().asString().startsWith("TLS_");
            }
        });
    }

    @Test
    void theEncryptedShareOverAllSessionsIsExact() {
        List<OutboundSession> sessions = SessionRecordingModule.sessions();

        assertThat(sessions).hasSize(10);
        assertThat(sessions.stream().filter(OutboundSession::isEncrypted).count()).isEqualTo(6);
        assertThat(sessions.stream().filter(session -> !session.isEncrypted()).count()).isEqualTo(4);
        Map<String, Long> encryptedByLane = sessions.stream().filter(OutboundSession::isEncrypted)
            .collect(Collectors.groupingBy(OutboundSession::lane, Collectors.counting()));
        Map<String, Long> allByLane = sessions.stream()
            .collect(Collectors.groupingBy(OutboundSession::lane, Collectors.counting()));
        assertThat(allByLane).containsExactlyInAnyOrderEntriesOf(Map.of("standard", 7L, "testing", 2L, "enforce", 1L));
        assertThat(encryptedByLane).containsExactlyInAnyOrderEntriesOf(
            Map.of("standard", 4L, "testing", 1L, "enforce", 1L));
        assertThat(sessions.stream().filter(session -> session.certificateValid().equals(VALID)).count())
            .isEqualTo(3);
    }

    private static List<OutboundSession> sessionsFor(String domain) {
        return SessionRecordingModule.sessions().stream().filter(session -> session.domain().equals(domain)).toList();
    }
}
