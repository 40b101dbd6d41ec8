package dev.mtasts.report;

import dev.mtasts.outcome.ResultType;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mtasts.storage.JsonFileDirectory;
import dev.mtasts.storage.JsonFileDirectory.UnusableFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The embedded default store: a directory with one JSON file per UTC day ({@code day-2024-03-01.json}) and one
 * for the statistics ({@code statistics.json}).
 *
 * <p>Writes are atomic (a temporary file moved into place). A file that cannot be read back — corrupted, of an
 * unknown format, or for another day than its name says — is logged, moved into {@code set-aside/} and treated as
 * absent: a bad file never stops mail. Other files in the directory are left alone.
 */
public final class FileTlsReportStore implements TlsReportStore {

    private static final Pattern DAY_FILE = Pattern.compile("day-(\\d{4}-\\d{2}-\\d{2})\\.json");
    private static final String STATISTICS_FILE = "statistics.json";
    private static final int FORMAT = 1;
    private static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

    private final JsonFileDirectory files;

    /** Opens (creating if needed) the store in {@code directory}. */
    public FileTlsReportStore(Path directory) throws IOException {
        this.files = new JsonFileDirectory(directory, "TLS report store", MAX_FILE_BYTES);
    }

    public Path directory() {
        return files.directory();
    }

