package dev.mtasts.report;

import dev.mtasts.outcome.OutboundSession;
import dev.mtasts.outcome.TlsOutcome;

import dev.mtasts.outcome.ResultType;

import dev.mtasts.testpeers.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.policy.Mode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryStatisticsTest {

    private final TestClock clock = new TestClock("2024-03-10T12:30:00Z");
    private final InMemoryTlsReportStore store = new InMemoryTlsReportStore();
    private final DeliveryStatistics statistics = new DeliveryStatistics(store, clock);

    private static TlsOutcome session(String at, String domain, Mode mode, Optional<ResultType> failure) {
        return new TlsOutcome(Instant.parse(at), domain, mode, "id", "mx." + domain, failure, "test");
    }

    private static final Optional<ResultType> OK = Optional.empty();
    private static final Optional<ResultType> EXPIRED = Optional.of(ResultType.CERTIFICATE_EXPIRED);

    @Test
    void tlsEnforcementSuccessCountsEnforceModeSessionsOnly() {
        statistics.record(session("2024-03-10T10:00:00Z", "a.example", Mode.ENFORCE, OK));
        statistics.record(session("2024-03-10T10:00:00Z", "a.example", Mode.ENFORCE, OK));
        statistics.record(session("2024-03-10T10:00:00Z", "a.example", Mode.ENFORCE, OK));
        statistics.record(session("2024-03-10T10:00:00Z", "a.example", Mode.ENFORCE, EXPIRED));
        statistics.record(session("2024-03-10T10:00:00Z", "b.example", Mode.TESTING, EXPIRED));
        statistics.record(session("2024-03-10T10:00:00Z", "c.example", Mode.NONE, OK));
        statistics.record(session("2024-03-10T10:00:00Z", "a.example", Mode.ENFORCE,
                Optional.of(ResultType.STS_POLICY_FETCH_ERROR)));

        DeliveryReport report = statistics.report(Instant.parse("2024-03-10T00:00:00Z"));

        assertThat(report.overall().tlsEnforcementSuccess()).isEqualTo(new Rate(3, 4));
        assertThat(report.overall().tlsEnforcementSuccess().ratio()).hasValue(0.75);
        assertThat(report.domains()).containsOnlyKeys("a.example", "b.example");
        assertThat(report.domains().get("a.example").tlsEnforcementSuccess()).isEqualTo(new Rate(3, 4));
        assertThat(report.domains().get("b.example").tlsEnforcementSuccess()).isEqualTo(new Rate(0, 0));
        assertThat(report.domains().get("b.example").tlsEnforcementSuccess().ratio()).isEmpty();
        assertThat(report.until()).isEqualTo(clock.instant());
    }

    private static OutboundSession encrypted(String lane, String domain, boolean certificateValid) {
        return OutboundSession.encrypted(lane, Instant.parse("2024-03-10T10:00:00Z"), domain, "mx." + domain,
                "TLSv1.3", "TLS_AES_128_GCM_SHA256", certificateValid);
    }

    private static OutboundSession clearText(String lane, String domain) {
        return OutboundSession.clearText(lane, Instant.parse("2024-03-10T10:00:00Z"), domain, "mx." + domain);
    }

    @Test
    void encryptedDeliveryCoversTheSessionsOfEveryLane() {
        statistics.recordSession(encrypted("enforce", "a.example", true));
        statistics.recordSession(encrypted("testing", "b.example", false));
        statistics.recordSession(clearText("testing", "b.example"));
        statistics.recordSession(encrypted("standard", "plain.example", false));
        statistics.recordSession(clearText("standard", "plain.example"));
        statistics.recordSession(clearText("standard", "other.example"));

        DeliveryReport report = statistics.report(Instant.EPOCH);

        assertThat(report.overall().encryptedDelivery()).isEqualTo(new Rate(3, 6));
        assertThat(report.overall().encryptedDelivery(Lane.STANDARD)).isEqualTo(new Rate(1, 3));
        assertThat(report.overall().encryptedDelivery(Lane.TESTING)).isEqualTo(new Rate(1, 2));
        assertThat(report.overall().encryptedDelivery(Lane.ENFORCE)).isEqualTo(new Rate(1, 1));
        assertThat(report.overall().encryptedDelivery(Lane.DANE)).isEqualTo(new Rate(0, 0));
        assertThat(report.overall().counts().get(DeliveryCounts.Counter.ENCRYPTED_UNVERIFIED)).isEqualTo(2);
        assertThat(report.domains().get("b.example").encryptedDelivery()).isEqualTo(new Rate(1, 2));
        assertThat(report.domains()).as("standard-lane domains are too many to keep apart")
                .doesNotContainKeys("plain.example", "other.example");
    }

    @Test
    void anUnknownLaneCountsAsTheStandardLane() {
        statistics.recordSession(clearText("carrier-pigeon", "x.example"));

        assertThat(statistics.report(Instant.EPOCH).overall().encryptedDelivery(Lane.STANDARD))
                .isEqualTo(new Rate(0, 1));
    }

    @Test
    void theClearTextTopListNamesTheDomainsWithTheMostClearTextSessions() {
        statistics.recordSession(clearText("standard", "plain.example"));
        statistics.recordSession(clearText("standard", "plain.example"));
        statistics.recordSession(encrypted("standard", "plain.example", true));
        statistics.recordSession(clearText("testing", "B.Example"));
        statistics.recordSession(encrypted("standard", "tls.example", false));
        statistics.recordSession(clearText("standard", "a.example"));

        assertThat(statistics.clearTextDomains(Instant.EPOCH, 10)).containsExactly(
                new DomainSessions("plain.example", 3, 2),
                new DomainSessions("a.example", 1, 1),
                new DomainSessions("b.example", 1, 1));
        assertThat(statistics.clearTextDomains(Instant.EPOCH, 1)).extracting(DomainSessions::domain)
                .containsExactly("plain.example");
        assertThat(statistics.clearTextDomains(Instant.parse("2024-03-11T00:00:00Z"), 10)).isEmpty();
    }

    @Test
    void failuresAreCountedByResultType() {
        statistics.record(session("2024-03-10T10:00:00Z", "a.example", Mode.ENFORCE, EXPIRED));
        statistics.record(session("2024-03-10T10:00:00Z", "b.example", Mode.TESTING, EXPIRED));
        statistics.record(session("2024-03-10T10:00:00Z", "b.example", Mode.TESTING,
                Optional.of(ResultType.STARTTLS_NOT_SUPPORTED)));
        statistics.recordPolicyFetch("c.example", Optional.of(ResultType.STS_WEBPKI_INVALID));

        DeliveryCounts counts = statistics.report(Instant.EPOCH).overall().counts();

        assertThat(counts.failures(ResultType.CERTIFICATE_EXPIRED)).isEqualTo(2);
        assertThat(counts.failures(ResultType.STARTTLS_NOT_SUPPORTED)).isEqualTo(1);
        assertThat(counts.failures(ResultType.STS_WEBPKI_INVALID)).isEqualTo(1);
        assertThat(counts.failures(ResultType.CERTIFICATE_HOST_MISMATCH)).isZero();
    }

    // RFC 8460 §4.3.2: the DANE result types (of a host under both DANE and an enforce policy) are counted like the
    // others, and every result type can be asked for.
    @Test
    void daneFailuresAreCountedByResultTypeToo() {
        statistics.record(session("2024-03-10T10:00:00Z", "dane.example", Mode.ENFORCE,
                Optional.of(ResultType.TLSA_INVALID)));
        statistics.record(session("2024-03-10T10:00:00Z", "dane.example", Mode.ENFORCE,
                Optional.of(ResultType.DNSSEC_INVALID)));

        DeliveryCounts counts = statistics.report(Instant.EPOCH).overall().counts();

        assertThat(counts.failures(ResultType.TLSA_INVALID)).isEqualTo(1);
        assertThat(counts.failures(ResultType.DNSSEC_INVALID)).isEqualTo(1);
        assertThat(counts.failures(ResultType.DANE_REQUIRED)).isZero();
        for (ResultType type : ResultType.values()) {
            assertThat(counts.failures(type)).as(type.wireName()).isNotNegative();
        }
    }

    @Test
    void hourlyCountsCoverEveryHourOfTheWindowOldestFirst() {
        statistics.recordSession(clearText("standard", "a.example"));

        java.util.List<HourlyCounts> hours = statistics.hourly(Instant.parse("2024-03-10T09:15:00Z"));

        assertThat(hours).extracting(HourlyCounts::start).containsExactly(
                Instant.parse("2024-03-10T09:00:00Z"), Instant.parse("2024-03-10T10:00:00Z"),
                Instant.parse("2024-03-10T11:00:00Z"), Instant.parse("2024-03-10T12:00:00Z"));
        assertThat(hours).extracting(hour -> hour.counts().sessions()).containsExactly(0L, 1L, 0L, 0L);
    }

    @Test
    void policyRetrievalAndValidationRates() {
        statistics.recordPolicyFetch("a.example", Optional.empty());
        statistics.recordPolicyFetch("a.example", Optional.empty());
        statistics.recordPolicyFetch("a.example", Optional.of(ResultType.STS_POLICY_INVALID));
        statistics.recordPolicyFetch("b.example", Optional.of(ResultType.STS_POLICY_FETCH_ERROR));
        statistics.recordPolicyFetch("b.example", Optional.of(ResultType.STS_WEBPKI_INVALID));
        statistics.recordPolicyFetch("b.example", Optional.of(ResultType.STARTTLS_NOT_SUPPORTED));

        DeliveryFigures overall = statistics.report(Instant.EPOCH).overall();

        // 5 fetches: 3 got a document (2 valid, 1 invalid), 1 fetch error, 1 certificate failure
        assertThat(overall.policyRetrieval()).isEqualTo(new Rate(3, 5));
        assertThat(overall.policyValidation()).isEqualTo(new Rate(2, 3));
        assertThat(overall.counts().policyFetchErrors()).isEqualTo(1);
        assertThat(overall.counts().policyWebPkiInvalid()).isEqualTo(1);
        assertThat(overall.counts().policyInvalid()).isEqualTo(1);
        assertThat(statistics.figures(Instant.EPOCH, "B.Example.").policyRetrieval()).isEqualTo(new Rate(0, 2));
    }

    @Test
    void enforcementFailuresAreCounted() {
        statistics.recordEnforcementFailure("a.example");
        statistics.recordEnforcementFailure("a.example");
        statistics.recordEnforcementFailure("b.example");

        DeliveryReport report = statistics.report(Instant.EPOCH);

        assertThat(report.overall().enforcementFailures()).isEqualTo(3);
        assertThat(report.domains().get("a.example").enforcementFailures()).isEqualTo(2);
    }

    @Test
    void theWindowCountsWholeHoursFromTheOneContainingSince() {
        statistics.record(session("2024-03-09T12:59:59Z", "a.example", Mode.ENFORCE, EXPIRED));
        statistics.record(session("2024-03-09T13:00:00Z", "a.example", Mode.ENFORCE, OK));
        statistics.record(session("2024-03-10T11:00:00Z", "a.example", Mode.ENFORCE, OK));
        statistics.record(session("2024-03-10T12:10:00Z", "a.example", Mode.ENFORCE, OK));

        assertThat(statistics.report(Instant.parse("2024-03-10T12:00:00Z")).overall().tlsEnforcementSuccess())
                .isEqualTo(new Rate(1, 1));
        assertThat(statistics.report(Instant.parse("2024-03-10T11:30:00Z")).overall().tlsEnforcementSuccess())
                .isEqualTo(new Rate(2, 2));
        assertThat(statistics.report(Instant.parse("2024-03-09T13:00:00Z")).overall().tlsEnforcementSuccess())
                .isEqualTo(new Rate(3, 3));
        assertThat(statistics.report(Instant.parse("2024-03-09T12:00:00Z")).overall().tlsEnforcementSuccess())
                .isEqualTo(new Rate(3, 4));
        assertThat(statistics.figures(Instant.parse("2024-03-10T00:00:00Z"), "a.example").tlsEnforcementSuccess())
                .isEqualTo(new Rate(2, 2));
    }

    @Test
    void hooksCountAtTheClocksTime() {
        statistics.recordEnforcementFailure("a.example");
        clock.advance(Duration.ofHours(2));
        statistics.recordEnforcementFailure("a.example");

        assertThat(statistics.report(Instant.parse("2024-03-10T14:00:00Z")).overall().enforcementFailures())
                .isEqualTo(1);
    }

    @Test
    void countsOlderThanTheRetentionAreDropped() {
        DeliveryStatistics shortMemory = new DeliveryStatistics(store, clock, Duration.ofDays(1), 10);
        shortMemory.record(session("2024-03-09T12:00:00Z", "a.example", Mode.ENFORCE, OK));
        shortMemory.record(session("2024-03-09T13:00:00Z", "a.example", Mode.ENFORCE, OK));

        shortMemory.flush();

        assertThat(shortMemory.report(Instant.EPOCH).overall().tlsEnforcementSuccess()).isEqualTo(new Rate(1, 1));
        clock.advance(Duration.ofDays(1));
        shortMemory.flush();
        assertThat(shortMemory.report(Instant.EPOCH).domains()).isEmpty();
        assertThat(shortMemory.snapshot().hours()).isEmpty();
    }

    @Test
    void domainsBeyondTheLimitCountInTheOverallFiguresOnly() {
        DeliveryStatistics few = new DeliveryStatistics(store, clock, Duration.ofDays(1), 2);
        few.record(session("2024-03-10T10:00:00Z", "a.example", Mode.ENFORCE, OK));
        few.record(session("2024-03-10T10:00:00Z", "b.example", Mode.ENFORCE, OK));
        few.record(session("2024-03-10T10:00:00Z", "c.example", Mode.ENFORCE, OK));

        DeliveryReport report = few.report(Instant.EPOCH);

        assertThat(report.domains()).containsOnlyKeys("a.example", "b.example");
        assertThat(report.overall().tlsEnforcementSuccess()).isEqualTo(new Rate(3, 3));
    }

    @Test
    void figuresSurviveARestart(@TempDir Path directory) throws IOException {
        DeliveryStatistics before = new DeliveryStatistics(new FileTlsReportStore(directory), clock);
        before.record(session("2024-03-10T10:00:00Z", "a.example", Mode.ENFORCE, OK));
        before.record(session("2024-03-10T11:00:00Z", "a.example", Mode.ENFORCE, EXPIRED));
        before.recordPolicyFetch("a.example", Optional.of(ResultType.STS_POLICY_INVALID));
        before.recordSession(clearText("standard", "plain.example"));
        DeliveryReport expected = before.report(Instant.EPOCH);
        before.close();

        DeliveryStatistics after = new DeliveryStatistics(new FileTlsReportStore(directory), clock);

        assertThat(after.report(Instant.EPOCH)).isEqualTo(expected);
        assertThat(after.clearTextDomains(Instant.EPOCH, 10)).containsExactly(new DomainSessions("plain.example", 1, 1));
    }

    @Test
    void onlyChangesAreWritten() {
        statistics.flush();
        assertThat(store.loadStatistics()).isEmpty();

        statistics.recordEnforcementFailure("a.example");
        statistics.flush();
        assertThat(store.loadStatistics()).isPresent();
    }

    @Test
    void figuresWithNothingCountedAreEmptyRates() {
        DeliveryFigures figures = statistics.figures(Instant.EPOCH, "nothing.example");

        assertThat(figures.counts()).isEqualTo(DeliveryCounts.ZERO);
        assertThat(figures.tlsEnforcementSuccess().ratio()).isEmpty();
        assertThat(figures.encryptedDelivery().ratio()).isEmpty();
        assertThat(figures.policyRetrieval().ratio()).isEmpty();
        assertThat(figures.policyValidation().ratio()).isEmpty();
        assertThat(figures.enforcementFailures()).isZero();
    }
}
