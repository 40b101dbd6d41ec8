package dev.mtasts.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtasts.policy.Mode;
import dev.mtasts.service.PolicyRefresher;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MTA-STS WebAdmin routes and health check in a running James, configured as an operator would
 * ({@code webadmin.properties}, {@code healthcheck.properties}), with deliveries to real exim listeners.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MtaStsOperationsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MovableClock CLOCK = new MovableClock();

    @RegisterExtension
    @Order(1)
    static final MxPeers PEERS = new MxPeers();

    @RegisterExtension
    @Order(2)
    static final JamesServerExtension JAMES = OpsJames.perClass(conf -> {
        TestWorld.reset(MxPeers.policies()
            .publish("flaky.test", "flaky1", Mode.ENFORCE, MxPeers.MX_GOOD));
        TestConf.relayingThrough("""
                <mailet match="All" class="dev.mtasts.james.delivery.MtaStsRemoteDelivery">
                    <outgoing>outgoing</outgoing>
                    <delayTime>3*1 second</delayTime>
                    <maxRetries>3</maxRetries>
                    <heloName>james.test</heloName>
                    <bounceProcessor>bounces</bounceProcessor>
                </mailet>
                """, "")
            .mtaStsProperties(PEERS.mtaStsProperties(conf, "reports.submitter=james.test\n"))
            .writeTo(conf.toPath());
    }, MxPeers.dns(), CLOCK);

    private static JsonNode json(OpsJames.Reply reply) throws Exception {
        return JSON.readTree(reply.body());
    }

    @Test
    @Order(1)
    void deliveriesShowInThePolicyListAndTheFigures(GuiceJamesServer james) throws Exception {
        MtaStsJames.send(james, MxPeers.SENDER, "user@enforce-ok.test", "figures: enforce ok");
        MtaStsJames.send(james, MxPeers.SENDER, "user@testing-wrongname.test", "figures: testing wrong name");
        MtaStsJames.send(james, MxPeers.SENDER, "user@enforce-plain.test", "figures: enforce without STARTTLS");
        PEERS.exim().awaitMessage(message -> message.envelopeTo().contains("user@enforce-ok.test"), PATIENCE)
            .orElseThrow();
        PEERS.exim().awaitMessage(message -> message.envelopeTo().contains("user@testing-wrongname.test"), PATIENCE)
            .orElseThrow();

        OpsJames.Reply list = OpsJames.call(james, "GET", "/mta-sts/policies");
        assertThat(list.status()).isEqualTo(200);
        JsonNode page = json(list);
        assertThat(page.get("total").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(page.get("policies").findValuesAsText("domain"))
            .contains("enforce-ok.test", "testing-wrongname.test");

        OpsJames.Reply report = OpsJames.call(james, "GET", "/mta-sts/report?since=PT24H");
        assertThat(report.status()).isEqualTo(200);
        JsonNode figures = json(report);
        assertThat(figures.at("/domains/enforce-ok.test/tlsEnforcementSuccess/succeeded").asLong()).isEqualTo(1);
        assertThat(figures.at("/domains/enforce-ok.test/tlsEnforcementSuccess/total").asLong()).isEqualTo(1);
        assertThat(figures.at("/domains/testing-wrongname.test/counts/testingSessions").asLong())
            .isGreaterThanOrEqualTo(1);
        assertThat(figures.at("/domains/testing-wrongname.test/counts/testingSuccesses").asLong()).isZero();
        assertThat(figures.at("/overall/policyRetrieval/succeeded").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(figures.at("/overall/encryptedDelivery/total").asLong()).isGreaterThanOrEqualTo(2);

        JsonNode refused = awaitFigures(james, "/domains/enforce-plain.test/enforcementFailures");
        assertThat(refused.at("/domains/enforce-plain.test/enforcementFailures").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(refused.at("/domains/enforce-plain.test/tlsEnforcementSuccess/succeeded").asLong()).isZero();
    }

    /** The figures once {@code pointer} counts something: the enforce lane's attempts end asynchronously. */
    private static JsonNode awaitFigures(GuiceJamesServer james, String pointer) throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plus(PATIENCE);
        while (true) {
            JsonNode figures = json(OpsJames.call(james, "GET", "/mta-sts/report?since=PT24H"));
            if (figures.at(pointer).asLong() > 0 || java.time.Instant.now().isAfter(deadline)) {
                return figures;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // poll, not a timing
        }
    }

    @Test
    @Order(2)
    void thePolicyListIsPaged(GuiceJamesServer james) throws Exception {
        JsonNode first = json(OpsJames.call(james, "GET", "/mta-sts/policies?offset=0&limit=1"));
        JsonNode second = json(OpsJames.call(james, "GET", "/mta-sts/policies?offset=1&limit=1"));

        assertThat(first.get("policies")).hasSize(1);
        assertThat(second.get("policies")).hasSize(1);
        assertThat(first.at("/policies/0/domain").asText()).isLessThan(second.at("/policies/0/domain").asText());
        assertThat(first.get("limit").asInt()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void oneDomainShowsItsPolicyIdAndDates(GuiceJamesServer james) throws Exception {
        OpsJames.Reply reply = OpsJames.call(james, "GET", "/mta-sts/policies/enforce-ok.test");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode status = json(reply);
        assertThat(status.get("domain").asText()).isEqualTo("enforce-ok.test");
        assertThat(status.at("/policy/id").asText()).isEqualTo("ok1");
        assertThat(status.at("/policy/mode").asText()).isEqualTo("enforce");
        assertThat(status.at("/policy/mx/0").asText()).isEqualTo(MxPeers.MX_GOOD);
        assertThat(status.at("/policy/fetchedAt").asText()).isNotBlank();
        assertThat(status.at("/policy/expiresAt").asText()).isNotBlank();
        assertThat(status.get("lastError").isNull()).isTrue();
        assertThat(status.get("consecutiveFailures").asInt()).isZero();
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
            Arguments.of("malformed domain", "GET", "/mta-sts/policies/not_a_domain!", 400),
            Arguments.of("label too long", "GET", "/mta-sts/policies/" + "a".repeat(64) + ".test", 400),
            Arguments.of("unknown domain", "GET", "/mta-sts/policies/unknown.test", 404),
            Arguments.of("evict malformed domain", "DELETE", "/mta-sts/policies/bad..test", 400),
            Arguments.of("evict unknown domain", "DELETE", "/mta-sts/policies/unknown.test", 404),
            Arguments.of("refresh without action", "POST", "/mta-sts/policies/enforce-ok.test", 400),
            Arguments.of("refresh malformed domain", "POST", "/mta-sts/policies/-bad.test?action=refresh", 400),
            Arguments.of("negative offset", "GET", "/mta-sts/policies?offset=-1", 400),
            Arguments.of("limit not a number", "GET", "/mta-sts/policies?limit=many", 400),
            Arguments.of("since not a time", "GET", "/mta-sts/report?since=yesterday", 400),
            Arguments.of("send without action", "POST", "/mta-sts/reports", 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    @Order(4)
    void badRequestsGetJamesErrorBodies(String name, String method, String path, int status,
                                        GuiceJamesServer james) throws Exception {
        OpsJames.Reply reply = OpsJames.call(james, method, path);

        assertThat(reply.status()).isEqualTo(status);
        JsonNode error = json(reply);
        assertThat(error.get("statusCode").asInt()).isEqualTo(status);
        assertThat(error.get("type").asText()).isEqualTo(status == 404 ? "notFound" : "InvalidArgument");
        assertThat(error.get("message").asText()).isNotBlank();
    }

    @Test
    @Order(5)
    void refreshFetchesAgainAndEvictForgets(GuiceJamesServer james) throws Exception {
        OpsJames.Reply refreshed = OpsJames.call(james, "POST", "/mta-sts/policies/ENFORCE-OK.test?action=refresh");
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(json(refreshed).at("/policy/id").asText()).isEqualTo("ok1");

        OpsJames.Reply evicted = OpsJames.call(james, "DELETE", "/mta-sts/policies/enforce-ok.test");
        assertThat(evicted.status()).isEqualTo(204);
        assertThat(OpsJames.call(james, "GET", "/mta-sts/policies/enforce-ok.test").status()).isEqualTo(404);
    }

    @Test
    @Order(6)
    void theHealthCheckDegradesWhileAnEnforcePolicyCannotBeRefreshed(GuiceJamesServer james) throws Exception {
        assertThat(OpsJames.call(james, "POST", "/mta-sts/policies/flaky.test?action=refresh").status())
            .isEqualTo(200);
        JsonNode healthy = json(OpsJames.call(james, "GET", "/healthcheck/checks/MTA-STS"));
        assertThat(healthy.get("status").asText()).isEqualTo("healthy");

        TestWorld.policies().publishRecordOnly("flaky.test", "flaky2");
        for (int i = 0; i < PolicyRefresher.ALERT_AFTER_FAILURES; i++) {
            OpsJames.call(james, "POST", "/mta-sts/policies/flaky.test?action=refresh");
        }

        JsonNode status = json(OpsJames.call(james, "GET", "/mta-sts/policies/flaky.test"));
        assertThat(status.get("consecutiveFailures").asInt()).isEqualTo(PolicyRefresher.ALERT_AFTER_FAILURES);
        assertThat(status.at("/lastError/type").asText()).isEqualTo("sts-policy-fetch-error");
        assertThat(status.at("/policy/id").asText()).isEqualTo("flaky1");
        OpsJames.Reply degraded = OpsJames.call(james, "GET", "/healthcheck/checks/MTA-STS");
        assertThat(json(degraded).get("status").asText()).isEqualTo("degraded");
        assertThat(json(degraded).get("cause").asText()).contains("flaky.test");

        TestWorld.policies().publish("flaky.test", "flaky3", Mode.ENFORCE, MxPeers.MX_GOOD);
        OpsJames.call(james, "POST", "/mta-sts/policies/flaky.test?action=refresh");
        assertThat(json(OpsJames.call(james, "GET", "/healthcheck/checks/MTA-STS")).get("status").asText())
            .isEqualTo("healthy");
    }

    @Test
    @Order(7)
    void sendingDueReportsNowAnswersWithWhatWasDone(GuiceJamesServer james) throws Exception {
        OpsJames.Reply reply = OpsJames.call(james, "POST", "/mta-sts/reports?action=send");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(json(reply).get("reportsMade").asInt()).isZero();
    }
}
