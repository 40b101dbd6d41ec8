package dev.mtasts.integration;

import dev.mtasts.outcome.TlsOutcome;
import dev.mtasts.testpeers.EximServer;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The other set-up — the {@code MtaStsEnforced} matcher routing policy domains into a processor of their own, the
 * rest staying with James' RemoteDelivery — with {@code delivery.failureAction=reject}. Retries are an hour apart,
 * so a bounce seen within the test came at once.
 */
class RejectAndMatcherRoutingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    @Order(1)
    static final MxPeers PEERS = new MxPeers();

    @RegisterExtension
    @Order(2)
    static final JamesServerExtension JAMES = MtaStsJames.perClass(conf -> {
        TestWorld.reset(MxPeers.policies());
        TestConf.relayingThrough("""
                <mailet match="dev.mtasts.james.matcher.MtaStsEnforced=enforce,testing" class="ToProcessor">
                    <processor>mta-sts</processor>
                </mailet>
                <mailet match="All" class="RemoteDelivery">
                    <outgoing>outgoing</outgoing>
                    <delayTime>1 hour</delayTime>
                    <maxRetries>3</maxRetries>
                    <heloName>james.test</heloName>
                    <bounceProcessor>bounces</bounceProcessor>
                </mailet>
                """, """
                <processor state="mta-sts" enableJmx="false">
                    <mailet match="All" class="dev.mtasts.james.delivery.MtaStsRemoteDelivery">
                        <outgoing>mta-sts-outgoing</outgoing>
                        <delayTime>1 hour</delayTime>
                        <maxRetries>3</maxRetries>
                        <heloName>james.test</heloName>
                    </mailet>
                </processor>
                """)
            .mtaStsProperties(PEERS.mtaStsProperties(conf, "delivery.failureAction=reject\n"))
            .writeTo(conf.toPath());
    }, MxPeers.dns());

    @Test
    void rejectBouncesAtOnceWithTheCause(GuiceJamesServer james) throws Exception {
        MtaStsJames.send(james, MxPeers.SENDER, "user@enforce-wrongname.test", "reject");

        EximServer.Message bounce = PEERS.exim().awaitMessage(message ->
                message.envelopeTo().contains(MxPeers.SENDER) && message.text().contains("enforce-wrongname.test"),
                PATIENCE)
            .orElseThrow(() -> new AssertionError("no bounce"));

        assertThat(bounce.text())
            .contains("MTA-STS (RFC 8461): no MX host of enforce-wrongname.test")
            .contains("policy id wrongname1")
            .contains("MX " + MxPeers.MX_WRONG_NAME + ": certificate-host-mismatch");
        assertThat(TestWorld.outcomesFor("enforce-wrongname.test")).extracting(TlsOutcome::result)
            .containsExactly("certificate-host-mismatch");
    }

    @Test
    void theMatcherSendsPolicyDomainsToTheirProcessorAndLeavesTheRestToRemoteDelivery(GuiceJamesServer james)
        throws Exception {
        MtaStsJames.send(james, MxPeers.SENDER, "user@enforce-ok.test", "matcher, enforce");
        MtaStsJames.send(james, MxPeers.SENDER, "user@nopolicy.test", "matcher, no policy");

        EximServer.Message enforced = PEERS.exim().awaitMessage(message ->
            message.envelopeTo().contains("user@enforce-ok.test"), PATIENCE).orElseThrow();
        EximServer.Message plain = PEERS.exim().awaitMessage(message ->
            message.envelopeTo().contains("user@nopolicy.test"), PATIENCE).orElseThrow();

        assertThat(enforced.tlsCipher()).isNotEqualTo("none");
        assertThat(TestWorld.outcomesFor("enforce-ok.test")).extracting(TlsOutcome::result).containsExactly("success");
        assertThat(plain.tlsCipher()).isEqualTo("none");
        assertThat(TestWorld.outcomesFor("nopolicy.test")).isEmpty();
    }
}
