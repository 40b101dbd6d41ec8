package dev.mtasts.integration;

import dev.mtasts.outcome.TlsOutcome;
import dev.mtasts.policy.Mode;
import dev.mtasts.outcome.ResultType;
import dev.mtasts.testpeers.EximServer;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drop-in set-up — {@code MtaStsRemoteDelivery} in place of RemoteDelivery — against real exim listeners:
 * the behaviour contract of the architecture, one recipient domain per row.
 */
class MtaStsDeliveryTest {

    /** Long enough for the whole retry schedule (4 attempts a second apart) on a slow machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    @Order(1)
    static final MxPeers PEERS = new MxPeers();

    @RegisterExtension
    @Order(2)
    static final JamesServerExtension JAMES = MtaStsJames.perClass(conf -> {
        TestWorld.reset(MxPeers.policies());
        TestConf.relayingThrough("""
                <mailet match="All" class="dev.mtasts.james.delivery.MtaStsRemoteDelivery">
                    <outgoing>outgoing</outgoing>
                    <delayTime>3*1 second</delayTime>
                    <maxRetries>3</maxRetries>
                    <heloName>james.test</heloName>
                    <bounceProcessor>bounces</bounceProcessor>
                </mailet>
                """, "")
            .mtaStsProperties(PEERS.mtaStsProperties(conf, ""))
            .writeTo(conf.toPath());
    }, MxPeers.dns());

    private static EximServer.Message awaitDeliveryTo(String recipient) {
        return PEERS.exim().awaitMessage(message -> message.envelopeTo().contains(recipient), PATIENCE)
            .orElseThrow(() -> new AssertionError("nothing delivered to " + recipient));
    }

    private static EximServer.Message awaitBounceAbout(String domain) {
        return PEERS.exim().awaitMessage(message -> message.envelopeTo().contains(MxPeers.SENDER)
                && message.text().contains("user@" + domain), PATIENCE)
            .orElseThrow(() -> new AssertionError("no bounce to " + MxPeers.SENDER + " about " + domain));
    }

    @Test
    void enforceWithAListedMxAndAValidCertificateIsDeliveredOverTls(GuiceJamesServer james) throws Exception {
        MtaStsJames.send(james, MxPeers.SENDER, "user@enforce-ok.test", "enforce, valid");

        EximServer.Message delivered = awaitDeliveryTo("user@enforce-ok.test");

        assertThat(delivered.listener()).isEqualTo(MxPeers.GOOD);
        assertThat(delivered.tlsCipher()).isNotEqualTo("none");
        assertThat(delivered.header("X-Test-TLS-SNI")).contains(MxPeers.MX_GOOD);
        assertThat(TestWorld.outcomesFor("enforce-ok.test")).singleElement().satisfies(outcome -> {
            assertThat(outcome.mxHost()).isEqualTo(MxPeers.MX_GOOD);
            assertThat(outcome.result()).isEqualTo("success");
            assertThat(outcome.detail()).startsWith("TLSv1.");
            assertThat(outcome.policy()).get().extracting(policy -> policy.id()).isEqualTo("ok1");
            assertThat(outcome.receivingIp()).get().extracting(InetAddress::getHostAddress).isEqualTo(MxPeers.GOOD);
            assertThat(outcome.sendingMtaIp()).isPresent();
            assertThat(outcome.receivingMxHelo()).contains("mx.exim.test");
        });
    }

    @Test
    void enforceTriesTheNextMxWhenOneFailsValidation(GuiceJamesServer james) throws Exception {
        MtaStsJames.send(james, MxPeers.SENDER, "user@enforce-fallback.test", "enforce, second MX");

        EximServer.Message delivered = awaitDeliveryTo("user@enforce-fallback.test");

        assertThat(delivered.listener()).isEqualTo(MxPeers.GOOD);
        assertThat(TestWorld.outcomesFor("enforce-fallback.test")).extracting(TlsOutcome::mxHost, TlsOutcome::result)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple(MxPeers.MX_WRONG_NAME, "certificate-host-mismatch"),
                org.assertj.core.groups.Tuple.tuple(MxPeers.MX_GOOD, "success"));
    }

    static Stream<Arguments> enforceFailures() {
        return Stream.of(
            Arguments.of("MX not in the policy", "enforce-unlisted.test", MxPeers.MX_UNLISTED,
                ResultType.VALIDATION_FAILURE, "unlisted1"),
            Arguments.of("no STARTTLS", "enforce-plain.test", MxPeers.MX_PLAIN,
                ResultType.STARTTLS_NOT_SUPPORTED, "plain1"),
            Arguments.of("certificate for another host", "enforce-wrongname.test", MxPeers.MX_WRONG_NAME,
                ResultType.CERTIFICATE_HOST_MISMATCH, "wrongname1"),
            Arguments.of("expired certificate", "enforce-expired.test", MxPeers.MX_EXPIRED,
                ResultType.CERTIFICATE_EXPIRED, "expired1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enforceFailures")
    void enforceNeverDeliversUnsafelyAndBouncesWithTheCauseAfterTheLastRetry(String name, String domain,
                                                                             String mxHost, ResultType result,
                                                                             String policyId,
                                                                             GuiceJamesServer james) throws Exception {
        MtaStsJames.send(james, MxPeers.SENDER, "user@" + domain, "enforce, " + name);

        EximServer.Message bounce = awaitBounceAbout(domain);

        assertThat(bounce.text())
            .contains("MTA-STS (RFC 8461): no MX host of " + domain)
            .contains("policy id " + policyId)
            .contains("MX " + mxHost + ": " + result.wireName());
        assertThat(PEERS.exim().messagesMatching(message -> message.envelopeTo().contains("user@" + domain)))
            .isEmpty();
        // One failed session per attempt: the first and the three retries.
        assertThat(TestWorld.outcomesFor(domain)).hasSize(4)
            .allSatisfy(outcome -> {
                assertThat(outcome.failure()).contains(result);
                assertThat(outcome.mxHost()).isEqualTo(mxHost);
                assertThat(outcome.mode()).isEqualTo(Mode.ENFORCE);
                assertThat(outcome.policyId()).isEqualTo(policyId);
            });
    }

    static Stream<Arguments> testingFailures() {
        return Stream.of(
            Arguments.of("certificate for another host", "testing-wrongname.test", MxPeers.WRONG_NAME,
                ResultType.CERTIFICATE_HOST_MISMATCH, true),
            Arguments.of("no STARTTLS", "testing-plain.test", MxPeers.PLAIN,
                ResultType.STARTTLS_NOT_SUPPORTED, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("testingFailures")
    void testingDeliversAnywayAndRecordsTheFailure(String name, String domain, String listener, ResultType result,
                                                   boolean overTls, GuiceJamesServer james) throws Exception {
        MtaStsJames.send(james, MxPeers.SENDER, "user@" + domain, "testing, " + name);

        EximServer.Message delivered = awaitDeliveryTo("user@" + domain);

        assertThat(delivered.listener()).isEqualTo(listener);
        assertThat(!delivered.tlsCipher().equals("none")).isEqualTo(overTls);
        assertThat(TestWorld.outcomesFor(domain)).singleElement().satisfies(outcome -> {
            assertThat(outcome.failure()).isEqualTo(Optional.of(result));
            assertThat(outcome.mode()).isEqualTo(Mode.TESTING);
        });
    }

    @Test
    void aDomainWithoutPolicyIsDeliveredOverOpportunisticTls(GuiceJamesServer james) throws Exception {
        MtaStsJames.send(james, MxPeers.SENDER, "user@nopolicy.test", "no policy");

        EximServer.Message delivered = awaitDeliveryTo("user@nopolicy.test");

        // James' RemoteDelivery without startTLS would go in clear text; opportunistic TLS (the default) uses the
        // STARTTLS this MX offers. No policy, so no MTA-STS outcome.
        assertThat(delivered.listener()).isEqualTo(MxPeers.GOOD);
        assertThat(delivered.tlsCipher()).isNotEqualTo("none");
        assertThat(TestWorld.outcomesFor("nopolicy.test")).isEmpty();
    }
}