    @Override
    public List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(files.directory(), "day-*.json")) {
            for (Path file : entries) {
                Matcher name = DAY_FILE.matcher(file.getFileName().toString());
                if (!name.matches()) {
                    continue;
                }
                try {
                    days.add(LocalDate.parse(name.group(1)));
                } catch (DateTimeParseException e) {
                    files.setAside(file, "the file name is not a date");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the TLS report store " + files.directory(), e);
        }
        days.sort(null);
        return days;
    }

    @Override
    public Optional<StoredDay> load(LocalDate day) {
        return files.read(fileOf(day), DayFile.class, stored -> stored.toStoredDay(day));
    }

    @Override
    public void save(StoredDay day) {
        files.write(fileOf(day.day()), DayFile.of(day));
    }

    @Override
    public void delete(LocalDate day) {
        files.delete(fileOf(day));
    }

    @Override
    public Optional<StatisticsSnapshot> loadStatistics() {
        return files.read(files.resolve(STATISTICS_FILE), StatisticsFile.class, StatisticsFile::toSnapshot);
    }

    @Override
    public void saveStatistics(StatisticsSnapshot statistics) {
        files.write(files.resolve(STATISTICS_FILE), StatisticsFile.of(statistics));
    }

    private Path fileOf(LocalDate day) {
        return files.resolve("day-" + day + ".json");
    }

    private static <T> T required(T value, String field) throws UnusableFile {
        if (value == null) {
            throw new UnusableFile("the field " + field + " is missing");
        }
        return value;
    }

    private static String text(Optional<String> value) {
        return value.orElse(null);
    }

    // The file shapes below: Jackson reads them through their @JsonCreator constructors and writes their
    // @JsonProperty fields, in the order declared.

    /** A day file, format {@value #FORMAT}. */
    private static final class DayFile {
        @JsonProperty("format") private final int format;
        @JsonProperty("day") private final String day;
        @JsonProperty("closed") private final boolean closed;
        @JsonProperty("tallies") private final List<TallyJson> tallies;
        @JsonProperty("pending") private final List<PendingJson> pending;

        @JsonCreator
        DayFile(@JsonProperty("format") int format,
                @JsonProperty("day") String day,
                @JsonProperty("closed") boolean closed,
                @JsonProperty("tallies") List<TallyJson> tallies,
                @JsonProperty("pending") List<PendingJson> pending) {
            this.format = format;
            this.day = day;
            this.closed = closed;
            this.tallies = tallies;
            this.pending = pending;
        }

        static DayFile of(StoredDay day) {
            return new DayFile(FORMAT, day.day().toString(), day.closed(),
                    day.tallies().stream().map(TallyJson::of).collect(Collectors.toUnmodifiableList()),
                    day.pending().stream().map(PendingJson::of).collect(Collectors.toUnmodifiableList()));
        }

        StoredDay toStoredDay(LocalDate fileDay) throws UnusableFile {
            if (format != FORMAT) {
                throw new UnusableFile("unknown format " + format);
            }
            if (!fileDay.toString().equals(day)) {
                throw new UnusableFile("holds day '" + day + "', not '" + fileDay + "'");
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

    private static final class TallyJson {
        @JsonProperty("domain") private final String domain;
        @JsonProperty("policies") private final List<PolicyJson> policies;

        @JsonCreator
        TallyJson(@JsonProperty("domain") String domain,
                  @JsonProperty("policies") List<PolicyJson> policies) {
            this.domain = domain;
            this.policies = policies;
        }

        static TallyJson of(DomainDayTally tally) {
            return new TallyJson(tally.domain(),
                    tally.policies().stream().map(PolicyJson::of).collect(Collectors.toUnmodifiableList()));
        }

        DomainDayTally toTally(LocalDate day) throws UnusableFile {
            return new DomainDayTally(day, domainName(domain), PolicyJson.toTallies(policies));
        }
    }

    private static String domainName(String domain) throws UnusableFile {
        if (required(domain, "domain").isEmpty()) {
            throw new UnusableFile("an empty domain name");
        }
        return domain;
    }

    private static final class PendingJson {
        @JsonProperty("reportId") private final String reportId;
        @JsonProperty("domain") private final String domain;
        @JsonProperty("madeAt") private final String madeAt;
        @JsonProperty("attempts") private final int attempts;
        @JsonProperty("nextAttemptAt") private final String nextAttemptAt;
        @JsonProperty("lastError") private final String lastError;
        @JsonProperty("deliveredTo") private final List<String> deliveredTo;
        @JsonProperty("policies") private final List<PolicyJson> policies;

        @JsonCreator
        PendingJson(@JsonProperty("reportId") String reportId,
                    @JsonProperty("domain") String domain,
                    @JsonProperty("madeAt") String madeAt,
                    @JsonProperty("attempts") int attempts,
                    @JsonProperty("nextAttemptAt") String nextAttemptAt,
                    @JsonProperty("lastError") String lastError,
                    @JsonProperty("deliveredTo") List<String> deliveredTo,
                    @JsonProperty("policies") List<PolicyJson> policies) {
            this.reportId = reportId;
            this.domain = domain;
            this.madeAt = madeAt;
            this.attempts = attempts;
            this.nextAttemptAt = nextAttemptAt;
            this.lastError = lastError;
            this.deliveredTo = deliveredTo;
            this.policies = policies;
        }

        static PendingJson of(PendingReport report) {
            return new PendingJson(report.reportId(), report.domain(), report.madeAt().toString(),
                    report.attempts(), report.nextAttemptAt().map(Instant::toString).orElse(null),
                    text(report.lastError()), report.deliveredTo(),
                    report.tally().policies().stream().map(PolicyJson::of)
                            .collect(Collectors.toUnmodifiableList()));
        }

        PendingReport toPending(LocalDate day) throws UnusableFile {
            if (required(reportId, "reportId").isEmpty()) {
                throw new UnusableFile("an empty report id");
            }
            if (attempts < 0) {
                throw new UnusableFile("negative attempts");
            }
            Instant made;
            Optional<Instant> next;
            try {
                made = Instant.parse(required(madeAt, "madeAt"));
                next = Optional.ofNullable(nextAttemptAt).map(Instant::parse);
            } catch (DateTimeParseException e) {
                throw new UnusableFile("bad timestamp: " + e.getMessage());
            }
            DomainDayTally tally = new DomainDayTally(day, domainName(domain), PolicyJson.toTallies(policies));
            List<String> delivered = required(deliveredTo, "deliveredTo");
            if (delivered.contains(null)) {
                throw new UnusableFile("a null destination");
            }
            return new PendingReport(reportId, tally, made, attempts, next, Optional.ofNullable(lastError), delivered);
        }
    }

    private static final class PolicyJson {
        @JsonProperty("policyId") private final String policyId;
        @JsonProperty("text") private final String text;
        @JsonProperty("mxHost") private final List<String> mxHost;
        @JsonProperty("successfulSessions") private final long successfulSessions;
        @JsonProperty("failedSessions") private final long failedSessions;
        @JsonProperty("failures") private final List<FailureJson> failures;

        @JsonCreator
        PolicyJson(@JsonProperty("policyId") String policyId,
                   @JsonProperty("text") String text,
                   @JsonProperty("mxHost") List<String> mxHost,
                   @JsonProperty("successfulSessions") long successfulSessions,
                   @JsonProperty("failedSessions") long failedSessions,
                   @JsonProperty("failures") List<FailureJson> failures) {
            this.policyId = policyId;
            this.text = text;
            this.mxHost = mxHost;
            this.successfulSessions = successfulSessions;
            this.failedSessions = failedSessions;
            this.failures = failures;
        }

        static PolicyJson of(PolicyTally tally) {
            ReportedPolicy policy = tally.policy();
            return new PolicyJson(policy.policyId(), policy.text(), policy.mxHost(), tally.successfulSessions(),
                    tally.failedSessions(),
                    tally.failures().stream().map(FailureJson::of).collect(Collectors.toUnmodifiableList()));
        }

        static List<PolicyTally> toTallies(List<PolicyJson> policies) throws UnusableFile {
            List<PolicyTally> tallies = new ArrayList<>();
            for (PolicyJson policy : required(policies, "policies")) {
                tallies.add(required(policy, "policies[]").toTally());
            }
            return tallies;
        }

        PolicyTally toTally() throws UnusableFile {
            List<String> patterns = required(mxHost, "mxHost");
            if (patterns.contains(null)) {
                throw new UnusableFile("a null mx pattern");
            }
            List<FailureCount> counts = new ArrayList<>();
            for (FailureJson failure : required(failures, "failures")) {
                counts.add(required(failure, "failures[]").toCount());
            }
            if (successfulSessions < 0 || failedSessions < 0) {
                throw new UnusableFile("a negative session count");
            }
            return new PolicyTally(new ReportedPolicy(required(policyId, "policyId"), required(text, "text"),
                    patterns), successfulSessions, failedSessions, counts);
        }
    }

    private static final class FailureJson {
        @JsonProperty("resultType") private final String resultType;
        @JsonProperty("sendingMtaIp") private final String sendingMtaIp;
        @JsonProperty("receivingMxHostname") private final String receivingMxHostname;
        @JsonProperty("receivingMxHelo") private final String receivingMxHelo;
        @JsonProperty("receivingIp") private final String receivingIp;
        @JsonProperty("failureReasonCode") private final String failureReasonCode;
        @JsonProperty("sessions") private final long sessions;

        @JsonCreator
        FailureJson(@JsonProperty("resultType") String resultType,
                    @JsonProperty("sendingMtaIp") String sendingMtaIp,
                    @JsonProperty("receivingMxHostname") String receivingMxHostname,
                    @JsonProperty("receivingMxHelo") String receivingMxHelo,
                    @JsonProperty("receivingIp") String receivingIp,
                    @JsonProperty("failureReasonCode") String failureReasonCode,
                    @JsonProperty("sessions") long sessions) {
            this.resultType = resultType;
            this.sendingMtaIp = sendingMtaIp;
            this.receivingMxHostname = receivingMxHostname;
            this.receivingMxHelo = receivingMxHelo;
            this.receivingIp = receivingIp;
            this.failureReasonCode = failureReasonCode;
            this.sessions = sessions;
        }

        static FailureJson of(FailureCount count) {
            SessionFailure failure = count.failure();
            return new FailureJson(failure.resultType().wireName(), text(failure.sendingMtaIp()),
                    failure.receivingMxHostname(), text(failure.receivingMxHelo()), text(failure.receivingIp()),
                    text(failure.failureReasonCode()), count.sessions());
        }

        FailureCount toCount() throws UnusableFile {
            ResultType type = ResultType.fromWireName(required(resultType, "resultType"))
                    .orElseThrow(() -> new UnusableFile("unknown result type '" + resultType + "'"));
            if (sessions < 0) {
                throw new UnusableFile("a negative session count");
            }
            return new FailureCount(new SessionFailure(type, Optional.ofNullable(sendingMtaIp),
                    required(receivingMxHostname, "receivingMxHostname"), Optional.ofNullable(receivingMxHelo),
                    Optional.ofNullable(receivingIp), Optional.ofNullable(failureReasonCode)), sessions);
        }
    }

    /** The statistics file, format {@value #FORMAT}: per hour, the counts in the order {@code counters} names. */
    private static final class StatisticsFile {
        @JsonProperty("format") private final int format;
        @JsonProperty("counters") private final List<String> counters;
        @JsonProperty("hours") private final List<HourJson> hours;
        @JsonProperty("domainSessions") private final List<DomainDayJson> domainSessions;

        @JsonCreator
        StatisticsFile(@JsonProperty("format") int format,
                       @JsonProperty("counters") List<String> counters,
                       @JsonProperty("hours") List<HourJson> hours,
                       @JsonProperty("domainSessions") List<DomainDayJson> domainSessions) {
            this.format = format;
            this.counters = counters;
            this.hours = hours;
            this.domainSessions = domainSessions;
        }

        static StatisticsFile of(StatisticsSnapshot snapshot) {
            return new StatisticsFile(FORMAT, DeliveryCounts.NAMES,
                    snapshot.hours().stream().map(HourJson::of).collect(Collectors.toUnmodifiableList()),
                    snapshot.domainSessions().stream().map(DomainDayJson::of)
                            .collect(Collectors.toUnmodifiableList()));
        }

        /** Counters are matched by name: a file written before a counter existed has it as 0. */
        StatisticsSnapshot toSnapshot() throws UnusableFile {
            if (format != FORMAT) {
                throw new UnusableFile("unknown format " + format);
            }
            List<String> names = required(counters, "counters");
            List<HourlyCounts> buckets = new ArrayList<>();
            for (HourJson hour : required(hours, "hours")) {
                buckets.add(required(hour, "hours[]").toCounts(names));
            }
            List<DomainDaySessions> days = new ArrayList<>();
            for (DomainDayJson day : domainSessions == null ? List.<DomainDayJson>of() : domainSessions) {
                days.add(required(day, "domainSessions[]").toSessions());
            }
            return new StatisticsSnapshot(buckets, days);
        }
    }

    private static final class DomainDayJson {
        @JsonProperty("day") private final long day;
        @JsonProperty("domain") private final String domain;
        @JsonProperty("sessions") private final long sessions;
        @JsonProperty("clearText") private final long clearText;

        @JsonCreator
        DomainDayJson(@JsonProperty("day") long day,
                      @JsonProperty("domain") String domain,
                      @JsonProperty("sessions") long sessions,
                      @JsonProperty("clearText") long clearText) {
            this.day = day;
            this.domain = domain;
            this.sessions = sessions;
            this.clearText = clearText;
        }

        static DomainDayJson of(DomainDaySessions day) {
            return new DomainDayJson(day.epochDay(), day.sessions().domain(), day.sessions().sessions(),
                    day.sessions().clearTextSessions());
        }

        DomainDaySessions toSessions() throws UnusableFile {
            try {
                return new DomainDaySessions(day, new DomainSessions(required(domain, "domain"), sessions, clearText));
            } catch (IllegalArgumentException e) {
                throw new UnusableFile(e.getMessage());
            }
        }
    }

    private static final class HourJson {
        @JsonProperty("domain") private final String domain;
        @JsonProperty("hour") private final long hour;
        @JsonProperty("counts") private final long[] counts;

        @JsonCreator
        HourJson(@JsonProperty("domain") String domain,
                 @JsonProperty("hour") long hour,
                 @JsonProperty("counts") long[] counts) {
            this.domain = domain;
            this.hour = hour;
            this.counts = counts;
        }

        static HourJson of(HourlyCounts counts) {
            return new HourJson(text(counts.domain()), counts.epochHour(), counts.counts().toArray());
        }

        HourlyCounts toCounts(List<String> names) throws UnusableFile {
            try {
                return new HourlyCounts(Optional.ofNullable(domain), hour,
                        DeliveryCounts.fromNamed(names, required(counts, "counts")));
            } catch (IllegalArgumentException e) {
                throw new UnusableFile(e.getMessage());
            }
        }
    }
}
