package dev.mtasts.report;

import dev.mtasts.outcome.ResultType;

import dev.mtasts.testpeers.TestClock;
import static dev.mtasts.report.Outcomes.DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtasts.discovery.RecordDiscovery;
import dev.mtasts.testpeers.FakeDns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TlsReportSchedulerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate MARCH_1 = LocalDate.parse("2024-03-01");
    private static final String TLSRPT_NAME = "_smtp._tls.example.com";
    private static final String MAILTO_RECORD = "v=TLSRPTv1; rua=mailto:tlsrpt@example.com";
    private static final URI UPLOAD = URI.create("https://reports.example.test/v1/tlsrpt");

    private final TestClock clock = new TestClock("2024-03-01T10:00:00Z");
    private final FakeDns dns = new FakeDns().txt(TLSRPT_NAME, MAILTO_RECORD);
    private final RecordingMailTransport mail = new RecordingMailTransport();
    private final RecordingHttpsTransport https = new RecordingHttpsTransport();
    private TlsReportSettings settings = TlsReportSettings.defaults("mail.sender.example")
            .withSendDelay(Duration.ofMinutes(15))
            .withSendJitter(Duration.ZERO);
    private TlsReportAggregator aggregator = new TlsReportAggregator(new InMemoryTlsReportStore());

    private TlsReportScheduler scheduler() {
        return scheduler(0);
    }

    private TlsReportScheduler scheduler(long jitterSeed) {
        TlsReportBuilder builder = new TlsReportBuilder(settings, new Random(7));
        return new TlsReportScheduler(aggregator, builder,
                new TlsReportSender(builder, new RecordDiscovery(dns), https, mail), clock, jitterSeed);
    }

    @Test
    void reportsAreMadeAndSentAfterTheDayEndsNotBefore() throws IOException {
        aggregator.record(Outcomes.success("2024-03-01T10:00:00Z"));
        aggregator.record(Outcomes.failure("2024-03-01T11:00:00Z", ResultType.CERTIFICATE_EXPIRED,
                "mx1.example.com", "192.0.2.10"));
        TlsReportScheduler scheduler = scheduler();

        clock.set("2024-03-01T23:59:59Z");
        assertThat(scheduler.runOnce()).isEqualTo(ReportRunSummary.NOTHING);
        clock.set("2024-03-02T00:14:59Z");
        assertThat(scheduler.runOnce()).isEqualTo(ReportRunSummary.NOTHING);
        assertThat(mail.sent()).isEmpty();

        clock.set("2024-03-02T00:15:00Z");
        ReportRunSummary run = scheduler.runOnce();

        assertThat(run).isEqualTo(new ReportRunSummary(List.of(MARCH_1), 1, 1, 0, 0, 0));
        TlsReportMail sent = mail.sent().get(0);
        assertThat(sent.recipient()).isEqualTo("tlsrpt@example.com");
        assertThat(sent.subject()).isEqualTo("Report Domain: example.com Submitter: mail.sender.example "
                + "Report-ID: <" + sent.reportId() + ">");
        assertThat(sent.headers()).containsEntry("TLS-Report-Domain", "example.com")
                .containsEntry("TLS-Report-Submitter", "mail.sender.example");
        assertThat(sent.attachmentFileName())
                .isEqualTo("mail.sender.example!example.com!1709251200!1709337599.json.gz");
        JsonNode report = JSON.readTree(gunzip(sent.attachment()));
        assertThat(report.get("report-id").asText()).isEqualTo(sent.reportId());
        JsonNode policy = report.get("policies").get(0);
        assertThat(policy.get("policy").get("policy-domain").asText()).isEqualTo(DOMAIN);
        assertThat(policy.get("summary").get("total-successful-session-count").asLong()).isEqualTo(1);
        assertThat(policy.get("summary").get("total-failure-session-count").asLong()).isEqualTo(1);
        assertThat(aggregator.pendingReports()).isEmpty();

        clock.set("2024-03-02T06:00:00Z");
        assertThat(scheduler.runOnce()).isEqualTo(ReportRunSummary.NOTHING);
        assertThat(mail.sent()).hasSize(1);
    }

    @Test
    void eachDayHasItsOwnJitterWithinTheConfiguredBound() {
        settings = settings.withSendJitter(Duration.ofHours(2));
        TlsReportScheduler scheduler = scheduler(12345);
        Instant earliest = Instant.parse("2024-03-02T00:15:00Z");

        List<Instant> due = new ArrayList<>();
        for (int day = 0; day < 20; day++) {
            LocalDate date = MARCH_1.plusDays(day);
            Instant dueAt = scheduler.dueAt(date);
            assertThat(dueAt).isBetween(earliest.plus(Duration.ofDays(day)),
                    earliest.plus(Duration.ofDays(day)).plus(Duration.ofHours(2)));
            assertThat(scheduler(12345).dueAt(date)).as("stable for a seed").isEqualTo(dueAt);
            due.add(dueAt.minus(Duration.ofDays(day)));
        }
        assertThat(due).as("not the same offset every day").doesNotHaveDuplicates();
    }

    @Test
    void aJitteredDayIsSentWhenItsOwnTimeComes() {
        settings = settings.withSendJitter(Duration.ofHours(2));
        aggregator.record(Outcomes.success("2024-03-01T10:00:00Z"));
        TlsReportScheduler scheduler = scheduler(99);
        Instant dueAt = scheduler.dueAt(MARCH_1);

        clock.set(dueAt.minusMillis(1).toString());
        scheduler.runOnce();
        assertThat(mail.sent()).isEmpty();

        clock.set(dueAt.toString());
        scheduler.runOnce();
        assertThat(mail.sent()).hasSize(1);
    }

    @Test
    void httpsDestinationsGetTheGzippedReport() throws IOException {
        dns.txt(TLSRPT_NAME, "v=TLSRPTv1; rua=" + UPLOAD);
        aggregator.record(Outcomes.success("2024-03-01T10:00:00Z"));
        clock.set("2024-03-02T01:00:00Z");

        scheduler().runOnce();

        assertThat(https.uploads()).hasSize(1);
        RecordingHttpsTransport.Upload upload = https.uploads().get(0);
        assertThat(upload.destination()).isEqualTo(UPLOAD);
        JsonNode report = JSON.readTree(gunzip(upload.body()));
        assertThat(report.get("policies").get(0).get("policy").get("policy-domain").asText()).isEqualTo(DOMAIN);
        assertThat(mail.sent()).isEmpty();
    }

    @Test
    void withFailuresOnlyADayWithoutFailuresGetsNoReport() {
        settings = settings.withFailuresOnly(true);
        aggregator.record(Outcomes.success("2024-03-01T10:00:00Z"));
        aggregator.record(Outcomes.success("2024-03-02T10:00:00Z"));
        aggregator.record(Outcomes.failure("2024-03-02T11:00:00Z", ResultType.STARTTLS_NOT_SUPPORTED,
                "mx1.example.com", "192.0.2.10"));
        TlsReportScheduler scheduler = scheduler();

        clock.set("2024-03-02T01:00:00Z");
        assertThat(scheduler.runOnce()).isEqualTo(new ReportRunSummary(List.of(MARCH_1), 0, 0, 0, 0, 0));
        clock.set("2024-03-03T01:00:00Z");
        assertThat(scheduler.runOnce()).isEqualTo(new ReportRunSummary(List.of(MARCH_1.plusDays(1)), 1, 1, 0, 0, 0));

        assertThat(mail.sent()).hasSize(1);
        assertThat(mail.sent().get(0).subject()).contains("Report-ID: <20240302.example.com.");
    }

    @Test
    void aFailedDeliveryStaysPendingAndIsRetriedWithTheSameReport() {
        mail.refuse("tlsrpt@example.com");
        aggregator.record(Outcomes.success("2024-03-01T10:00:00Z"));
        TlsReportScheduler scheduler = scheduler();
        clock.set("2024-03-02T00:15:00Z");

        ReportRunSummary first = scheduler.runOnce();

        assertThat(first).isEqualTo(new ReportRunSummary(List.of(MARCH_1), 1, 0, 0, 1, 0));
        PendingReport pending = aggregator.pendingReports().get(0);
        assertThat(pending.attempts()).isEqualTo(1);
        assertThat(pending.nextAttemptAt()).contains(Instant.parse("2024-03-02T00:30:00Z"));
        assertThat(pending.lastError()).hasValueSatisfying(error -> assertThat(error).contains("queue refused"));

        mail.accept("tlsrpt@example.com");
        clock.set("2024-03-02T00:29:59Z");
        assertThat(scheduler.runOnce().delivered()).isZero();
        assertThat(mail.sent()).isEmpty();

        clock.set("2024-03-02T00:30:00Z");
        assertThat(scheduler.runOnce().delivered()).isEqualTo(1);
        assertThat(mail.sent()).extracting(TlsReportMail::reportId).containsExactly(pending.reportId());
        assertThat(aggregator.pendingReports()).isEmpty();
    }

    @Test
    void onlyTheDestinationsThatFailedAreTriedAgain() {
        dns.txt(TLSRPT_NAME, "v=TLSRPTv1; rua=mailto:tlsrpt@example.com," + UPLOAD);
        https.fail(UPLOAD);
        aggregator.record(Outcomes.success("2024-03-01T10:00:00Z"));
        TlsReportScheduler scheduler = scheduler();
        clock.set("2024-03-02T00:15:00Z");

        scheduler.runOnce();
        assertThat(mail.sent()).hasSize(1);
        assertThat(aggregator.pendingReports().get(0).deliveredTo()).containsExactly("mailto:tlsrpt@example.com");

        https.recover(UPLOAD);
        clock.set("2024-03-02T01:00:00Z");
        assertThat(scheduler.runOnce().delivered()).isEqualTo(1);

        assertThat(mail.sent()).hasSize(1);
        assertThat(https.uploads()).hasSize(1);
    }

    @Test
    void retriesBackOffAndEndAfterTheGiveUpTime() {
        mail.refuse("tlsrpt@example.com");
        aggregator.record(Outcomes.success("2024-03-01T10:00:00Z"));
        TlsReportScheduler scheduler = scheduler();
        clock.set("2024-03-02T00:15:00Z");

        List<Instant> attempts = new ArrayList<>();
        attempts.add(clock.instant());
        scheduler.runOnce();
        while (!aggregator.pendingReports().isEmpty()) {
            clock.set(aggregator.pendingReports().get(0).nextAttemptAt().orElseThrow().toString());
            ReportRunSummary run = scheduler.runOnce();
            if (run.abandoned() == 0) {
                attempts.add(clock.instant());
            }
        }

        assertThat(attempts).startsWith(Instant.parse("2024-03-02T00:15:00Z"), Instant.parse("2024-03-02T00:30:00Z"),
                Instant.parse("2024-03-02T01:00:00Z"), Instant.parse("2024-03-02T02:00:00Z"),
                Instant.parse("2024-03-02T04:00:00Z"), Instant.parse("2024-03-02T06:00:00Z"));
        assertThat(attempts.get(attempts.size() - 1)).isBefore(Instant.parse("2024-03-03T00:15:00Z"));
        assertThat(clock.instant()).isAfterOrEqualTo(Instant.parse("2024-03-03T00:15:00Z"));
        assertThat(mail.sent()).isEmpty();
    }

    @Test
    void backoffDoublesUpToEightTimesTheRetryInterval() {
        TlsReportScheduler scheduler = scheduler();

        assertThat(List.of(1, 2, 3, 4, 5, 10)).map(scheduler::backoff).containsExactly(Duration.ofMinutes(15),
                Duration.ofMinutes(30), Duration.ofMinutes(60), Duration.ofMinutes(120), Duration.ofMinutes(120),
                Duration.ofMinutes(120));
    }

    static Stream<Arguments> domainsThatWantNoReport() {
        return Stream.of(
                Arguments.of("no TLSRPT record", null),
                Arguments.of("another kind of TXT record only", "v=spf1 -all"),
                Arguments.of("two TLSRPT records", "two"),
                Arguments.of("only an unsupported scheme", "v=TLSRPTv1; rua=ftp://reports.example.test/x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("domainsThatWantNoReport")
    void aDomainThatAsksForNoReportGetsNone(String name, String record) {
        if (record == null) {
            dns.txt(TLSRPT_NAME, new String[0]);
        } else if (record.equals("two")) {
            dns.txt(TLSRPT_NAME, MAILTO_RECORD, "v=TLSRPTv1; rua=mailto:other@example.com");
        } else {
            dns.txt(TLSRPT_NAME, record);
        }
        aggregator.record(Outcomes.success("2024-03-01T10:00:00Z"));
        clock.set("2024-03-02T01:00:00Z");

        ReportRunSummary run = scheduler().runOnce();

        assertThat(run.notWanted()).isEqualTo(1);
        assertThat(mail.sent()).isEmpty();
        assertThat(https.uploads()).isEmpty();
        assertThat(aggregator.pendingReports()).isEmpty();
    }

    @Test
    void aRuaThatIsNeitherMailtoNorHttpsIsSkipped() {
        dns.txt(TLSRPT_NAME, "v=TLSRPTv1; rua=ftp://reports.example.test/x,mailto:tlsrpt@example.com,"
                + "urn:ietf:params:tlsrpt");
        aggregator.record(Outcomes.success("2024-03-01T10:00:00Z"));
        clock.set("2024-03-02T01:00:00Z");

        ReportRunSummary run = scheduler().runOnce();

        assertThat(run.delivered()).isEqualTo(1);
        assertThat(mail.sent()).extracting(TlsReportMail::recipient).containsExactly("tlsrpt@example.com");
        assertThat(https.uploads()).isEmpty();
    }

    @Test
    void aTemporaryDnsFailureIsRetried() {
        dns.failTemporarily(TLSRPT_NAME);
        aggregator.record(Outcomes.success("2024-03-01T10:00:00Z"));
        clock.set("2024-03-02T01:00:00Z");

        ReportRunSummary run = scheduler().runOnce();

        assertThat(run.retrying()).isEqualTo(1);
        assertThat(aggregator.pendingReports().get(0).lastError())
                .hasValueSatisfying(error -> assertThat(error).contains("SERVFAIL"));
    }

    @Test
    void aMailtoUriMayNameSeveralRecipients() {
        dns.txt(TLSRPT_NAME, "v=TLSRPTv1; rua=mailto:a@example.com%2Cb@example.com");
        aggregator.record(Outcomes.success("2024-03-01T10:00:00Z"));
        clock.set("2024-03-02T01:00:00Z");

        scheduler().runOnce();

        assertThat(mail.sent()).extracting(TlsReportMail::recipient).containsExactly("a@example.com",
                "b@example.com");
        assertThat(mail.sent()).extracting(TlsReportMail::reportId).doesNotContainNull().hasSize(2)
                .containsOnly(mail.sent().get(0).reportId());
    }

    static Stream<Arguments> mailtoUris() {
        return Stream.of(
                Arguments.of("one address", "mailto:tlsrpt@example.com", List.of("tlsrpt@example.com"), 0),
                Arguments.of("query ignored", "mailto:tlsrpt@example.com?subject=tls", List.of("tlsrpt@example.com"),
                        0),
                Arguments.of("encoded comma", "mailto:a@example.com%2Cb@example.com",
                        List.of("a@example.com", "b@example.com"), 0),
                Arguments.of("encoded plus kept", "mailto:tls%2Brpt@example.com", List.of("tls+rpt@example.com"), 0),
                Arguments.of("no domain", "mailto:tlsrpt", List.of(), 1),
                Arguments.of("two at signs", "mailto:a@b@example.com", List.of(), 1),
                Arguments.of("encoded line break", "mailto:a@example.com%0D%0ABcc:x@example.com", List.of(), 1),
                Arguments.of("no address, only a query", "mailto:?subject=tls", List.of(), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mailtoUris")
    void mailtoAddresses(String name, String uri, List<String> expected, int problems) {
        List<String> found = new ArrayList<>();

        assertThat(TlsReportSender.mailtoAddresses(URI.create(uri), found)).isEqualTo(expected);
        assertThat(found).hasSize(problems);
    }

    @Test
    void pendingReportsAreSentAfterARestartWithTheSameId(@TempDir Path directory) throws IOException {
        aggregator = new TlsReportAggregator(new FileTlsReportStore(directory));
        mail.refuse("tlsrpt@example.com");
        aggregator.record(Outcomes.success("2024-03-01T10:00:00Z"));
        clock.set("2024-03-02T00:15:00Z");
        scheduler().runOnce();
        String reportId = aggregator.pendingReports().get(0).reportId();
        aggregator.close();

        aggregator = new TlsReportAggregator(new FileTlsReportStore(directory));
        mail.accept("tlsrpt@example.com");
        clock.set("2024-03-02T02:00:00Z");
        ReportRunSummary run = scheduler().runOnce();

        assertThat(run.delivered()).isEqualTo(1);
        assertThat(mail.sent()).extracting(TlsReportMail::reportId).containsExactly(reportId);
        assertThat(new TlsReportAggregator(new FileTlsReportStore(directory)).pendingReports()).isEmpty();
    }

    @Test
    void aFailingTransportNeverThrowsIntoTheCaller() {
        MailReportTransport broken = sent -> {
            throw new IllegalStateException("mail system down");
        };
        TlsReportBuilder builder = new TlsReportBuilder(settings);
        TlsReportScheduler scheduler = new TlsReportScheduler(aggregator, builder,
                new TlsReportSender(builder, new RecordDiscovery(dns), https, broken), clock, 0);
        aggregator.record(Outcomes.success("2024-03-01T10:00:00Z"));
        clock.set("2024-03-02T01:00:00Z");

        ReportRunSummary run = scheduler.runOnce();

        assertThat(run.retrying()).isEqualTo(1);
        assertThat(aggregator.pendingReports().get(0).lastError())
                .hasValueSatisfying(error -> assertThat(error).contains("mail system down"));
    }

    private static byte[] gunzip(byte[] compressed) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
