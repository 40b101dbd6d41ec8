package dev.mtasts.james.metrics;

import dev.mtasts.james.fixtures.PolicyWorld;
import dev.mtasts.policy.Mode;
import dev.mtasts.outcome.OutboundSession;
import dev.mtasts.outcome.ResultType;
import dev.mtasts.outcome.TlsOutcome;
import dev.mtasts.service.PolicyService;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class MtaStsMetricsTest {

    private final RecordingMetricFactory factory = new RecordingMetricFactory();
    private final MtaStsMetrics metrics = new MtaStsMetrics(factory);

    static Stream<Arguments> outcomes() {
        return Stream.of(
            Arguments.of("enforce success", Mode.ENFORCE, Optional.empty(),
                "mtasts.delivery.enforce.success", MtaStsMetrics.TLS_VALIDATED),
            Arguments.of("testing host mismatch", Mode.TESTING, Optional.of(ResultType.CERTIFICATE_HOST_MISMATCH),
                "mtasts.delivery.testing.certificate-host-mismatch", MtaStsMetrics.TLS_FAILED),
            Arguments.of("enforce without STARTTLS", Mode.ENFORCE, Optional.of(ResultType.STARTTLS_NOT_SUPPORTED),
                "mtasts.delivery.enforce.starttls-not-supported", MtaStsMetrics.TLS_FAILED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outcomes")
    void eachDeliveryCountsByModeAndResult(String name, Mode mode, Optional<ResultType> failure, String counter,
                                           String tlsCounter) {
        metrics.onOutcome(new TlsOutcome(Instant.now(), "example.com", mode, "id1", "mx.example.com", failure, ""));

        assertThat(factory.countFor(counter)).isEqualTo(1);
        assertThat(factory.countFor(tlsCounter)).isEqualTo(1);
    }

    static Stream<Arguments> sessions() {
        Instant at = Instant.now();
        return Stream.of(
            Arguments.of("standard lane in clear text", OutboundSession.clearText("standard", at, "a.example", "mx"),
                new String[] {"mtasts.sessions.all", "mtasts.sessions.cleartext", "mtasts.sessions.standard.all"}),
            Arguments.of("enforce lane over TLS", OutboundSession.encrypted("enforce", at, "a.example", "mx",
                "TLSv1.3", "TLS_AES_128_GCM_SHA256", true), new String[] {"mtasts.sessions.all",
                    "mtasts.sessions.encrypted", "mtasts.sessions.enforce.all", "mtasts.sessions.enforce.encrypted"}),
            Arguments.of("standard lane over TLS, certificate invalid", OutboundSession.encrypted("standard", at,
                "a.example", "mx", "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", false), new String[] {
                    "mtasts.sessions.all", "mtasts.sessions.encrypted", "mtasts.sessions.unverified",
                    "mtasts.sessions.standard.all", "mtasts.sessions.standard.encrypted"}),
            Arguments.of("an unknown lane counts as standard", OutboundSession.clearText("pigeon", at, "a.example",
                "mx"), new String[] {"mtasts.sessions.all", "mtasts.sessions.cleartext",
                    "mtasts.sessions.standard.all"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void everyOutboundSessionCountsOverallAndForItsLane(String name, OutboundSession session, String[] counted) {
        metrics.onSession(session);

        for (String counter : counted) {
            assertThat(factory.countFor(counter)).as(counter).isEqualTo(1);
        }
        long others = Stream.of(MtaStsMetrics.SESSIONS_ALL, MtaStsMetrics.SESSIONS_ENCRYPTED,
                MtaStsMetrics.SESSIONS_CLEAR_TEXT, MtaStsMetrics.SESSIONS_UNVERIFIED)
            .filter(counter -> !java.util.Arrays.asList(counted).contains(counter))
            .filter(counter -> factory.countFor(counter) != 0).count();
        assertThat(others).isZero();
    }

    @Test
    void policyFailuresAreNoSessionsOfAMode() {
        metrics.onOutcome(new TlsOutcome(Instant.now(), "a.example", Mode.ENFORCE, "1", "mx", Optional.empty(), ""));
        metrics.onOutcome(new TlsOutcome(Instant.now(), "a.example", Mode.ENFORCE, "1", "mx",
            Optional.of(ResultType.CERTIFICATE_EXPIRED), ""));
        metrics.onOutcome(new TlsOutcome(Instant.now(), "a.example", Mode.ENFORCE, "1", "mx",
            Optional.of(ResultType.STS_POLICY_FETCH_ERROR), ""));

        assertThat(factory.countFor(MtaStsMetrics.ENFORCE_SESSIONS)).isEqualTo(2);
        assertThat(factory.countFor(MtaStsMetrics.ENFORCE_SUCCESS)).isEqualTo(1);
    }

    @Test
    void attemptsThePolicyStoppedAreCounted() {
        metrics.onEnforcementFailure("example.com");
        metrics.onEnforcementFailure("example.org");

        assertThat(factory.countFor(MtaStsMetrics.ENFORCEMENT_FAILURE)).isEqualTo(2);
    }

    @Test
    void lookupsCountCacheHitsMissesAndFetchesWithTheirLatency() {
        PolicyWorld world = new PolicyWorld()
            .publish("good.example", "g1", Mode.ENFORCE, "mx.good.example")
            .publishRecordOnly("broken.example", "b1");
        PolicyService service = world.newService(Duration.ofMinutes(5));
        service.setListener(metrics);

        service.policyFor("good.example");
        service.policyFor("good.example");
        service.policyFor("good.example");
        service.policyFor("broken.example");

        assertThat(factory.countFor(MtaStsMetrics.CACHE_MISS)).isEqualTo(2);
        assertThat(factory.countFor(MtaStsMetrics.CACHE_HIT)).isEqualTo(2);
        assertThat(factory.countFor(MtaStsMetrics.FETCH_SUCCESS)).isEqualTo(1);
        assertThat(factory.countFor("mtasts.policy.fetch.sts-policy-fetch-error")).isEqualTo(1);
        assertThat(factory.countFor(MtaStsMetrics.FETCH_ALL)).isEqualTo(2);
        assertThat(factory.countFor(MtaStsMetrics.FETCH_RETRIEVED)).as("a fetch error retrieved no document")
            .isEqualTo(1);
        assertThat(factory.executionTimesFor(MtaStsMetrics.FETCH_LATENCY)).hasSize(2);
    }

    @Test
    void aFailingListenerNeverChangesTheAnswer() {
        PolicyWorld world = new PolicyWorld().publish("good.example", "g1", Mode.ENFORCE, "mx.good.example");
        PolicyService service = world.newService(Duration.ofMinutes(5));
        service.setListener(new dev.mtasts.service.PolicyServiceListener() {
            @Override
            public void onCacheMiss() {
                throw new IllegalStateException("broken listener");
            }
        });

        assertThat(service.policyFor("good.example")).isInstanceOf(dev.mtasts.service.PolicyLookup.Applicable.class);
    }

    /** A report sender cannot create metrics at will: only RFC 8460 §4.3 result types get a name of their own. */
    @Test
    void reportedSessionsOfUnknownResultTypesCountAsOther() {
        metrics.onReportedSessions("certificate-expired", 3);
        metrics.onReportedSessions("dane-required", 1);
        metrics.onReportedSessions("made-up-by-a-sender", 5);
        metrics.onReportedSessions("another-one", 2);

        assertThat(factory.countFor(MtaStsMetrics.inboundSessionsMetric("certificate-expired"))).isEqualTo(3);
        assertThat(factory.countFor(MtaStsMetrics.inboundSessionsMetric("dane-required"))).isEqualTo(1);
        assertThat(factory.countFor(MtaStsMetrics.inboundSessionsMetric("other"))).isEqualTo(7);
        assertThat(factory.countFor(MtaStsMetrics.inboundSessionsMetric("made-up-by-a-sender"))).isZero();
    }
}
