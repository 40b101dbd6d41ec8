package dev.mtasts.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtasts.outcome.TlsOutcome;
import dev.mtasts.testpeers.EximServer;
import org.apache.james.GuiceJamesServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.mtasts.integration.DaneDeliveryPeers.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 7672 §2.1 with a resolver that does not validate (the same names as {@link DaneDeliveryThroughJamesTest},
 * unsigned, never an AD bit): DANE is inactive, so James delivers as it would without DANE — a TLSA record that
 * matches nothing stops nothing, and no outcome is a DANE one. With {@code dane.enabled=auto} the health check stays
 * healthy, with {@code true} it is degraded ({@link dev.mtasts.dane.DaneActivation}). Each message ends exactly once.
 * A subclass per {@code dane.enabled} value, each with its own world and James.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DaneWithoutValidationDelivery {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DOMAINS = List.of("wrong-tlsa.dane.test", "ee.dane.test");

    private DaneDeliveryPeers peers;
    private GuiceJamesServer james;

    /** {@code dane.enabled}. */
    abstract String daneEnabled();

    /** The health check's status with it. */
    abstract String expectedHealth();

    @BeforeAll
    void startTheWorldAndSend() throws Exception {
        TestWorld.reset(new dev.mtasts.james.fixtures.PolicyWorld());
        SessionRecordingModule.reset();
        peers = DaneDeliveryPeers.startWithoutValidation();
        Path workingDirectory = peers.newDirectory("james");
        james = DaneDeliveryJames.start(workingDirectory, peers.jamesDnsAddress(),
            "dns.servers=" + peers.dnsServer() + "\n"
                + "dns.timeout=2s\n"
                + "dane.enabled=" + daneEnabled() + "\n"
                + "dane.validationProbe=" + PROBE + "\n"
                + "recheck.grace=0\n",
            new MovableClock());
        for (String domain : DOMAINS) {
            MtaStsJames.send(james, SENDER, "user@" + domain, subject(domain));
        }
    }

    @AfterAll
    void eachMessageEndedOnce() {
        try {
            if (peers == null) {
                return;
            }
            for (String domain : DOMAINS) {
                awaitDelivered(domain);
                assertThat(peers.exim().messagesMatching(message -> message.envelopeTo().contains("user@" + domain)))
                    .as(domain).hasSize(1);
                assertThat(peers.exim().messagesMatching(message -> message.envelopeTo().contains(SENDER)
                    && message.text().contains(subject(domain)))).as("bounces about " + domain).isEmpty();
            }
        } finally {
            if (james != null) {
                james.stop();
            }
            if (peers != null) {
                peers.close();
            }
        }
    }

    private static String subject(String domain) {
        return "DANE inactive " + domain;
    }

    private EximServer.Message awaitDelivered(String domain) {
        return peers.exim().awaitMessage(message -> message.envelopeTo().contains("user@" + domain), PATIENCE)
            .orElseThrow(() -> new AssertionError("nothing delivered to " + domain + "; outcomes "
                + TestWorld.outcomesFor(domain) + "\n" + peers.logs()));
    }

    @Test
    @DisplayName("resolver not validating: a TLSA record for another key stops nothing (DANE inactive)")
    void aTlsaMismatchIsIgnoredWhileDaneIsInactive() {
        EximServer.Message delivered = awaitDelivered("wrong-tlsa.dane.test");

        assertThat(delivered.listener()).isEqualTo(WRONG);
        assertThat(TestWorld.outcomesFor("wrong-tlsa.dane.test")).noneMatch(TlsOutcome::isDane);
        assertThat(SessionRecordingModule.sessions()).isNotEmpty()
            .noneMatch(session -> session.lane().equals("dane"));
    }

    @Test
    @DisplayName("resolver not validating: a domain with matching TLSA is delivered by James' normal delivery")
    void aDaneDomainIsDeliveredNormallyWhileDaneIsInactive() {
        EximServer.Message delivered = awaitDelivered("ee.dane.test");

        assertThat(delivered.listener()).isEqualTo(EE);
        assertThat(TestWorld.outcomesFor("ee.dane.test")).noneMatch(TlsOutcome::isDane);
    }

    @Test
    @DisplayName("resolver not validating: the health check says whether DANE was asked for")
    void theHealthCheckSaysWhetherDaneWasAskedFor() throws Exception {
        JsonNode health = JSON.readTree(OpsJames.call(james, "GET", "/healthcheck/checks/MTA-STS").body());

        assertThat(health.get("status").asText()).as(health.toString()).isEqualTo(expectedHealth());
    }
}
