package dev.mtasts.report;

import dev.mtasts.outcome.ResultType;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FileTlsReportStoreTest {

    private static final LocalDate DAY = LocalDate.parse("2024-03-01");

    @TempDir
    Path directory;

    private static StoredDay openDay() {
        SessionFailure expired = new SessionFailure(ResultType.CERTIFICATE_EXPIRED, Optional.of("198.51.100.1"),
                "mx1.example.com", Optional.of("mx1.example.com"), Optional.of("2001:db8::25"),
                Optional.of("X509_V_ERR_CERT_HAS_EXPIRED"));
        SessionFailure fetch = new SessionFailure(ResultType.STS_POLICY_FETCH_ERROR, Optional.empty(), "",
                Optional.empty(), Optional.empty(), Optional.empty());
        PolicyTally policy = new PolicyTally(new ReportedPolicy("id1", Outcomes.ENFORCE_TEXT,
                List.of("mx1.example.com", "*.backup.example.com")), 10, 4,
                List.of(new FailureCount(expired, 3), new FailureCount(fetch, 1)));
        return new StoredDay(DAY, false, List.of(new DomainDayTally(DAY, "example.com", List.of(policy))),
                List.of());
    }

    private static StoredDay closedDay() {
        DomainDayTally tally = openDay().tallies().get(0);
        PendingReport fresh = PendingReport.fresh("20240301.example.com.1@mx.sender.example", tally,
                Instant.parse("2024-03-02T00:15:00Z"));
        PendingReport retried = new PendingReport("20240301.example.org.2@mx.sender.example",
                new DomainDayTally(DAY, "example.org", tally.policies()), Instant.parse("2024-03-02T00:15:00Z"), 2,
                Optional.of(Instant.parse("2024-03-02T01:15:00Z")), Optional.of("HTTP 503"),
                List.of("mailto:tlsrpt@example.org"));
        return new StoredDay(DAY, true, List.of(), List.of(fresh, retried));
    }

    @Test
    void daysRoundTrip() throws IOException {
        FileTlsReportStore store = new FileTlsReportStore(directory);
        StoredDay open = openDay();
        StoredDay closed = new StoredDay(DAY.plusDays(1), true, List.of(), List.of());

        store.save(open);
        store.save(closed);

        FileTlsReportStore reopened = new FileTlsReportStore(directory);
        assertThat(reopened.days()).containsExactly(DAY, DAY.plusDays(1));
        assertThat(reopened.load(DAY)).contains(open);
        assertThat(reopened.load(DAY.plusDays(1))).contains(closed);
        assertThat(Files.exists(directory.resolve("day-2024-03-01.json"))).isTrue();
    }

    @Test
    void pendingReportsRoundTrip() throws IOException {
        FileTlsReportStore store = new FileTlsReportStore(directory);
        store.save(closedDay());

        assertThat(new FileTlsReportStore(directory).load(DAY)).contains(closedDay());
    }

    @Test
    void statisticsRoundTrip() throws IOException {
        FileTlsReportStore store = new FileTlsReportStore(directory);
        StatisticsSnapshot snapshot = new StatisticsSnapshot(List.of(
                new HourlyCounts(Optional.empty(), 473_000, DeliveryCounts.fromArray(
                        java.util.stream.LongStream.rangeClosed(1, DeliveryCounts.NAMES.size()).toArray())),
                new HourlyCounts(Optional.of("example.com"), 473_001, DeliveryCounts.ZERO
                        .with(DeliveryCounts.Counter.ENFORCE_SESSIONS, 1)
                        .with(DeliveryCounts.Counter.ENFORCE_SUCCESSES, 1))),
                List.of(new DomainDaySessions(19_700, new DomainSessions("plain.example", 3, 2))));

        store.saveStatistics(snapshot);

        assertThat(new FileTlsReportStore(directory).loadStatistics()).contains(snapshot);
    }

    @Test
    void statisticsWrittenBeforeACounterExistedReadItAsZero() throws IOException {
        java.nio.file.Files.writeString(directory.resolve("statistics.json"), "{\"format\":1,"
                + "\"counters\":[\"enforceSessions\",\"deliveriesWithoutPolicy\",\"enforceSuccesses\"],"
                + "\"hours\":[{\"domain\":null,\"hour\":473000,\"counts\":[5,7,4]}]}");

        StatisticsSnapshot snapshot = new FileTlsReportStore(directory).loadStatistics().orElseThrow();

        assertThat(snapshot.hours()).containsExactly(new HourlyCounts(Optional.empty(), 473_000, DeliveryCounts.ZERO
                .with(DeliveryCounts.Counter.ENFORCE_SESSIONS, 5).with(DeliveryCounts.Counter.ENFORCE_SUCCESSES, 4)));
        assertThat(snapshot.domainSessions()).isEmpty();
    }

    @Test
    void deleteAndAbsentDays() throws IOException {
        FileTlsReportStore store = new FileTlsReportStore(directory);
        store.save(openDay());

        store.delete(DAY);

        assertThat(store.days()).isEmpty();
        assertThat(store.load(DAY)).isEmpty();
        assertThat(store.loadStatistics()).isEmpty();
    }

    static Stream<Arguments> corruptedDayFiles() {
        return Stream.of(
                Arguments.of("not JSON", "{\"format\":1,"),
                Arguments.of("unknown format", "{\"format\":2,\"day\":\"2024-03-01\",\"closed\":false,"
                        + "\"tallies\":[],\"pending\":[]}"),
                Arguments.of("another day than its name", "{\"format\":1,\"day\":\"2024-03-02\",\"closed\":false,"
                        + "\"tallies\":[],\"pending\":[]}"),
                Arguments.of("unknown field", "{\"format\":1,\"day\":\"2024-03-01\",\"closed\":false,"
                        + "\"tallies\":[],\"pending\":[],\"extra\":1}"),
                Arguments.of("missing list", "{\"format\":1,\"day\":\"2024-03-01\",\"closed\":false,"
                        + "\"pending\":[]}"),
                Arguments.of("unknown result type", dayWithFailure("\"resultType\":\"tlsa-invalid\","
                        + "\"receivingMxHostname\":\"mx\",\"sessions\":1")),
                Arguments.of("negative count", dayWithFailure("\"resultType\":\"certificate-expired\","
                        + "\"receivingMxHostname\":\"mx\",\"sessions\":-1")),
                Arguments.of("bad timestamp", "{\"format\":1,\"day\":\"2024-03-01\",\"closed\":true,\"tallies\":[],"
                        + "\"pending\":[{\"reportId\":\"r\",\"domain\":\"example.com\",\"madeAt\":\"yesterday\","
                        + "\"attempts\":0,\"deliveredTo\":[],\"policies\":[]}]}"));
    }

    private static String dayWithFailure(String failure) {
        return "{\"format\":1,\"day\":\"2024-03-01\",\"closed\":false,\"tallies\":[{\"domain\":\"example.com\","
                + "\"policies\":[{\"policyId\":\"1\",\"text\":\"\",\"mxHost\":[],\"successfulSessions\":0,"
                + "\"failedSessions\":1,\"failures\":[{" + failure + "}]}]}],\"pending\":[]}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptedDayFiles")
    void aCorruptedDayFileIsSetAside(String name, String content) throws IOException {
        FileTlsReportStore store = new FileTlsReportStore(directory);
        Files.writeString(directory.resolve("day-2024-03-01.json"), content, StandardCharsets.UTF_8);

        assertThat(store.days()).containsExactly(DAY);
        assertThat(store.load(DAY)).isEmpty();

        assertThat(store.days()).isEmpty();
        try (Stream<Path> aside = Files.list(directory.resolve("set-aside"))) {
            assertThat(aside.map(path -> path.getFileName().toString()))
                    .singleElement().asString().startsWith("day-2024-03-01.json.");
        }
    }

    @Test
    void aCorruptedStatisticsFileIsSetAside() throws IOException {
        FileTlsReportStore store = new FileTlsReportStore(directory);
        Files.writeString(directory.resolve("statistics.json"), "{\"format\":1,\"counters\":[\"enforceSessions\"],"
                + "\"hours\":[{\"domain\":null,\"hour\":1,\"counts\":[1,2]}]}");

        assertThat(store.loadStatistics()).isEmpty();
        assertThat(Files.exists(directory.resolve("statistics.json"))).isFalse();
        assertThat(setAsideCount()).isEqualTo(1);
    }

    @Test
    void anAggregatorStartsCleanFromASetAsideFile() throws IOException {
        Files.writeString(directory.resolve("day-2024-03-01.json"), "garbage");

        TlsReportAggregator aggregator = new TlsReportAggregator(new FileTlsReportStore(directory));

        assertThat(aggregator.openDays()).isEmpty();
        aggregator.record(Outcomes.success("2024-03-01T08:00:00Z"));
        aggregator.flush();
        assertThat(new FileTlsReportStore(directory).load(DAY)).isPresent();
    }

    @Test
    void leftoverTemporaryFilesAndUnrelatedFilesAreHandled() throws IOException {
        Files.writeString(directory.resolve("day-2024-03-01.json.12.tmp"), "half written");
        Files.writeString(directory.resolve("README"), "kept");
        Files.writeString(directory.resolve("day-2024-13-45.json"), "{}");

        FileTlsReportStore store = new FileTlsReportStore(directory);

        assertThat(Files.exists(directory.resolve("day-2024-03-01.json.12.tmp"))).isFalse();
        assertThat(store.days()).isEmpty();
        assertThat(Files.exists(directory.resolve("README"))).isTrue();
        assertThat(Files.exists(directory.resolve("set-aside").resolve("day-2024-13-45.json"))).isFalse();
        assertThat(setAsideCount()).isEqualTo(1);
    }

    private long setAsideCount() throws IOException {
        try (Stream<Path> aside = Files.list(directory.resolve("set-aside"))) {
            return aside.count();
        }
    }
}
