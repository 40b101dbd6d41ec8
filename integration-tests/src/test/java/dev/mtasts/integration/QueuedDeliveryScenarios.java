package dev.mtasts.integration;

import dev.mtasts.outcome.ResultType;
import dev.mtasts.outcome.TlsOutcome;
import dev.mtasts.policy.Mode;
import dev.mtasts.testpeers.EximServer;
import org.apache.james.GuiceJamesServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite's key delivery scenarios, for each kind of mail queue James can run on: a subclass starts one James on
 * its queue (and one {@link QueuePeers} world) for the class. A durable queue hands a delayed message out only when
 * it polls again (James' JMS queue: every 10 seconds), so the patience is longer than on the memory queue.
 */
abstract class QueuedDeliveryScenarios {

    static final Duration PATIENCE = Duration.ofSeconds(120);
    /** The relay mailet of every subclass: two retries a second apart. */
    static final String RELAY = """
        <mailet match="All" class="dev.mtasts.james.delivery.MtaStsRemoteDelivery">
            <outgoing>outgoing</outgoing>
            <delayTime>2*1 second</delayTime>
            <maxRetries>2</maxRetries>
            <heloName>james.test</heloName>
            <bounceProcessor>bounces</bounceProcessor>
        </mailet>
        """;

    /** The world of the subclass. */
    abstract QueuePeers peers();

    /** James' working directory. */
    abstract Path workingDirectory();

    private EximServer.Message awaitDeliveryTo(String recipient) {
        return peers().exim().awaitMessage(message -> message.envelopeTo().contains(recipient), PATIENCE)
            .orElseThrow(() -> new AssertionError("nothing delivered to " + recipient));
    }

    @Test
    void anEnforceDomainIsDeliveredOverValidatedTls(GuiceJamesServer james) throws Exception {
        MtaStsJames.send(james, QueuePeers.SENDER, "user@" + QueuePeers.ENFORCE_OK, "enforce, valid");

        EximServer.Message delivered = awaitDeliveryTo("user@" + QueuePeers.ENFORCE_OK);

        assertThat(delivered.listener()).isEqualTo(QueuePeers.GOOD);
        assertThat(delivered.tlsCipher()).isNotEqualTo("none");
        assertThat(delivered.header("X-Test-TLS-SNI")).contains(QueuePeers.MX_GOOD);
        assertThat(TestWorld.outcomesFor(QueuePeers.ENFORCE_OK)).singleElement().satisfies(outcome -> {
            assertThat(outcome.mxHost()).isEqualTo(QueuePeers.MX_GOOD);
            assertThat(outcome.result()).isEqualTo("success");
            assertThat(outcome.mode()).isEqualTo(Mode.ENFORCE);
        });
    }

    @Test
    void anEnforceDomainIsRefusedRetriedAndThenBouncedWithTheCause(GuiceJamesServer james) throws Exception {
        String recipient = "user@" + QueuePeers.ENFORCE_PLAIN;
        MtaStsJames.send(james, QueuePeers.SENDER, recipient, "enforce, no STARTTLS");

        EximServer.Message bounce = peers().exim().awaitMessage(message -> message.envelopeTo()
                .contains(QueuePeers.SENDER) && message.text().contains(recipient), PATIENCE)
            .orElseThrow(() -> new AssertionError("no bounce about " + recipient));

        assertThat(bounce.text())
            .contains("MTA-STS (RFC 8461): no MX host of " + QueuePeers.ENFORCE_PLAIN)
            .contains("MX " + QueuePeers.MX_PLAIN + ": " + ResultType.STARTTLS_NOT_SUPPORTED.wireName());
        assertThat(peers().exim().messagesMatching(message -> message.envelopeTo().contains(recipient))).isEmpty();
        // The first attempt and the two retries, each refused: the retry count survived the queue.
        assertThat(TestWorld.outcomesFor(QueuePeers.ENFORCE_PLAIN)).hasSize(3)
            .allSatisfy(outcome -> assertThat(outcome.failure()).contains(ResultType.STARTTLS_NOT_SUPPORTED));
    }

    @Test
    void aMessageMovedToTheEnforceLaneIsDeliveredOnceAndTheMoveLeavesNoRecord(GuiceJamesServer james)
        throws Exception {
        String recipient = "user@" + QueuePeers.MOVED;
        // Nothing is cached for the domain: the spool routes it to the standard lane, whose first attempt finds the
        // enforce policy and moves the message to the enforce lane before connecting anywhere.
        MtaStsJames.send(james, QueuePeers.SENDER, recipient, "moved to the enforce lane");

        EximServer.Message delivered = awaitDeliveryTo(recipient);

        assertThat(delivered.tlsCipher()).isNotEqualTo("none");
        assertThat(TestWorld.outcomesFor(QueuePeers.MOVED)).extracting(TlsOutcome::mode, TlsOutcome::result)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(Mode.ENFORCE, "success"));
        assertThat(peers().exim().messagesMatching(message -> message.envelopeTo().contains(recipient))).hasSize(1);
        Path records = workingDirectory().resolve("var/mta-sts/lane-moves");
        assertThat(records).isDirectory();
        try (Stream<Path> files = Files.list(records)) {
            assertThat(files).as("lane-move records left").isEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
