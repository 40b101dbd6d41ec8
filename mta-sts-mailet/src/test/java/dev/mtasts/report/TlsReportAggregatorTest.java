package dev.mtasts.report;

import dev.mtasts.outcome.TlsOutcome;

import dev.mtasts.outcome.ResultType;

import static dev.mtasts.report.Outcomes.DOMAIN;
import static dev.mtasts.report.Outcomes.POLICY_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.policy.Mode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsReportAggregatorTest {

    private static final LocalDate MARCH_1 = LocalDate.parse("2024-03-01");
    private static final LocalDate MARCH_2 = LocalDate.parse("2024-03-02");

    private final InMemoryTlsReportStore store = new InMemoryTlsReportStore();
    private final TlsReportAggregator aggregator = new TlsReportAggregator(store);

    @Test
    void countsSuccessesAndFailuresPerDomainAndPolicy() {
        aggregator.record(Outcomes.success("2024-03-01T08:00:00Z"));
        aggregator.record(Outcomes.success("2024-03-01T09:00:00Z"));
        aggregator.record(Outcomes.failure("2024-03-01T10:00:00Z", ResultType.CERTIFICATE_EXPIRED,
                "mx1.example.com", "192.0.2.10"));
        aggregator.record(Outcomes.failure("2024-03-01T11:00:00Z", ResultType.CERTIFICATE_EXPIRED,
                "MX1.Example.COM.", "192.0.2.10"));
        aggregator.record(Outcomes.failure("2024-03-01T12:00:00Z", ResultType.STARTTLS_NOT_SUPPORTED,
                "a.backup.example.com", "192.0.2.20"));

        DomainDayTally tally = aggregator.tally(MARCH_1, DOMAIN).orElseThrow();

        assertThat(tally.policies()).hasSize(1);
        PolicyTally policy = tally.policies().get(0);
        assertThat(policy.policy()).isEqualTo(new ReportedPolicy(POLICY_ID, Outcomes.ENFORCE_TEXT,
                List.of("mx1.example.com", "*.backup.example.com")));
        assertThat(policy.successfulSessions()).isEqualTo(2);
        assertThat(policy.failedSessions()).isEqualTo(3);
        assertThat(policy.failures()).containsExactly(
                new FailureCount(failure(ResultType.CERTIFICATE_EXPIRED, "mx1.example.com", "192.0.2.10"), 2),
                new FailureCount(failure(ResultType.STARTTLS_NOT_SUPPORTED, "a.backup.example.com", "192.0.2.20"),
                        1));
    }

    @Test
    void aNewPolicyIdOrTextIsCountedApart() {
        aggregator.record(Outcomes.success("2024-03-01T08:00:00Z"));
        aggregator.record(new TlsOutcome(Instant.parse("2024-03-01T15:00:00Z"), DOMAIN, Mode.TESTING, "v2",
                "mail.example.org", Optional.empty(), "ok")
                .withPolicy(Outcomes.cached(DOMAIN, "v2", Outcomes.TESTING_TEXT)));

        DomainDayTally tally = aggregator.tally(MARCH_1, DOMAIN).orElseThrow();

        assertThat(tally.policies()).extracting(p -> p.policy().policyId()).containsExactly(POLICY_ID, "v2");
        assertThat(tally.successfulSessions()).isEqualTo(2);
    }

    @Test
    void domainsAreCountedApartAndNormalised() {
        aggregator.record(Outcomes.success("2024-03-01T08:00:00Z"));
        aggregator.record(new TlsOutcome(Instant.parse("2024-03-01T08:00:00Z"), "Example.ORG.", Mode.ENFORCE,
                "x", "mail.example.org", Optional.empty(), "ok"));

        assertThat(aggregator.tallies(MARCH_1)).extracting(DomainDayTally::domain)
                .containsExactly("example.com", "example.org");
    }

    @Test
    void theDayRollsOverAtUtcMidnight() {
        aggregator.record(Outcomes.success("2024-03-01T23:59:59.999Z"));
        aggregator.record(Outcomes.success("2024-03-02T00:00:00Z"));
        aggregator.record(Outcomes.success("2024-03-02T00:00:01Z"));

        assertThat(aggregator.openDays()).containsExactly(MARCH_1, MARCH_2);
        assertThat(aggregator.tally(MARCH_1, DOMAIN).orElseThrow().successfulSessions()).isEqualTo(1);
        assertThat(aggregator.tally(MARCH_2, DOMAIN).orElseThrow().successfulSessions()).isEqualTo(2);
    }

    @Test
    void domainsWithoutAPolicyAreNotPartOfAnMtaStsReport() {
        aggregator.record(new TlsOutcome(Instant.parse("2024-03-01T08:00:00Z"), "nopolicy.example", Mode.NONE, "",
                "mx.nopolicy.example", Optional.empty(), "opportunistic TLS"));

        assertThat(aggregator.openDays()).isEmpty();
    }

    @Test
    void aPolicyThatCouldNotBeObtainedIsReportedWithoutAnMx() {
        aggregator.record(new TlsOutcome(Instant.parse("2024-03-01T08:00:00Z"), "broken.example", Mode.NONE,
                "20240301", "", Optional.of(ResultType.STS_POLICY_FETCH_ERROR), "HTTP 404"));
        aggregator.record(new TlsOutcome(Instant.parse("2024-03-01T09:00:00Z"), "broken.example", Mode.NONE,
                "20240301", "", Optional.of(ResultType.STS_WEBPKI_INVALID), "certificate expired"));

        PolicyTally policy = aggregator.tally(MARCH_1, "broken.example").orElseThrow().policies().get(0);

        assertThat(policy.policy()).isEqualTo(new ReportedPolicy("20240301", "", List.of()));
        assertThat(policy.successfulSessions()).isZero();
        assertThat(policy.failedSessions()).isEqualTo(2);
        assertThat(policy.failures()).extracting(count -> count.failure().resultType())
                .containsExactly(ResultType.STS_POLICY_FETCH_ERROR, ResultType.STS_WEBPKI_INVALID);
        assertThat(policy.failures()).allSatisfy(count ->
                assertThat(count.failure().receivingMxHostname()).isEmpty());
    }

    @Test
    void closingADayTurnsItsCountsIntoReportsAndLaterOutcomesForItAreNotCounted() {
        aggregator.record(Outcomes.success("2024-03-01T08:00:00Z"));
        aggregator.record(Outcomes.success("2024-03-02T08:00:00Z"));

        List<PendingReport> made = aggregator.closeDay(MARCH_1,
                tally -> Optional.of(PendingReport.fresh("r1", tally, Instant.parse("2024-03-02T01:00:00Z"))));
        aggregator.record(Outcomes.success("2024-03-01T23:00:00Z"));

        assertThat(made).extracting(PendingReport::domain).containsExactly(DOMAIN);
        assertThat(aggregator.pendingReports()).isEqualTo(made);
        assertThat(aggregator.openDays()).containsExactly(MARCH_2);
        assertThat(aggregator.tallies(MARCH_1)).isEmpty();
        assertThat(aggregator.uncountedOutcomes()).isEqualTo(1);
        assertThat(aggregator.closeDay(MARCH_1, tally -> Optional.empty())).isEmpty();
    }

    @Test
    void pendingReportsAreUpdatedAndRemovedByIdentity() {
        aggregator.record(Outcomes.success("2024-03-01T08:00:00Z"));
        PendingReport report = aggregator.closeDay(MARCH_1,
                tally -> Optional.of(PendingReport.fresh("r1", tally, Instant.EPOCH))).get(0);
        PendingReport retried = report.afterFailedAttempt(Instant.parse("2024-03-02T02:00:00Z"), "HTTP 503",
                List.of("mailto:a@example.com"));

        aggregator.updatePending(retried);
        aggregator.updatePending(PendingReport.fresh("another id", report.tally(), Instant.EPOCH));

        assertThat(aggregator.pendingReports()).containsExactly(retried);
        aggregator.removePending(retried);
        assertThat(aggregator.pendingReports()).isEmpty();
    }

    @Test
    void limitsBoundWhatADayHolds() {
        TlsReportAggregator small = new TlsReportAggregator(store, new TlsReportAggregator.Limits(1, 1, 1));
        small.record(Outcomes.failure("2024-03-01T08:00:00Z", ResultType.CERTIFICATE_EXPIRED, "mx1.example.com",
                "192.0.2.10"));
        small.record(Outcomes.failure("2024-03-01T08:00:00Z", ResultType.STARTTLS_NOT_SUPPORTED, "mx1.example.com",
                "192.0.2.10"));
        small.record(new TlsOutcome(Instant.parse("2024-03-01T08:00:00Z"), "other.example", Mode.ENFORCE, "x",
                "mx.other.example", Optional.empty(), "ok"));

        PolicyTally policy = small.tally(MARCH_1, DOMAIN).orElseThrow().policies().get(0);
        assertThat(policy.failedSessions()).isEqualTo(2);
        assertThat(policy.failures()).hasSize(1);
        assertThat(small.tallies(MARCH_1)).hasSize(1);
        assertThat(small.uncountedOutcomes()).isEqualTo(2);
    }

    @Test
    void concurrentRecordingLosesNothing() throws InterruptedException {
        int threads = 8;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            pool.execute(() -> {
                awaitQuietly(start);
                for (int i = 0; i < perThread; i++) {
                    aggregator.record(i % 2 == 0 ? Outcomes.success("2024-03-01T08:00:00Z")
                            : Outcomes.failure("2024-03-01T08:00:00Z", ResultType.CERTIFICATE_EXPIRED,
                                    "mx1.example.com", "192.0.2." + (thread + 1)));
                    if (i % 500 == 0) {
                        aggregator.flush();
                    }
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        DomainDayTally tally = aggregator.tally(MARCH_1, DOMAIN).orElseThrow();
        assertThat(tally.successfulSessions()).isEqualTo(threads * perThread / 2);
        assertThat(tally.failedSessions()).isEqualTo(threads * perThread / 2);
        assertThat(tally.policies().get(0).failures()).hasSize(threads)
                .allSatisfy(count -> assertThat(count.sessions()).isEqualTo(perThread / 2));
    }

    @Test
    void countsAndPendingReportsSurviveARestart(@TempDir Path directory) throws IOException {
        TlsReportAggregator before = new TlsReportAggregator(new FileTlsReportStore(directory));
        before.record(Outcomes.success("2024-03-01T08:00:00Z"));
        before.record(Outcomes.failure("2024-03-01T09:00:00Z", ResultType.CERTIFICATE_HOST_MISMATCH,
                "mx1.example.com", "2001:db8::25"));
        before.record(Outcomes.success("2024-03-02T08:00:00Z"));
        PendingReport pending = before.closeDay(MARCH_1, tally -> Optional.of(PendingReport.fresh("r1", tally,
                Instant.parse("2024-03-02T00:15:00Z")))).get(0);
        PendingReport retried = pending.afterFailedAttempt(Instant.parse("2024-03-02T00:30:00Z"), "HTTP 503",
                List.of("mailto:tlsrpt@example.com"));
        before.updatePending(retried);
        before.record(Outcomes.success("2024-03-02T09:00:00Z"));
        List<DomainDayTally> march2 = before.tallies(MARCH_2);
        before.close();

        TlsReportAggregator after = new TlsReportAggregator(new FileTlsReportStore(directory));

        assertThat(after.pendingReports()).containsExactly(retried);
        assertThat(after.openDays()).containsExactly(MARCH_2);
        assertThat(after.tallies(MARCH_2)).isEqualTo(march2);
        after.record(Outcomes.success("2024-03-01T10:00:00Z"));
        assertThat(after.uncountedOutcomes()).as("a closed day stays closed").isEqualTo(1);
        after.record(Outcomes.success("2024-03-02T10:00:00Z"));
        assertThat(after.tally(MARCH_2, DOMAIN).orElseThrow().successfulSessions()).isEqualTo(3);
    }

    @Test
    void nothingIsWrittenUntilFlushAndOnlyChangedDaysAreWritten() {
        aggregator.record(Outcomes.success("2024-03-01T08:00:00Z"));
        assertThat(store.days()).isEmpty();

        aggregator.flush();
        assertThat(store.days()).containsExactly(MARCH_1);

        store.delete(MARCH_1);
        aggregator.flush();
        assertThat(store.days()).as("unchanged since the last flush").isEmpty();
    }

    @Test
    void closedDaysWithNothingPendingAreForgottenAfterAWhile() {
        aggregator.record(Outcomes.success("2024-03-01T08:00:00Z"));
        aggregator.closeDay(MARCH_1, tally -> Optional.empty());
        aggregator.flush();
        assertThat(store.load(MARCH_1)).hasValueSatisfying(day -> assertThat(day.closed()).isTrue());

        aggregator.forgetClosedDaysBefore(MARCH_1);
        assertThat(store.days()).containsExactly(MARCH_1);
        aggregator.forgetClosedDaysBefore(MARCH_2);
        assertThat(store.days()).isEmpty();
    }

    private static SessionFailure failure(ResultType type, String mx, String ip) {
        return new SessionFailure(type, Optional.empty(), mx, Optional.empty(), Optional.of(ip), Optional.empty());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
