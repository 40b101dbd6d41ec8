package dev.mtasts.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded default store: a directory with one JSON file per UTC day ({@code day-2024-03-01.json}) and one
 * for the statistics ({@code statistics.json}).
 *
 * <p>Writes are atomic (a temporary file moved into place). A file that cannot be read back — corrupted, of an
 * unknown format, or for another day than its name says — is logged, moved into {@code set-aside/} and treated as
 * absent: a bad file never stops mail. Other files in the directory are left alone.
 */
public final class FileTlsReportStore implements TlsReportStore {

    private static final Logger LOGGER = LoggerFactory.getLogger(FileTlsReportStore.class);
    private static final Pattern DAY_FILE = Pattern.compile("day-(\\d{4}-\\d{2}-\\d{2})\\.json");
    private static final String STATISTICS_FILE = "statistics.json";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    private static final String SET_ASIDE_DIRECTORY = "set-aside";
    private static final int FORMAT = 1;
    private static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

    private final Path directory;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** Opens (creating if needed) the store in {@code directory}. */
    public FileTlsReportStore(Path directory) throws IOException {
        this.directory = Objects.requireNonNull(directory, "directory");
        Files.createDirectories(directory);
        deleteLeftoverTemporaryFiles();
    }

    public Path directory() {
        return directory;
    }

