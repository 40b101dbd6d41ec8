package dev.mtasts.james.delivery;

import dev.mtasts.james.config.LookupFailureAction;
import dev.mtasts.james.fixtures.PolicyWorld;
import dev.mtasts.outcome.TlsOutcome;
import dev.mtasts.james.routing.DeliveryRoute;
import dev.mtasts.james.routing.PolicyRouting;
import dev.mtasts.policy.Mode;
import dev.mtasts.outcome.ResultType;
import dev.mtasts.service.PolicyService;
import org.apache.james.dnsservice.api.TemporaryResolutionException;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.mtasts.dane.DaneMode;
import dev.mtasts.dane.DanePlanner;
import dev.mtasts.dane.DaneState;
import dev.mtasts.dns.DnssecAnswer;
import dev.mtasts.dns.DnssecLookup;
import dev.mtasts.dns.MxHost;
import dev.mtasts.dns.ResolverValidation;
import dev.mtasts.dns.TlsaRecord;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyAwareDnsServiceTest {

    private final PolicyWorld world = new PolicyWorld();
    private final Collaborators.FakeDnsService dns = new Collaborators.FakeDnsService()
        .mx("example.test", "mx1.example.test", "backup.other.test", "mx2.example.test");
    private final Collaborators.RecordedOutcomes outcomes = new Collaborators.RecordedOutcomes();
    private DeliveryAttempt attempt;

    private PolicyAwareDnsService lane(DeliveryRoute route, PolicyService service) {
        return new PolicyAwareDnsService(dns, route, new PolicyRouting(service, LookupFailureAction.ENFORCE));
    }

    private DeliveryAttempt attempt(DeliveryRoute route, boolean last) throws Exception {
        attempt = DeliveryAttempt.begin(FakeMail.builder().name("m").recipient("u@example.test").build(), route,
            0, last, java.time.Duration.ZERO, outcomes.recorder(), Collaborators.mxTls(), Clock.systemUTC());
        return attempt;
    }

    @AfterEach
    void endAttempt() {
        if (attempt != null) {
            attempt.end();
        }
    }

    @Test
    void theEnforceLaneKeepsOnlyPermittedMxHostsInDnsOrder() throws Exception {
        world.publish("example.test", "p1", Mode.ENFORCE, "*.example.test");
        attempt(DeliveryRoute.ENFORCE, false);

        assertThat(lane(DeliveryRoute.ENFORCE, world.newService()).findMXRecords("example.test"))
            .containsExactly("mx1.example.test", "mx2.example.test");
        assertThat(attempt.policy()).get().extracting(policy -> policy.id()).isEqualTo("p1");
    }

    @Test
    void noPermittedMxIsATemporaryFailureWithOneOutcomePerMx() throws Exception {
        world.publish("example.test", "p1", Mode.ENFORCE, "mx.elsewhere.test");
        attempt(DeliveryRoute.ENFORCE, false);

        assertThatThrownBy(() -> lane(DeliveryRoute.ENFORCE, world.newService()).findMXRecords("example.test"))
            .isInstanceOf(TemporaryResolutionException.class)
            .hasMessageContaining("no MX host of example.test");
        assertThat(outcomes.all()).extracting(TlsOutcome::mxHost, TlsOutcome::failure)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("mx1.example.test", Optional.of(ResultType.VALIDATION_FAILURE)),
                org.assertj.core.groups.Tuple.tuple("backup.other.test", Optional.of(ResultType.VALIDATION_FAILURE)),
                org.assertj.core.groups.Tuple.tuple("mx2.example.test", Optional.of(ResultType.VALIDATION_FAILURE)));
        assertThat(attempt.failureNotice()).get().asString()
            .contains("example.test", "policy id p1", "mx1.example.test", "validation-failure");
    }

    @Test
    void theEnforceLaneWaitsForAPolicyItCannotLookUp() throws Exception {
        world.unreachable("example.test");
        attempt(DeliveryRoute.ENFORCE, false);

        assertThatThrownBy(() -> lane(DeliveryRoute.ENFORCE, world.newService()).findMXRecords("example.test"))
            .isInstanceOf(TemporaryResolutionException.class);
        assertThat(attempt.reroute()).isEmpty();
        assertThat(attempt.failureNotice()).get().asString().contains("could not be looked up");
    }

    @Test
    void theTestingLaneUsesEveryMxHost() throws Exception {
        world.publish("example.test", "p1", Mode.TESTING, "mx1.example.test");
        attempt(DeliveryRoute.TESTING, false);

        assertThat(lane(DeliveryRoute.TESTING, world.newService()).findMXRecords("example.test"))
            .containsExactly("mx1.example.test", "backup.other.test", "mx2.example.test");
    }

    @Test
    void aMessageSayingTlsRequiredNoStaysInTheStandardLane() throws Exception {
        world.publish("example.test", "p1", Mode.ENFORCE, "mx1.example.test");
        javax.mail.internet.MimeMessage message =
            new javax.mail.internet.MimeMessage(javax.mail.Session.getInstance(new java.util.Properties()));
        message.setHeader("TLS-Required", "No");
        message.setText("report");
        attempt = DeliveryAttempt.begin(FakeMail.builder().name("r").mimeMessage(message)
                .recipient("tlsrpt@example.test").build(), DeliveryRoute.STANDARD, 0, false, java.time.Duration.ZERO, outcomes.recorder(),
            Collaborators.mxTls(), Clock.systemUTC());

        assertThat(lane(DeliveryRoute.STANDARD, world.newService()).findMXRecords("example.test"))
            .containsExactly("mx1.example.test", "backup.other.test", "mx2.example.test");
        assertThat(attempt.reroute()).isEmpty();
    }

    @Test
    void aTestingMessageHandedOverAfterAFailedHandshakeStaysInTheStandardLane() throws Exception {
        world.publish("example.test", "p1", Mode.TESTING, "mx1.example.test");
        attempt(DeliveryRoute.STANDARD, false);
        TestingFallback.mark(attempt.mail());

        assertThat(lane(DeliveryRoute.STANDARD, world.newService()).findMXRecords("example.test"))
            .containsExactly("mx1.example.test", "backup.other.test", "mx2.example.test");
        assertThat(attempt.reroute()).isEmpty();
    }

    @Test
    void theTestingHandOverNeverExemptsAnEnforcePolicy() throws Exception {
        world.publish("example.test", "p1", Mode.ENFORCE, "mx1.example.test");
        attempt(DeliveryRoute.STANDARD, false);
        TestingFallback.mark(attempt.mail());

        assertThatThrownBy(() -> lane(DeliveryRoute.STANDARD, world.newService()).findMXRecords("example.test"))
            .isInstanceOf(TemporaryResolutionException.class);
        assertThat(attempt.reroute()).contains(DeliveryRoute.ENFORCE);
    }

    @Test
    void aDomainThatStartedEnforcingLeavesTheStandardLane() throws Exception {
        world.publish("example.test", "p1", Mode.ENFORCE, "mx1.example.test");
        attempt(DeliveryRoute.STANDARD, false);

        assertThatThrownBy(() -> lane(DeliveryRoute.STANDARD, world.newService()).findMXRecords("example.test"))
            .isInstanceOf(TemporaryResolutionException.class);
        assertThat(attempt.reroute()).contains(DeliveryRoute.ENFORCE);
    }

    @Test
    void withoutAnAttemptAnEnforceDomainIsNeverDeliveredByAnotherLane() {
        world.publish("example.test", "p1", Mode.ENFORCE, "mx1.example.test");
        PolicyService service = world.newService();

        for (DeliveryRoute route : new DeliveryRoute[]{DeliveryRoute.STANDARD, DeliveryRoute.TESTING}) {
            assertThatThrownBy(() -> lane(route, service).findMXRecords("example.test"))
                .as("lane %s", route)
                .isInstanceOf(TemporaryResolutionException.class)
                .hasMessageContaining("calls for the enforce lane");
        }
    }

    @Test
    void aDomainWhosePolicyCannotBeLookedUpLeavesTheStandardLaneForEnforce() throws Exception {
        world.unreachable("example.test");
        attempt(DeliveryRoute.STANDARD, false);

        assertThatThrownBy(() -> lane(DeliveryRoute.STANDARD, world.newService()).findMXRecords("example.test"))
            .isInstanceOf(TemporaryResolutionException.class);
        assertThat(attempt.reroute()).contains(DeliveryRoute.ENFORCE);
    }

    @Test
    void aDomainThatWentBackToTestingLeavesTheEnforceLane() throws Exception {
        world.publish("example.test", "p2", Mode.TESTING, "mx1.example.test");
        attempt(DeliveryRoute.ENFORCE, false);

        assertThatThrownBy(() -> lane(DeliveryRoute.ENFORCE, world.newService()).findMXRecords("example.test"))
            .isInstanceOf(TemporaryResolutionException.class);
        assertThat(attempt.reroute()).contains(DeliveryRoute.TESTING);
    }

    @Test
    void theLastAttemptReadsTheTxtRecordAgain() throws Exception {
        PolicyService service = world.newService(Duration.ofHours(1));
        world.publish("example.test", "p1", Mode.ENFORCE, "mx.elsewhere.test");
        assertThat(service.policyFor("example.test")).isNotNull();
        world.publish("example.test", "p2", Mode.ENFORCE, "mx2.example.test");

        attempt(DeliveryRoute.ENFORCE, false);
        assertThatThrownBy(() -> lane(DeliveryRoute.ENFORCE, service).findMXRecords("example.test"))
            .isInstanceOf(TemporaryResolutionException.class);
        attempt.end();

        attempt(DeliveryRoute.ENFORCE, true);
        assertThat(lane(DeliveryRoute.ENFORCE, service).findMXRecords("example.test"))
            .containsExactly("mx2.example.test");
        assertThat(attempt.policy()).get().extracting(policy -> policy.id()).isEqualTo("p2");
    }

    @Test
    void aPolicyThatCannotBeFetchedIsAFailedSessionButNoObstacle() throws Exception {
        world.publishRecordOnly("example.test", "p1");
        attempt(DeliveryRoute.STANDARD, false);

        assertThat(lane(DeliveryRoute.STANDARD, world.newService()).findMXRecords("example.test"))
            .containsExactly("mx1.example.test", "backup.other.test", "mx2.example.test");
        assertThat(outcomes.all()).singleElement().satisfies(outcome -> {
            assertThat(outcome.failure()).contains(ResultType.STS_POLICY_FETCH_ERROR);
            assertThat(outcome.mode()).isEqualTo(Mode.NONE);
            assertThat(outcome.mxHost()).isEmpty();
        });
    }

    @Test
    void theStandardLaneLeavesNoPolicyDomainsAlone() throws Exception {
        attempt(DeliveryRoute.STANDARD, false);

        assertThat(lane(DeliveryRoute.STANDARD, world.newService()).findMXRecords("example.test"))
            .containsExactly("mx1.example.test", "backup.other.test", "mx2.example.test");
        assertThat(attempt.reroute()).isEmpty();
        assertThat(outcomes.all()).isEmpty();
    }

    @Test
    void aMessageThatMovedTooOftenIsDeferredWithTheCauseInsteadOfMovedAgain() throws Exception {
        world.publish("example.test", "p1", Mode.ENFORCE, "mx1.example.test");
        attempt(DeliveryRoute.STANDARD, false);
        for (int i = 0; i < dev.mtasts.james.routing.LaneDecision.DEFAULT_MAX_MOVES; i++) {
            LaneMoves.increment(attempt.mail());
        }

        assertThatThrownBy(() -> lane(DeliveryRoute.STANDARD, world.newService()).findMXRecords("example.test"))
            .isInstanceOf(TemporaryResolutionException.class)
            .hasMessageContaining("moved " + dev.mtasts.james.routing.LaneDecision.DEFAULT_MAX_MOVES + " times");
        assertThat(attempt.reroute()).isEmpty();
        assertThat(attempt.failureNotice()).get().asString().contains("example.test", "keeps changing");
    }

    @Test
    void aMoveOnTheLastAttemptWaitsTheRetryDelay() throws Exception {
        world.publish("example.test", "p1", Mode.ENFORCE, "mx1.example.test");
        attempt = DeliveryAttempt.begin(FakeMail.builder().name("m").recipient("u@example.test").build(),
            DeliveryRoute.STANDARD, 3, true, Duration.ofMinutes(5), outcomes.recorder(), Collaborators.mxTls(),
            Clock.systemUTC());

        assertThatThrownBy(() -> lane(DeliveryRoute.STANDARD, world.newService()).findMXRecords("example.test"))
            .isInstanceOf(TemporaryResolutionException.class);
        assertThat(attempt.reroute()).contains(DeliveryRoute.ENFORCE);
        assertThat(attempt.rerouteDelay()).isEqualTo(Duration.ofMinutes(5));
    }

    // RFC 7672 §2.2: with DANE active, a domain with a DANE host moves to the DANE lane, which keeps the hosts its
    // plan allows, each held to its own demand, and records a host skipped on a bogus TLSA answer.

    private static final TlsaRecord DANE_EE = TlsaRecord.parse(
        "3 1 1 8d02536c887482bc34ff54e41d2ba659bf85b341a0a20afadb5813dcfbcf286d");

    private final InMemoryDnssec dnssec = new InMemoryDnssec();

    private PolicyAwareDnsService daneLane(DeliveryRoute route, PolicyService service) {
        DanePlanner planner = new DanePlanner(new DaneState(DaneMode.AUTO,
            () -> ResolverValidation.validating("AD on test."), Clock.systemUTC(), Duration.ofMinutes(5),
            activation -> { }), dnssec);
        return new PolicyAwareDnsService(dns, route, new PolicyRouting(service, LookupFailureAction.ENFORCE),
            planner);
    }

    @Test
    void aDomainWithADaneHostMovesFromTheStandardLaneToTheDaneLane() throws Exception {
        dnssec.secureMx("example.test", "mx1.example.test").secureHost("mx1.example.test", List.of(DANE_EE));
        attempt(DeliveryRoute.STANDARD, false);

        assertThatThrownBy(() -> daneLane(DeliveryRoute.STANDARD, world.newService()).findMXRecords("example.test"))
            .isInstanceOf(TemporaryResolutionException.class).hasMessageContaining("moving");
        assertThat(attempt.reroute()).contains(DeliveryRoute.DANE);
    }

    @Test
    void theDaneLaneTriesTheHostsItsPlanKeepsAndRecordsABogusTlsaHost() throws Exception {
        dnssec.secureMx("example.test", "bogus.example.test", "mx1.example.test")
            .bogusTlsa("bogus.example.test")
            .secureHost("mx1.example.test", List.of(DANE_EE));
        attempt(DeliveryRoute.DANE, false);

        assertThat(daneLane(DeliveryRoute.DANE, world.newService()).findMXRecords("example.test"))
            .containsExactly("mx1.example.test");
        assertThat(outcomes.all()).extracting(TlsOutcome::mxHost, TlsOutcome::failure, TlsOutcome::isDane)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("bogus.example.test",
                Optional.of(ResultType.DNSSEC_INVALID), true));
    }

    @Test
    void aDaneLaneWithNoHostLeftFailsTemporarilyAndTheNoticeNamesEachHost() throws Exception {
        dnssec.secureMx("example.test", "bogus.example.test").bogusTlsa("bogus.example.test");
        attempt(DeliveryRoute.DANE, false);

        assertThatThrownBy(() -> daneLane(DeliveryRoute.DANE, world.newService()).findMXRecords("example.test"))
            .isInstanceOf(TemporaryResolutionException.class);
        assertThat(attempt.failureNotice()).get().asString()
            .contains("DANE (RFC 7672)", "example.test", "bogus.example.test", "skipped: dnssec-invalid");
    }

    @Test
    void aDaneDomainUnderAnEnforcePolicyMovesToTheDaneLaneWhichSkipsHostsThePolicyDoesNotList() throws Exception {
        world.publish("example.test", "p1", Mode.ENFORCE, "mx1.example.test");
        dnssec.secureMx("example.test", "mx1.example.test", "other.example.test")
            .secureHost("mx1.example.test", List.of(DANE_EE)).secureHost("other.example.test", List.of(DANE_EE));
        PolicyService service = world.newService();
        attempt(DeliveryRoute.ENFORCE, false);
        assertThatThrownBy(() -> daneLane(DeliveryRoute.ENFORCE, service).findMXRecords("example.test"))
            .isInstanceOf(TemporaryResolutionException.class);
        assertThat(attempt.reroute()).contains(DeliveryRoute.DANE);
        attempt.end();

        attempt(DeliveryRoute.DANE, false);
        assertThat(daneLane(DeliveryRoute.DANE, service).findMXRecords("example.test"))
            .containsExactly("mx1.example.test");
    }

    @Test
    void aBogusMxAnswerIsATemporaryFailureEvenWithoutDaneHosts() throws Exception {
        dnssec.bogusMx("example.test");
        attempt(DeliveryRoute.STANDARD, false);

        assertThatThrownBy(() -> daneLane(DeliveryRoute.STANDARD, world.newService()).findMXRecords("example.test"))
            .isInstanceOf(TemporaryResolutionException.class).hasMessageContaining("DNSSEC");
        assertThat(attempt.reroute()).isEmpty();
    }

    @Test
    void aDomainWithoutTlsaStaysWhereItsPolicyPutsIt() throws Exception {
        dnssec.secureMx("example.test", "mx1.example.test").secureHost("mx1.example.test", List.of());
        attempt(DeliveryRoute.STANDARD, false);

        assertThat(daneLane(DeliveryRoute.STANDARD, world.newService()).findMXRecords("example.test"))
            .containsExactly("mx1.example.test", "backup.other.test", "mx2.example.test");
    }
}
