package dev.mtasts.integration;

import dev.mtasts.integration.MatrixPeers.Answer;
import dev.mtasts.outcome.TlsOutcome;
import dev.mtasts.testpeers.EximServer;
import org.apache.james.GuiceJamesServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static dev.mtasts.integration.MatrixPeers.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The downgrade-attack matrix of RFC 8461 §10 against real servers: James from the shipped configuration with the
 * production extension, unbound publishing the {@code _mta-sts} TXT records, nginx serving the policies, and exim
 * receiving on one loopback address per kind of MX ({@link MatrixPeers}). Every scenario sends real mail through
 * James' SMTP port and looks where it ended: in exim's Maildir (which listener, which TLS cipher) or in a bounce
 * to the sender naming the MTA-STS cause. After all scenarios, every message sent is checked to have ended exactly
 * once, and no enforce domain's message to have travelled in clear text or through an MX outside its policy.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DowngradeMatrixTest {

    private static final Duration SETTLED = Duration.ofSeconds(60);

    /** Every message sent, with where it may go. */
    private record Sent(String recipient, String subject, Set<String> allowedListeners) {
        String domain() {
            return recipient.substring(recipient.indexOf('@') + 1);
        }

        boolean enforced() {
            return !allowedListeners.isEmpty();
        }
    }

    private static final List<Sent> SENT = new CopyOnWriteArrayList<>();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private static final List<String> POLICY_DOMAINS = Stream.of(
            "enforce-valid", "enforce-outside", "enforce-stripped", "enforce-expired", "enforce-wrongname",
            "enforce-untrusted", "enforce-oldtls", "enforce-fallback",
            "testing-outside", "testing-stripped", "testing-expired", "testing-wrongname", "testing-untrusted",
            "testing-oldtls", "mode-none",
            "cached-404", "cached-redirect", "cached-huge", "cached-slow", "txt-removed", "id-bump",
            "two-txt", "two-txt-cached", "restart")
        .map(DowngradeMatrixTest::domain).toList();

    private static MatrixPeers peers;
    private static LoopbackDns jamesDns;
    private static ShippedJames shippedJames;
    private static GuiceJamesServer james;

    static String domain(String label) {
        return label + "." + ZONE;
    }

    @BeforeAll
    static void startTheWorld(@TempDir Path directory) throws Exception {
        TestWorld.reset(new dev.mtasts.james.fixtures.PolicyWorld());
        peers = MatrixPeers.start(directory.resolve("peers"), POLICY_DOMAINS);
        jamesDns = new LoopbackDns()
            .address(MX_GOOD, GOOD).address(MX_PLAIN, PLAIN).address(MX_EXPIRED, EXPIRED)
            .address(MX_WRONG_NAME, WRONG_NAME).address(MX_UNTRUSTED, UNTRUSTED).address(MX_OLD_TLS, OLD_TLS)
            .address(MX_OUTSIDE, OUTSIDE).address(MX_GOOD2, GOOD2)
            .mx(SENDER_DOMAIN, MX_PLAIN)
            .mx(domain("no-policy"), MX_PLAIN);
        for (String mode : List.of("enforce", "testing")) {
            publishWithMx(mode + "-outside", mode, MX_OUTSIDE, MX_GOOD);
            publishWithMx(mode + "-stripped", mode, MX_PLAIN, MX_PLAIN);
            publishWithMx(mode + "-expired", mode, MX_EXPIRED, MX_EXPIRED);
            publishWithMx(mode + "-wrongname", mode, MX_WRONG_NAME, MX_WRONG_NAME);
            publishWithMx(mode + "-untrusted", mode, MX_UNTRUSTED, MX_UNTRUSTED);
            publishWithMx(mode + "-oldtls", mode, MX_OLD_TLS, MX_OLD_TLS);
        }
        publishWithMx("enforce-valid", "enforce", MX_GOOD, MX_GOOD);
        peers.publish(domain("enforce-fallback"), "1", "enforce", "*." + ZONE);
        jamesDns.mx(domain("enforce-fallback"), MX_EXPIRED, MX_GOOD);
        publishWithMx("mode-none", "none", MX_PLAIN, MX_GOOD);
        for (String label : List.of("cached-404", "cached-redirect", "cached-huge", "cached-slow", "txt-removed",
                "id-bump", "two-txt-cached", "restart")) {
            publishWithMx(label, "enforce", MX_GOOD, MX_GOOD);
        }
        publishWithMx("two-txt", "enforce", MX_PLAIN, MX_GOOD);
        peers.addTxt(domain("two-txt"), "2");

        Path workingDirectory = directory.resolve("james");
        Path trustAnchor = peers.writeTrustAnchor(directory.resolve("matrix-ca.pem"));
        shippedJames = ShippedJames.prepare(workingDirectory, jamesDns,
            "dns.servers=" + peers.dns().hostAndPort() + "\n"
                + "trust.jdkDefaults=false\n"
                + "trust.pemFiles=" + trustAnchor + "\n"
                + "recheck.grace=0\n"
                + "fetch.timeout=2s\n",
            "dev.mtasts.james.delivery.MtaStsRemoteDelivery", "");
        james = shippedJames.start();
    }

    /** The domain publishes a policy (id 1) listing {@code policyMx}; its MX record names {@code dnsMx}. */
    private static void publishWithMx(String label, String mode, String dnsMx, String policyMx) {
        peers.publish(domain(label), "1", mode, policyMx);
        jamesDns.mx(domain(label), dnsMx);
    }

    @AfterAll
    static void nothingWasLostAndNothingWasDowngraded() {
        try {
            if (peers == null) {
                return;
            }
            List<EximServer.Message> stored = peers.exim().messages();
            List<String> problems = new ArrayList<>();
            for (Sent sent : SENT) {
                List<EximServer.Message> deliveries = stored.stream()
                    .filter(message -> message.envelopeTo().equals(sent.recipient())
                        && message.header("Subject").orElse("").equals(sent.subject()))
                    .toList();
                long bounces = stored.stream()
                    .filter(message -> message.envelopeTo().equals(SENDER) && message.text().contains(sent.subject()))
                    .count();
                if (deliveries.size() + bounces != 1) {
                    problems.add(sent.subject() + ": delivered " + deliveries.size() + " times, bounced " + bounces
                        + " times");
                }
                for (EximServer.Message delivery : deliveries) {
                    if (sent.enforced() && (delivery.tlsCipher().equals("none")
                            || !sent.allowedListeners().contains(delivery.listener()))) {
                        problems.add(sent.subject() + ": reached " + delivery.listener() + " with TLS cipher "
                            + delivery.tlsCipher() + ", allowed only over TLS to " + sent.allowedListeners());
                    }
                }
            }
            assertThat(problems).as("messages lost, duplicated or downgraded").isEmpty();
            assertThat(SENT).isNotEmpty();
        } finally {
            stop();
        }
    }

    private static void stop() {
        if (james != null) {
            james.stop();
        }
        if (peers != null) {
            peers.close();
        }
    }

    // ---------------------------------------------------------------------------------------------- enforce

    @Test
    @DisplayName("enforce / valid: delivered over validated TLS to the policy's MX")
    void enforceValid() throws Exception {
        EximServer.Message delivered = awaitDelivered(sendEnforced("enforce-valid", GOOD));

        assertThat(delivered.listener()).isEqualTo(GOOD);
        assertThat(delivered.tlsCipher()).isNotEqualTo("none");
        assertThat(TestWorld.outcomesFor(domain("enforce-valid"))).anyMatch(TlsOutcome::isSuccess);
    }

    static Stream<Arguments> enforceFailures() {
        return Stream.of(
            Arguments.of("DNS MX outside the policy, valid certificate for its own name", "enforce-outside",
                MX_OUTSIDE, "validation-failure"),
            Arguments.of("STARTTLS stripped", "enforce-stripped", MX_PLAIN, "starttls-not-supported"),
            Arguments.of("expired certificate", "enforce-expired", MX_EXPIRED, "certificate-expired"),
            Arguments.of("certificate for another host", "enforce-wrongname", MX_WRONG_NAME,
                "certificate-host-mismatch"),
            Arguments.of("certificate from an untrusted CA", "enforce-untrusted", MX_UNTRUSTED,
                "certificate-not-trusted"));
    }

    @ParameterizedTest(name = "enforce / {0}: bounced, naming the MTA-STS cause")
    @MethodSource("enforceFailures")
    void enforceFailureBounces(String attack, String label, String mxHost, String result) throws Exception {
        Sent sent = sendEnforced(label, GOOD);

        EximServer.Message bounce = awaitBounce(sent);

        assertThat(bounce.text()).contains(domain(label)).contains(mxHost).contains(result);
        assertThat(TestWorld.outcomesFor(domain(label))).isNotEmpty().noneMatch(TlsOutcome::isSuccess)
            .anyMatch(outcome -> outcome.result().equals(result));
    }

    /** RFC 8461 §4.2 through RFC 7525: TLS 1.2 or later. The MX's TLS 1.1 cannot even complete a handshake. */
    @Test
    @DisplayName("enforce / TLS 1.0/1.1 only: never delivered, bounced")
    void enforceOldTlsOnlyIsNeverDelivered() throws Exception {
        Sent sent = sendEnforced("enforce-oldtls", GOOD);

        EximServer.Message bounce = awaitReturned(sent);

        assertThat(bounce.text()).contains(domain("enforce-oldtls"));
    }

    /** A handshake that fails before any certificate is seen (here on the protocol version) is a validation failure. */
    @Test
    @DisplayName("enforce / TLS 1.0/1.1 only: the bounce names the MTA-STS cause")
    void enforceOldTlsOnlyBounceNamesTheCause() throws Exception {
        Sent sent = sendEnforced("enforce-oldtls", GOOD);

        assertThat(awaitBounce(sent).text()).contains(MX_OLD_TLS).contains("validation-failure");
        assertThat(TestWorld.outcomesFor(domain("enforce-oldtls"))).isNotEmpty().noneMatch(TlsOutcome::isSuccess);
    }

    /** RFC 8461 §5: the testing lane's failed handshake is recorded and the message goes on without MTA-STS. */
    @Test
    @DisplayName("testing / TLS 1.0/1.1 only: delivered, the failure recorded")
    void testingOldTlsOnlyIsDelivered() throws Exception {
        EximServer.Message delivered = awaitDelivered(sendUnrestricted("testing-oldtls"));

        assertThat(delivered.listener()).isEqualTo(OLD_TLS);
        assertThat(TestWorld.outcomesFor(domain("testing-oldtls"))).anyMatch(outcome -> !outcome.isSuccess());
    }

    @Test
    @DisplayName("enforce / a bad and a good MX: delivered through the good one")
    void enforceBadThenGoodMx() throws Exception {
        EximServer.Message delivered = awaitDelivered(sendEnforced("enforce-fallback", GOOD));

        assertThat(delivered.listener()).isEqualTo(GOOD);
        assertThat(TestWorld.outcomesFor(domain("enforce-fallback")))
            .anyMatch(outcome -> outcome.mxHost().equals(MX_EXPIRED) && !outcome.isSuccess())
            .anyMatch(outcome -> outcome.mxHost().equals(MX_GOOD) && outcome.isSuccess());
    }

    // ---------------------------------------------------------------------------------------------- testing

    static Stream<Arguments> testingFailures() {
        return Stream.of(
            Arguments.of("DNS MX outside the policy", "testing-outside", OUTSIDE, "validation-failure"),
            Arguments.of("STARTTLS stripped", "testing-stripped", PLAIN, "starttls-not-supported"),
            Arguments.of("expired certificate", "testing-expired", EXPIRED, "certificate-expired"),
            Arguments.of("certificate for another host", "testing-wrongname", WRONG_NAME,
                "certificate-host-mismatch"),
            Arguments.of("certificate from an untrusted CA", "testing-untrusted", UNTRUSTED,
                "certificate-not-trusted"));
    }

    @ParameterizedTest(name = "testing / {0}: delivered, the failure recorded")
    @MethodSource("testingFailures")
    void testingFailureIsDeliveredAndRecorded(String attack, String label, String listener, String result)
            throws Exception {
        EximServer.Message delivered = awaitDelivered(sendUnrestricted(label));

        assertThat(delivered.listener()).isEqualTo(listener);
        assertThat(TestWorld.outcomesFor(domain(label))).anyMatch(outcome -> outcome.result().equals(result));
    }

    // ---------------------------------------------------------------------------------------------- no policy

    @Test
    @DisplayName("mode none: James' normal delivery, even in clear text to an MX outside the policy")
    void modeNone() throws Exception {
        EximServer.Message delivered = awaitDelivered(sendUnrestricted("mode-none"));

        assertThat(delivered.listener()).isEqualTo(PLAIN);
        assertThat(delivered.tlsCipher()).isEqualTo("none");
    }

    @Test
    @DisplayName("no policy: James' normal delivery")
    void noPolicy() throws Exception {
        EximServer.Message delivered = awaitDelivered(sendUnrestricted("no-policy"));

        assertThat(delivered.listener()).isEqualTo(PLAIN);
        assertThat(TestWorld.outcomesFor(domain("no-policy"))).isEmpty();
    }

    @Test
    @DisplayName("two TXT records, nothing cached: no policy (RFC 8461 §3.1), James' normal delivery")
    void twoTxtRecordsWithoutCache() throws Exception {
        EximServer.Message delivered = awaitDelivered(sendUnrestricted("two-txt"));

        assertThat(delivered.listener()).isEqualTo(PLAIN);
        assertThat(peers.policyHosts().policyRequests(policyHost(domain("two-txt")))).isZero();
    }

    // ---------------------------------------------------------------------------------------------- cached policy

    static Stream<Arguments> brokenPolicyHosts() {
        return Stream.of(
            Arguments.of("answering 404", "cached-404", Answer.NOT_FOUND),
            Arguments.of("answering a redirect", "cached-redirect", Answer.REDIRECT),
            Arguments.of("answering a huge body", "cached-huge", null),
            Arguments.of("answering slowly", "cached-slow", Answer.SLOWLY));
    }

    /**
     * RFC 8461 §5.1 / §10.1: a new policy id whose policy cannot be fetched leaves the cached policy in force. Every
     * broken answer carries a policy that would allow the clear-text MX, had it been accepted.
     */
    @ParameterizedTest(name = "policy host {0} after a good policy was cached: the cached policy is still enforced")
    @MethodSource("brokenPolicyHosts")
    void cachedPolicySurvivesABrokenPolicyHost(String how, String label, Answer answer) throws Exception {
        String domain = domain(label);
        cacheThePolicy(label);
        String downgrade = policyText("testing", MX_PLAIN);
        if (answer == null) {
            peers.policyHosts().servePolicy(policyHost(domain), downgrade + "x: " + "a".repeat(100_000) + "\r\n");
        } else {
            peers.serveFile(domain, ".well-known/elsewhere.txt", downgrade);
            peers.answer(domain, answer);
        }
        peers.setTxt(domain, "2");
        jamesDns.mx(domain, MX_PLAIN);

        awaitBounce(sendEnforced(label, GOOD));

        assertThat(peers.policyHosts().policyRequests(policyHost(domain))).isGreaterThan(1);
    }

    @Test
    @DisplayName("TXT record removed after a policy was cached: the cached policy is still enforced")
    void txtRecordRemoved() throws Exception {
        String domain = domain("txt-removed");
        cacheThePolicy("txt-removed");
        peers.removeTxt(domain);
        jamesDns.mx(domain, MX_PLAIN);

        awaitBounce(sendEnforced("txt-removed", GOOD));
    }

    @Test
    @DisplayName("two TXT records after a policy was cached: the cached policy is still enforced")
    void twoTxtRecordsAfterCache() throws Exception {
        String domain = domain("two-txt-cached");
        cacheThePolicy("two-txt-cached");
        peers.addTxt(domain, "2");
        jamesDns.mx(domain, MX_PLAIN);

        awaitBounce(sendEnforced("two-txt-cached", GOOD));
    }

    @Test
    @DisplayName("TXT id bumped to a policy with a new MX: the new MX is accepted")
    void txtIdBumped() throws Exception {
        String domain = domain("id-bump");
        cacheThePolicy("id-bump");
        peers.publish(domain, "2", "enforce", MX_GOOD2);
        jamesDns.mx(domain, MX_GOOD2);

        EximServer.Message delivered = awaitDelivered(sendEnforced("id-bump", GOOD2));

        assertThat(delivered.listener()).isEqualTo(GOOD2);
        assertThat(peers.policyHosts().policyRequests(policyHost(domain))).isEqualTo(2);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    @DisplayName("James restarted: the policy comes from the persisted cache, no new fetch")
    void restartUsesThePersistedCache() throws Exception {
        String domain = domain("restart");
        cacheThePolicy("restart");
        james.stop();
        james = shippedJames.start();
        jamesDns.mx(domain, MX_PLAIN);

        awaitBounce(sendEnforced("restart", GOOD));
        assertThat(peers.policyHosts().policyRequests(policyHost(domain))).isEqualTo(1);

        jamesDns.mx(domain, MX_GOOD);
        assertThat(awaitDelivered(sendEnforced("restart", GOOD)).listener()).isEqualTo(GOOD);
        assertThat(peers.policyHosts().policyRequests(policyHost(domain))).isEqualTo(1);
    }

    /** A first message, delivered to mx-good under the policy (id 1), which is now cached. */
    private static void cacheThePolicy(String label) throws Exception {
        assertThat(awaitDelivered(sendEnforced(label, GOOD)).listener()).isEqualTo(GOOD);
        assertThat(peers.policyHosts().policyRequests(policyHost(domain(label)))).isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------------- sending

    /** A message to an enforce domain: it may only arrive over TLS at these listeners. */
    private static Sent sendEnforced(String label, String... allowedListeners) throws Exception {
        return send(label, Set.of(allowedListeners));
    }

    private static Sent sendUnrestricted(String label) throws Exception {
        return send(label, Set.of());
    }

    private static Sent send(String label, Set<String> allowedListeners) throws Exception {
        Sent sent = new Sent("user@" + domain(label), "matrix " + SEQUENCE.incrementAndGet() + " " + label,
            allowedListeners);
        SENT.add(sent);
        MtaStsJames.send(james, SENDER, sent.recipient(), sent.subject());
        return sent;
    }

    private static EximServer.Message awaitDelivered(Sent sent) {
        return peers.exim()
            .awaitMessage(message -> message.envelopeTo().equals(sent.recipient())
                && message.header("Subject").orElse("").equals(sent.subject()), SETTLED)
            .orElseThrow(() -> new AssertionError("not delivered within " + SETTLED + ": " + sent.subject()
                + bounceOf(sent)));
    }

    /** A bounce naming the MTA-STS cause. */
    private static EximServer.Message awaitBounce(Sent sent) {
        EximServer.Message bounce = awaitReturned(sent);
        assertThat(bounce.text()).contains("MTA-STS");
        return bounce;
    }

    /** A bounce, whatever its text. */
    private static EximServer.Message awaitReturned(Sent sent) {
        EximServer.Message bounce = peers.exim()
            .awaitMessage(message -> message.envelopeTo().equals(SENDER) && message.text().contains(sent.subject())
                || message.envelopeTo().equals(sent.recipient())
                && message.header("Subject").orElse("").equals(sent.subject()), SETTLED)
            .orElseThrow(() -> new AssertionError("neither delivered nor bounced within " + SETTLED + ": "
                + sent.subject()));
        assertThat(bounce.envelopeTo()).as("%s was delivered (%s, cipher %s) instead of bounced", sent.subject(),
            bounce.listener(), bounce.tlsCipher()).isEqualTo(SENDER);
        return bounce;
    }

    private static String bounceOf(Sent sent) {
        return peers.exim().messagesMatching(message -> message.envelopeTo().equals(SENDER)
                && message.text().contains(sent.subject())).stream()
            .map(message -> "\nbounced:\n" + message.text()).findFirst().orElse("");
    }
}
