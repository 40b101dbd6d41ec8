package dev.mtasts.inbound;

import static dev.mtasts.inbound.StoredReports.daily;
import static dev.mtasts.inbound.StoredReports.failure;
import static dev.mtasts.inbound.StoredReports.noPolicyFound;
import static dev.mtasts.inbound.StoredReports.sts;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both stores keep the same contract; the file store also survives a restart and sets bad files aside. */
class ReceivedReportStoreTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-16");
    private static final Instant EPOCH = Instant.EPOCH;

    @TempDir
    Path directory;

    record Kind(String name, Function<Path, ReceivedReportStore> open) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Kind> kinds() {
        return Stream.of(new Kind("in memory", directory -> new InMemoryReceivedReportStore()),
                new Kind("files", ReceivedReportStoreTest::openFiles));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void addsAReportOnceByOrganizationAndReportId(Kind kind) {
        ReceivedReportStore store = kind.open().apply(directory);
        StoredReport report = daily("Google Inc.", DAY, sts("example.com", 10, 0));
        StoredReport sameKey = new StoredReport(report.report(), Instant.parse("2026-11-20T00:00:00Z"), "fail",
                Optional.empty());

        assertThat(store.add(report)).isTrue();
        assertThat(store.add(sameKey)).isFalse();
        assertThat(store.add(daily("Microsoft", DAY, sts("example.com", 1, 0)))).isTrue();
        assertThat(store.reports(EPOCH)).hasSize(2).contains(report);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aSlashInTheOrganizationDoesNotMakeTwoReportsOne(Kind kind) {
        ReceivedReportStore store = kind.open().apply(directory);
        Instant start = DAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();

        assertThat(store.add(StoredReports.stored("a/b", "c", start, start))).isTrue();
        assertThat(store.add(StoredReports.stored("a", "b/c", start, start))).isTrue();
        assertThat(store.add(StoredReports.stored("a\\", "/c", start, start))).isTrue();
        assertThat(store.reports(EPOCH)).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void selectsReportsByPeriodStartOldestFirst(Kind kind) {
        ReceivedReportStore store = kind.open().apply(directory);
        StoredReport day3 = daily("A", DAY.plusDays(2));
        StoredReport day1 = daily("A", DAY);
        StoredReport day2 = daily("A", DAY.plusDays(1));
        List.of(day3, day1, day2).forEach(store::add);

        assertThat(store.reports(EPOCH)).containsExactly(day1, day2, day3);
        assertThat(store.reports(Instant.parse("2026-11-17T00:00:00Z"))).containsExactly(day2, day3);
        assertThat(store.reports(Instant.parse("2026-11-17T00:00:01Z"))).containsExactly(day3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void keepsRejectionsByArrival(Kind kind) {
        ReceivedReportStore store = kind.open().apply(directory);
        RejectedReport later = rejected("2026-11-17T10:00:00Z", RejectionReason.DUPLICATE);
        RejectedReport earlier = rejected("2026-11-16T10:00:00Z", RejectionReason.INVALID_JSON);
        store.reject(later);
        store.reject(earlier);

        assertThat(store.rejected(EPOCH)).containsExactly(earlier, later);
        assertThat(store.rejected(Instant.parse("2026-11-17T00:00:00Z"))).containsExactly(later);
    }

    @Test
    void aRestartKeepsReportsAndRejections() {
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
        before.add(withEverything);
        before.add(withoutRecipient);
        before.reject(rejected("2026-11-16T10:00:00Z", RejectionReason.DECOMPRESSION_BOMB));

        ReceivedReportStore after = openFiles(directory);

        assertThat(after.reports(EPOCH)).containsExactlyInAnyOrder(withEverything, withoutRecipient);
        assertThat(after.add(withEverything)).isFalse();
        assertThat(after.rejected(EPOCH)).containsExactly(rejected("2026-11-16T10:00:00Z",
                RejectionReason.DECOMPRESSION_BOMB));
    }

    @Test
    void setsAsideFilesThatCannotBeReadBack() throws IOException {
        ReceivedReportStore before = openFiles(directory);
        StoredReport kept = daily("Kept", DAY);
        StoredReport corrupted = daily("Corrupted", DAY);
        StoredReport moved = daily("Moved", DAY);
        List.of(kept, corrupted, moved).forEach(before::add);
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

    private static RejectedReport rejected(String at, RejectionReason reason) {
        return new RejectedReport(Instant.parse(at), "tlsrpt@sender.example", reason, "detail of " + reason);
    }

    private static ReceivedReportStore openFiles(Path directory) {
        try {
            return new FileReceivedReportStore(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