    @Override
    public List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "day-*.json")) {
            for (Path file : files) {
                Matcher name = DAY_FILE.matcher(file.getFileName().toString());
                if (!name.matches()) {
                    continue;
                }
                try {
                    days.add(LocalDate.parse(name.group(1)));
                } catch (DateTimeParseException e) {
                    setAside(file, "the file name is not a date");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the TLS report store " + directory, e);
        }
        days.sort(null);
        return days;
    }

    @Override
    public Optional<StoredDay> load(LocalDate day) {
        Path file = fileOf(day);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            DayFile stored = json.readValue(readCapped(file), DayFile.class);
            return Optional.of(stored.toStoredDay(day));
        } catch (InvalidStoreFile | JsonProcessingException e) {
            setAside(file, e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            LOGGER.error("TLS report store: {} could not be read", file, e);
            return Optional.empty();
        }
    }

    @Override
    public void save(StoredDay day) {
        write(fileOf(day.day()), DayFile.of(day));
    }

    @Override
    public void delete(LocalDate day) {
        try {
            Files.deleteIfExists(fileOf(day));
        } catch (IOException e) {
            LOGGER.error("TLS report store: {} could not be deleted", fileOf(day), e);
        }
    }

    @Override
    public Optional<StatisticsSnapshot> loadStatistics() {
        Path file = directory.resolve(STATISTICS_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            StatisticsFile stored = json.readValue(readCapped(file), StatisticsFile.class);
            return Optional.of(stored.toSnapshot());
        } catch (InvalidStoreFile | JsonProcessingException e) {
            setAside(file, e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            LOGGER.error("TLS report store: {} could not be read", file, e);
            return Optional.empty();
        }
    }

    @Override
    public void saveStatistics(StatisticsSnapshot statistics) {
        write(directory.resolve(STATISTICS_FILE), StatisticsFile.of(statistics));
    }

    private byte[] readCapped(Path file) throws IOException, InvalidStoreFile {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new InvalidStoreFile("larger than " + MAX_FILE_BYTES + " bytes");
        }
        return Files.readAllBytes(file);
    }

    private void write(Path target, Object content) {
        Path temporary = target.resolveSibling(target.getFileName() + "." + Thread.currentThread().getId()
                + TEMPORARY_SUFFIX);
        try {
            Files.write(temporary, json.writeValueAsBytes(content));
            moveAtomically(temporary, target);
        } catch (IOException e) {
            LOGGER.error("TLS report store: {} could not be written", target, e);
            deleteQuietly(temporary);
        }
    }

    private void setAside(Path file, String reason) {
        Path setAside = directory.resolve(SET_ASIDE_DIRECTORY);
        Path target = setAside.resolve(file.getFileName() + "." + System.currentTimeMillis());
        LOGGER.warn("TLS report store: {} is unusable ({}); moved to {}", file, reason, target);
        try {
            Files.createDirectories(setAside);
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOGGER.error("TLS report store: could not move {} aside", file, e);
        }
    }

    private void deleteLeftoverTemporaryFiles() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + TEMPORARY_SUFFIX)) {
            for (Path file : files) {
                deleteQuietly(file);
            }
        }
    }

    private Path fileOf(LocalDate day) {
        return directory.resolve("day-" + day + ".json");
    }

    private static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOGGER.debug("could not delete {}", file, e);
        }
    }

    /** A stored file that cannot be trusted; it is set aside. */
    private static final class InvalidStoreFile extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidStoreFile(String message) {
            super(message);
        }
    }

    private static <T> T required(T value, String field) throws InvalidStoreFile {
        if (value == null) {
            throw new InvalidStoreFile("the field " + field + " is missing");
        }
        return value;
    }

    private static String text(Optional<String> value) {
        return value.orElse(null);
    }

    /** A day file, format {@value #FORMAT}. */
    private record DayFile(@JsonProperty("format") int format,
                           @JsonProperty("day") String day,
                           @JsonProperty("closed") boolean closed,
                           @JsonProperty("tallies") List<TallyJson> tallies,
                           @JsonProperty("pending") List<PendingJson> pending) {

        static DayFile of(StoredDay day) {
            return new DayFile(FORMAT, day.day().toString(), day.closed(),
                    day.tallies().stream().map(TallyJson::of).toList(),
                    day.pending().stream().map(PendingJson::of).toList());
        }

        StoredDay toStoredDay(LocalDate fileDay) throws InvalidStoreFile {
            if (format != FORMAT) {
                throw new InvalidStoreFile("unknown format " + format);
            }
            if (!fileDay.toString().equals(day)) {
                throw new InvalidStoreFile("holds day '" + day + "', not '" + fileDay + "'");
            }
            List<DomainDayTally> dayTallies = new ArrayList<>();
            for (TallyJson tally : required(tallies, "tallies")) {
                dayTallies.add(required(tally, "tallies[]").toTally(fileDay));
            }
            List<PendingReport> dayPending = new ArrayList<>();
            for (PendingJson report : required(pending, "pending")) {
                dayPending.add(required(report, "pending[]").toPending(fileDay));
            }
            return new StoredDay(fileDay, closed, dayTallies, dayPending);
        }
    }

    private record TallyJson(@JsonProperty("domain") String domain,
                             @JsonProperty("policies") List<PolicyJson> policies) {

        static TallyJson of(DomainDayTally tally) {
            return new TallyJson(tally.domain(), tally.policies().stream().map(PolicyJson::of).toList());
        }

        DomainDayTally toTally(LocalDate day) throws InvalidStoreFile {
            return new DomainDayTally(day, domainName(domain), PolicyJson.toTallies(policies));
        }
    }

    private static String domainName(String domain) throws InvalidStoreFile {
        if (required(domain, "domain").isEmpty()) {
            throw new InvalidStoreFile("an empty domain name");
        }
        return domain;
    }

    private record PendingJson(@JsonProperty("reportId") String reportId,
                               @JsonProperty("domain") String domain,
                               @JsonProperty("madeAt") String madeAt,
                               @JsonProperty("attempts") int attempts,
                               @JsonProperty("nextAttemptAt") String nextAttemptAt,
                               @JsonProperty("lastError") String lastError,
                               @JsonProperty("deliveredTo") List<String> deliveredTo,
                               @JsonProperty("policies") List<PolicyJson> policies) {

        static PendingJson of(PendingReport report) {
            return new PendingJson(report.reportId(), report.domain(), report.madeAt().toString(),
                    report.attempts(), report.nextAttemptAt().map(Instant::toString).orElse(null),
                    text(report.lastError()), report.deliveredTo(),
                    report.tally().policies().stream().map(PolicyJson::of).toList());
        }

        PendingReport toPending(LocalDate day) throws InvalidStoreFile {
            if (required(reportId, "reportId").isEmpty()) {
                throw new InvalidStoreFile("an empty report id");
            }
            if (attempts < 0) {
                throw new InvalidStoreFile("negative attempts");
            }
            Instant made;
            Optional<Instant> next;
            try {
                made = Instant.parse(required(madeAt, "madeAt"));
                next = Optional.ofNullable(nextAttemptAt).map(Instant::parse);
            } catch (DateTimeParseException e) {
                throw new InvalidStoreFile("bad timestamp: " + e.getMessage());
            }
            DomainDayTally tally = new DomainDayTally(day, domainName(domain), PolicyJson.toTallies(policies));
            List<String> delivered = required(deliveredTo, "deliveredTo");
            if (delivered.contains(null)) {
                throw new InvalidStoreFile("a null destination");
            }
            return new PendingReport(reportId, tally, made, attempts, next, Optional.ofNullable(lastError), delivered);
        }
    }

    private record PolicyJson(@JsonProperty("policyId") String policyId,
                              @JsonProperty("text") String text,
                              @JsonProperty("mxHost") List<String> mxHost,
                              @JsonProperty("successfulSessions") long successfulSessions,
                              @JsonProperty("failedSessions") long failedSessions,
                              @JsonProperty("failures") List<FailureJson> failures) {

        static PolicyJson of(PolicyTally tally) {
            ReportedPolicy policy = tally.policy();
            return new PolicyJson(policy.policyId(), policy.text(), policy.mxHost(), tally.successfulSessions(),
                    tally.failedSessions(), tally.failures().stream().map(FailureJson::of).toList());
        }

        static List<PolicyTally> toTallies(List<PolicyJson> policies) throws InvalidStoreFile {
            List<PolicyTally> tallies = new ArrayList<>();
            for (PolicyJson policy : required(policies, "policies")) {
                tallies.add(required(policy, "policies[]").toTally());
            }
            return tallies;
        }

        PolicyTally toTally() throws InvalidStoreFile {
            List<String> patterns = required(mxHost, "mxHost");
            if (patterns.contains(null)) {
                throw new InvalidStoreFile("a null mx pattern");
            }
            List<FailureCount> counts = new ArrayList<>();
            for (FailureJson failure : required(failures, "failures")) {
                counts.add(required(failure, "failures[]").toCount());
            }
            if (successfulSessions < 0 || failedSessions < 0) {
                throw new InvalidStoreFile("a negative session count");
            }
            return new PolicyTally(new ReportedPolicy(required(policyId, "policyId"), required(text, "text"),
                    patterns), successfulSessions, failedSessions, counts);
        }
    }

    private record FailureJson(@JsonProperty("resultType") String resultType,
                               @JsonProperty("sendingMtaIp") String sendingMtaIp,
                               @JsonProperty("receivingMxHostname") String receivingMxHostname,
                               @JsonProperty("receivingMxHelo") String receivingMxHelo,
                               @JsonProperty("receivingIp") String receivingIp,
                               @JsonProperty("failureReasonCode") String failureReasonCode,
                               @JsonProperty("sessions") long sessions) {

        static FailureJson of(FailureCount count) {
            SessionFailure failure = count.failure();
            return new FailureJson(failure.resultType().wireName(), text(failure.sendingMtaIp()),
                    failure.receivingMxHostname(), text(failure.receivingMxHelo()), text(failure.receivingIp()),
                    text(failure.failureReasonCode()), count.sessions());
        }

        FailureCount toCount() throws InvalidStoreFile {
            ResultType type = ResultType.fromWireName(required(resultType, "resultType"))
                    .orElseThrow(() -> new InvalidStoreFile("unknown result type '" + resultType + "'"));
            if (sessions < 0) {
                throw new InvalidStoreFile("a negative session count");
            }
            return new FailureCount(new SessionFailure(type, Optional.ofNullable(sendingMtaIp),
                    required(receivingMxHostname, "receivingMxHostname"), Optional.ofNullable(receivingMxHelo),
                    Optional.ofNullable(receivingIp), Optional.ofNullable(failureReasonCode)), sessions);
        }
    }

    /** The statistics file, format {@value #FORMAT}: per hour, the counts in the order {@code counters} names. */
    private record StatisticsFile(@JsonProperty("format") int format,
                                  @JsonProperty("counters") List<String> counters,
                                  @JsonProperty("hours") List<HourJson> hours) {

        static StatisticsFile of(StatisticsSnapshot snapshot) {
            return new StatisticsFile(FORMAT, DeliveryCounts.NAMES,
                    snapshot.hours().stream().map(HourJson::of).toList());
        }

        StatisticsSnapshot toSnapshot() throws InvalidStoreFile {
            if (format != FORMAT) {
                throw new InvalidStoreFile("unknown format " + format);
            }
            if (!DeliveryCounts.NAMES.equals(counters)) {
                throw new InvalidStoreFile("unknown counters " + counters);
            }
            List<HourlyCounts> buckets = new ArrayList<>();
            for (HourJson hour : required(hours, "hours")) {
                buckets.add(required(hour, "hours[]").toCounts());
            }
            return new StatisticsSnapshot(buckets);
        }
    }

    private record HourJson(@JsonProperty("domain") String domain,
                            @JsonProperty("hour") long hour,
                            @JsonProperty("counts") long[] counts) {

        static HourJson of(HourlyCounts counts) {
            return new HourJson(text(counts.domain()), counts.epochHour(), counts.counts().toArray());
        }

        HourlyCounts toCounts() throws InvalidStoreFile {
            try {
                return new HourlyCounts(Optional.ofNullable(domain), hour,
                        DeliveryCounts.fromArray(required(counts, "counts")));
            } catch (IllegalArgumentException e) {
                throw new InvalidStoreFile(e.getMessage());
            }
        }
    }
}
