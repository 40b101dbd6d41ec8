package dev.mtasts.inbound;

import static dev.mtasts.inbound.StoredReports.daily;
import static dev.mtasts.inbound.StoredReports.failure;
import static dev.mtasts.inbound.StoredReports.noPolicyFound;
import static dev.mtasts.inbound.StoredReports.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Both stores keep the same contract; the file store also survives a restart and sets bad files aside. */
class ReceivedReportStoreTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-16");
    private static final Instant EPOCH = Instant.EPOCH;
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    @TempDir
    Path directory;

    interface Opener {
        ReceivedReportStore open(Path directory, StoreLimits limits);
    }

    record Kind(String name, Opener opener) {
        ReceivedReportStore open(Path directory) {
            return opener.open(directory, StoreLimits.unlimited());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Kind> kinds() {
        return Stream.of(new Kind("in memory", (directory, limits) -> new InMemoryReceivedReportStore(limits)),
                new Kind("files", (directory, limits) -> openFiles(directory, limits, NOW)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void addsAReportOnceByOrganizationAndReportId(Kind kind) throws IOException {
        ReceivedReportStore store = kind.open(directory);
        StoredReport report = daily("Google Inc.", DAY, sts("example.com", 10, 0));
        StoredReport sameKey = new StoredReport(report.report(), Instant.parse("2026-11-20T00:00:00Z"), "fail",
                Optional.empty());

        assertThat(store.keep(report)).isEqualTo(Admission.STORED);
        assertThat(store.keep(sameKey)).isEqualTo(Admission.DUPLICATE);
        assertThat(store.keep(daily("Microsoft", DAY, sts("example.com", 1, 0)))).isEqualTo(Admission.STORED);
        assertThat(store.reports(EPOCH)).hasSize(2).contains(report);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aSlashInTheOrganizationDoesNotMakeTwoReportsOne(Kind kind) throws IOException {
        ReceivedReportStore store = kind.open(directory);
        Instant start = DAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();

        assertThat(store.keep(StoredReports.stored("a/b", "c", start, start))).isEqualTo(Admission.STORED);
        assertThat(store.keep(StoredReports.stored("a", "b/c", start, start))).isEqualTo(Admission.STORED);
        assertThat(store.keep(StoredReports.stored("a\\", "/c", start, start))).isEqualTo(Admission.STORED);
        assertThat(store.reports(EPOCH)).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void selectsReportsByPeriodStartOldestFirst(Kind kind) throws IOException {
        ReceivedReportStore store = kind.open(directory);
        StoredReport day3 = daily("A", DAY.plusDays(2));
        StoredReport day1 = daily("A", DAY);
        StoredReport day2 = daily("A", DAY.plusDays(1));
        keepAll(store, day3, day1, day2);

        assertThat(store.reports(EPOCH)).containsExactly(day1, day2, day3);
        assertThat(store.reports(Instant.parse("2026-11-17T00:00:00Z"))).containsExactly(day2, day3);
        assertThat(store.reports(Instant.parse("2026-11-17T00:00:01Z"))).containsExactly(day3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void keepsRejectionsByArrival(Kind kind) {
        ReceivedReportStore store = kind.open(directory);
        RejectedReport later = rejected("2026-11-17T10:00:00Z", RejectionReason.DUPLICATE);
        RejectedReport earlier = rejected("2026-11-16T10:00:00Z", RejectionReason.INVALID_JSON);
        store.reject(later);
        store.reject(earlier);

        assertThat(store.rejected(EPOCH)).containsExactly(earlier, later);
        assertThat(store.rejected(Instant.parse("2026-11-17T00:00:00Z"))).containsExactly(later);
    }

    @Test
    void aRestartKeepsReportsAndRejections() throws IOException {
        ReceivedReportStore before = openFiles(directory);
        StoredReport withEverything = new StoredReport(new ReceivedReport("Org/with\\slashes",
                Optional.of("mailto:tlsrpt@org.example"), "id-1", Instant.parse("2026-11-16T00:00:00Z"),
                Instant.parse("2026-11-17T00:00:00Z"), List.of(sts("example.com", 5, 3,
                failure("certificate-expired", "mx.example.com", 2), new FailureDetail("sts-policy-fetch-error",
                        Optional.empty(), Optional.empty(), Optional.of("192.0.2.9"), 1,
                        Optional.of("free text: 404"))), noPolicyFound(7))),
                Instant.parse("2026-11-17T01:00:00Z"), "none", Optional.of("example.com"));
        StoredReport withoutRecipient = new StoredReport(daily("B", DAY).report(), Instant.parse(
                "2026-11-17T02:00:00Z"), "pass", Optional.empty());
        keepAll(before, withEverything, withoutRecipient);
        before.reject(rejected("2026-11-16T10:00:00Z", RejectionReason.DECOMPRESSION_BOMB));

        ReceivedReportStore after = openFiles(directory);

        assertThat(after.reports(EPOCH)).containsExactlyInAnyOrder(withEverything, withoutRecipient);
        assertThat(after.keep(withEverything)).isEqualTo(Admission.DUPLICATE);
        assertThat(after.rejected(EPOCH)).containsExactly(rejected("2026-11-16T10:00:00Z",
                RejectionReason.DECOMPRESSION_BOMB));
    }

    @Test
    void setsAsideFilesThatCannotBeReadBack() throws IOException {
        ReceivedReportStore before = openFiles(directory);
        StoredReport kept = daily("Kept", DAY);
        StoredReport corrupted = daily("Corrupted", DAY);
        StoredReport moved = daily("Moved", DAY);
        keepAll(before, kept, corrupted, moved);
        before.reject(rejected("2026-11-16T10:00:00Z", RejectionReason.DUPLICATE));
        Files.writeString(directory.resolve(FileReceivedReportStore.fileNameOf(corrupted.key())), "{\"format\": 1,");
        Files.move(directory.resolve(FileReceivedReportStore.fileNameOf(moved.key())),
                directory.resolve(FileReceivedReportStore.fileNameOf("another key")));
        Files.writeString(directory.resolve("rejected-2026-11-16.json"), "[]");
        Files.writeString(directory.resolve("notes.txt"), "left alone", StandardCharsets.UTF_8);

        ReceivedReportStore after = openFiles(directory);

        assertThat(after.reports(EPOCH)).containsExactly(kept);
        assertThat(after.rejected(EPOCH)).isEmpty();
        try (Stream<Path> setAside = Files.list(directory.resolve("set-aside"))) {
            assertThat(setAside).hasSize(3);
        }
        assertThat(directory.resolve("notes.txt")).exists();
    }

    @Test
    void keepsAtMostAThousandRejectionsADay() {
        ReceivedReportStore store = openFiles(directory);
        for (int i = 0; i < FileReceivedReportStore.MAX_REJECTED_PER_DAY + 5; i++) {
            store.reject(rejected("2026-11-16T10:00:00Z", RejectionReason.INVALID_JSON));
        }
        store.reject(rejected("2026-11-17T10:00:00Z", RejectionReason.INVALID_JSON));

        assertThat(store.rejected(EPOCH)).hasSize(FileReceivedReportStore.MAX_REJECTED_PER_DAY + 1);
        assertThat(openFiles(directory).rejected(EPOCH)).hasSize(FileReceivedReportStore.MAX_REJECTED_PER_DAY + 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void keepsAtMostMaxReportsPerDayOfArrivalThenTakesReportsAgainTheNextDay(Kind kind) throws IOException {
        ReceivedReportStore store = kind.opener().open(directory, StoreLimits.of(Duration.ofDays(400), 2));
        Instant morning = Instant.parse("2026-11-20T00:00:00Z");
        Instant evening = Instant.parse("2026-11-20T23:59:59Z");

        assertThat(store.keep(arrived("A", morning))).isEqualTo(Admission.STORED);
        assertThat(store.keep(arrived("B", evening))).as("at the limit").isEqualTo(Admission.STORED);
        assertThat(store.keep(arrived("C", evening))).as("over it").isEqualTo(Admission.DAILY_LIMIT);
        assertThat(store.keep(arrived("A", evening))).as("a duplicate stays one").isEqualTo(Admission.DUPLICATE);
        assertThat(store.keep(arrived("C", Instant.parse("2026-11-21T00:00:00Z")))).as("the next UTC day")
                .isEqualTo(Admission.STORED);
        assertThat(store.reports(EPOCH)).extracting(stored -> stored.report().organization())
                .containsExactlyInAnyOrder("A", "B", "C");
    }

    @Test
    void theDailyCountSurvivesARestart() throws IOException {
        StoreLimits limits = StoreLimits.of(Duration.ofDays(400), 2);
        ReceivedReportStore before = openFiles(directory, limits, NOW);
        keepAll(before, arrived("A", NOW), arrived("B", NOW));

        ReceivedReportStore after = openFiles(directory, limits, NOW);

        assertThat(after.keep(arrived("C", NOW))).isEqualTo(Admission.DAILY_LIMIT);
        assertThat(after.reports(EPOCH)).hasSize(2);
    }

    @ParameterizedTest(name = "period started {0} days before the restart: kept {1}")
    @CsvSource({"0, true", "399, true", "400, true", "401, false", "4000, false"})
    void aReportPastTheRetentionIsNotLoadedAndIsDeleted(int daysAgo, boolean kept) throws IOException {
        Instant start = NOW.minus(Duration.ofDays(daysAgo));
        StoredReport report = StoredReports.stored("Org", "r", start, start.plusSeconds(86_399));
        keepAll(openFiles(directory), report);

        ReceivedReportStore after = openFiles(directory, StoreLimits.of(Duration.ofDays(400), 1000), NOW);

        assertThat(after.reports(Instant.MIN)).hasSize(kept ? 1 : 0);
        assertThat(directory.resolve(FileReceivedReportStore.fileNameOf(report.key())).toFile().exists())
                .isEqualTo(kept);
    }

    @Test
    void rejectionsPastTheRetentionAreNotLoadedAndAreDeleted() throws IOException {
        ReceivedReportStore before = openFiles(directory);
        before.reject(rejected("2026-10-20T23:59:59Z", RejectionReason.INVALID_JSON));
        before.reject(rejected("2026-10-21T00:00:00Z", RejectionReason.INVALID_JSON));

        ReceivedReportStore after = openFiles(directory, StoreLimits.of(Duration.ofDays(30), 1000), NOW);

        assertThat(after.rejected(Instant.MIN)).containsExactly(rejected("2026-10-21T00:00:00Z",
                RejectionReason.INVALID_JSON));
        assertThat(directory.resolve("rejected-2026-10-20.json")).doesNotExist();
        assertThat(directory.resolve("rejected-2026-10-21.json")).exists();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aNewerReportForgetsThosePastTheRetention(Kind kind) throws IOException {
        ReceivedReportStore store = kind.opener().open(directory, StoreLimits.of(Duration.ofDays(30), 1000));
        StoredReport old = arrived("Old", Instant.parse("2026-10-01T00:00:00Z"));
        StoredReport recent = arrived("Recent", Instant.parse("2026-10-25T00:00:00Z"));
        keepAll(store, old, recent);
        assertThat(store.reports(Instant.MIN)).hasSize(2);

        keepAll(store, arrived("New", NOW));

        assertThat(store.reports(Instant.MIN)).extracting(stored -> stored.report().organization())
                .containsExactly("Recent", "New");
        if (kind.name().equals("files")) {
            assertThat(directory.resolve(FileReceivedReportStore.fileNameOf(old.key()))).doesNotExist();
            assertThat(openFiles(directory).reports(Instant.MIN)).hasSize(2);
        }
    }

    @Test
    void aFailedWriteKeepsNothingSoThatAResendIsNoDuplicate() throws IOException {
        Path storeDirectory = directory.resolve("store");
        ReceivedReportStore store = openFiles(storeDirectory);
        StoredReport report = arrived("Org", NOW);
        Files.delete(storeDirectory);
        Files.writeString(storeDirectory, "a file where the directory was");

        assertThatThrownBy(() -> store.keep(report)).isInstanceOf(IOException.class);
        assertThat(store.reports(Instant.MIN)).isEmpty();

        Files.delete(storeDirectory);
        Files.createDirectory(storeDirectory);
        assertThat(store.keep(report)).isEqualTo(Admission.STORED);
        assertThat(openFiles(storeDirectory).reports(Instant.MIN)).containsExactly(report);
    }

    /** A day's report of {@code organization} that arrived at {@code receivedAt}, its period the day before. */
    private static StoredReport arrived(String organization, Instant receivedAt) {
        Instant start = receivedAt.minus(Duration.ofDays(1));
        return new StoredReport(new ReceivedReport(organization, Optional.empty(), organization + "-r", start,
                start.plusSeconds(86_399), List.of(sts("example.com", 1, 0))), receivedAt, "pass",
                Optional.of("example.com"));
    }

    private static RejectedReport rejected(String at, RejectionReason reason) {
        return new RejectedReport(Instant.parse(at), "tlsrpt@sender.example", reason, "detail of " + reason);
    }

    private static void keepAll(ReceivedReportStore store, StoredReport... reports) throws IOException {
        for (StoredReport report : reports) {
            assertThat(store.keep(report)).isEqualTo(Admission.STORED);
        }
    }

    private static ReceivedReportStore openFiles(Path directory) {
        return openFiles(directory, StoreLimits.unlimited(), NOW);
    }

    private static ReceivedReportStore openFiles(Path directory, StoreLimits limits, Instant now) {
        try {
            return new FileReceivedReportStore(directory, limits, Clock.fixed(now, ZoneOffset.UTC));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
