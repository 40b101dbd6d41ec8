package dev.mtasts.inbound;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mtasts.storage.JsonFileDirectory;
import dev.mtasts.storage.JsonFileDirectory.UnusableFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded default store: a directory under James' var/ with one JSON file per report
 * ({@code report-<sha-256 of the key>.json}, the report in its RFC 8460 §4 form, read back through
 * {@link TlsRptJsonParser}) and one per UTC day of rejections ({@code rejected-2026-11-16.json}).
 *
 * <p>What is within the {@link StoreLimits} is loaded on open and kept in memory; what is past the retention is
 * deleted, on open and as newer reports and rejections arrive. A report is written (atomically and durably) before it
 * is kept in memory: a failed write is thrown, the report is not kept, and a resend is not a duplicate. A file that
 * cannot be read back is set aside (see {@link JsonFileDirectory}). A day keeps at most
 * {@value #MAX_REJECTED_PER_DAY} rejections and {@link StoreLimits#maxReportsPerDay()} reports: a sender cannot fill
 * the disk by mailing junk (the metrics still count every one).
 */
public final class FileReceivedReportStore implements ReceivedReportStore {

    static final int MAX_REJECTED_PER_DAY = 1000;
    private static final Logger LOGGER = LoggerFactory.getLogger(FileReceivedReportStore.class);
    private static final int FORMAT = 1;
    private static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
    private static final Pattern REPORT_FILE = Pattern.compile("report-[0-9a-f]{64}\\.json");
    private static final Pattern REJECTED_FILE = Pattern.compile("rejected-(\\d{4}-\\d{2}-\\d{2})\\.json");
    /** Our own files were checked when they were received; reading them back must not trip the senders' limits. */
    private static final TlsRptJsonParser PARSER = new TlsRptJsonParser(
            new ReportLimits(Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE));

    private final JsonFileDirectory files;
    private final StoreLimits limits;
    private final InMemoryReceivedReportStore memory;
    private final Map<LocalDate, List<RejectedReport>> rejectedByDay = new HashMap<>();

    /** Opens the store with {@link StoreLimits#defaults()}, retention counted from the system clock. */
    public FileReceivedReportStore(Path directory) throws IOException {
        this(directory, StoreLimits.defaults(), Clock.systemUTC());
    }

    /**
     * Opens (creating if needed) the store in {@code directory} and loads what it holds; what is past the retention
     * at {@code clock}'s now is deleted instead.
     */
    public FileReceivedReportStore(Path directory, StoreLimits limits, Clock clock) throws IOException {
        this.files = new JsonFileDirectory(directory, "received TLS report store", MAX_FILE_BYTES);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.memory = new InMemoryReceivedReportStore(limits);
        load(clock.instant());
    }

    public Path directory() {
        return files.directory();
    }

    private void load(Instant now) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(files.directory(), "*.json")) {
            for (Path file : entries) {
                String name = file.getFileName().toString();
                Matcher rejectedName = REJECTED_FILE.matcher(name);
                if (REPORT_FILE.matcher(name).matches()) {
                    files.read(file, ReportFile.class, stored -> stored.toStoredReport(name))
                            .ifPresent(stored -> loadReport(file, stored, now));
                } else if (rejectedName.matches()) {
                    loadRejected(file, rejectedName.group(1), now);
                }
            }
        }
    }

    private void loadReport(Path file, StoredReport stored, Instant now) {
        if (limits.retained(stored, now)) {
            for (StoredReport forgotten : memory.put(stored)) {
                files.delete(files.resolve(fileNameOf(forgotten.key())));
            }
        } else {
            LOGGER.debug("received TLS report store: {} is past the retention, deleting {}", stored, file);
            files.delete(file);
        }
    }

    /** Whether every rejection of {@code day} was received before {@code boundary}. */
    private static boolean pastRetention(LocalDate day, Instant boundary) {
        return !day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(boundary);
    }

    private void loadRejected(Path file, String dayName, Instant now) {
        LocalDate day;
        try {
            day = LocalDate.parse(dayName);
        } catch (DateTimeParseException e) {
            files.setAside(file, "the file name is not a date");
            return;
        }
        if (pastRetention(day, limits.keptSince(now))) {
            files.delete(file);
            return;
        }
        files.read(file, RejectedFile.class, stored -> stored.toRejected(day)).ifPresent(rejected -> {
            rejectedByDay.put(day, new ArrayList<>(rejected));
            rejected.forEach(memory::reject);
        });
    }

    @Override
    public synchronized Admission keep(StoredReport report) throws IOException {
        Admission admission = memory.admission(report);
        if (admission != Admission.STORED) {
            return admission;
        }
        // On disk first: a report only in memory would be lost on restart, yet make a resend a duplicate.
        files.writeDurably(files.resolve(fileNameOf(report.key())), ReportFile.of(report));
        for (StoredReport forgotten : memory.put(report)) {
            files.delete(files.resolve(fileNameOf(forgotten.key())));
        }
        return Admission.STORED;
    }

    @Override
    public List<StoredReport> reports(Instant since) {
        return memory.reports(since);
    }

    @Override
    public synchronized void reject(RejectedReport rejected) {
        LocalDate day = LocalDate.ofInstant(rejected.receivedAt(), ZoneOffset.UTC);
        List<RejectedReport> ofDay = rejectedByDay.computeIfAbsent(day, ignored -> new ArrayList<>());
        if (ofDay.size() >= MAX_REJECTED_PER_DAY) {
            LOGGER.debug("received TLS report store: {} rejections on {} already, not recording {}",
                    MAX_REJECTED_PER_DAY, day, rejected);
            return;
        }
        ofDay.add(rejected);
        memory.reject(rejected);
        files.write(files.resolve("rejected-" + day + ".json"), RejectedFile.of(day, ofDay));
        Instant boundary = limits.keptSince(rejected.receivedAt());
        for (Iterator<LocalDate> days = rejectedByDay.keySet().iterator(); days.hasNext(); ) {
            LocalDate kept = days.next();
            if (pastRetention(kept, boundary)) {
                days.remove();
                files.delete(files.resolve("rejected-" + kept + ".json"));
            }
        }
    }

    @Override
    public List<RejectedReport> rejected(Instant since) {
        return memory.rejected(since);
    }

    static String fileNameOf(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            StringBuilder name = new StringBuilder("report-");
            for (byte b : hash) {
                name.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return name.append(".json").toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Instant instant(String text, String field) throws UnusableFile {
        if (text == null) {
            throw new UnusableFile("the field " + field + " is missing");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new UnusableFile("bad timestamp in " + field + ": " + text);
        }
    }

    // The file shapes: Jackson reads them through their @JsonCreator constructors and writes their @JsonProperty
    // fields, in the order declared.

    /** A report file, format {@value #FORMAT}. */
    private static final class ReportFile {
        @JsonProperty("format") private final int format;
        @JsonProperty("receivedAt") private final String receivedAt;
        @JsonProperty("dkim") private final String dkim;
        @JsonProperty("recipientDomain") private final String recipientDomain;
        @JsonProperty("report") private final JsonNode report;

        @JsonCreator
        ReportFile(@JsonProperty("format") int format,
                   @JsonProperty("receivedAt") String receivedAt,
                   @JsonProperty("dkim") String dkim,
                   @JsonProperty("recipientDomain") String recipientDomain,
                   @JsonProperty("report") JsonNode report) {
            this.format = format;
            this.receivedAt = receivedAt;
            this.dkim = dkim;
            this.recipientDomain = recipientDomain;
            this.report = report;
        }

        static ReportFile of(StoredReport stored) {
            return new ReportFile(FORMAT, stored.receivedAt().toString(), stored.dkim(),
                    stored.recipientDomain().orElse(null), ReportWireFormat.json(stored.report()));
        }

        StoredReport toStoredReport(String fileName) throws UnusableFile {
            if (format != FORMAT) {
                throw new UnusableFile("unknown format " + format);
            }
            if (dkim == null || report == null) {
                throw new UnusableFile("a field is missing");
            }
            ParseOutcome outcome = PARSER.parse(report);
            if (outcome instanceof ParseOutcome.Rejected) {
                throw new UnusableFile("the report does not parse: " + ((ParseOutcome.Rejected) outcome).detail());
            }
            StoredReport stored = new StoredReport(((ParseOutcome.Parsed) outcome).report(),
                    instant(receivedAt, "receivedAt"), dkim, Optional.ofNullable(recipientDomain));
            if (!fileNameOf(stored.key()).equals(fileName)) {
                throw new UnusableFile("holds report " + stored.key() + ", not the one its name says");
            }
            return stored;
        }
    }

    /** A day of rejections, format {@value #FORMAT}. */
    private static final class RejectedFile {
        @JsonProperty("format") private final int format;
        @JsonProperty("day") private final String day;
        @JsonProperty("rejected") private final List<RejectedJson> rejected;

        @JsonCreator
        RejectedFile(@JsonProperty("format") int format,
                     @JsonProperty("day") String day,
                     @JsonProperty("rejected") List<RejectedJson> rejected) {
            this.format = format;
            this.day = day;
            this.rejected = rejected;
        }

        static RejectedFile of(LocalDate day, List<RejectedReport> rejected) {
            List<RejectedJson> entries = new ArrayList<>();
            for (RejectedReport report : rejected) {
                entries.add(new RejectedJson(report.receivedAt().toString(), report.sender(),
                        report.reason().code(), report.detail()));
            }
            return new RejectedFile(FORMAT, day.toString(), entries);
        }

        List<RejectedReport> toRejected(LocalDate fileDay) throws UnusableFile {
            if (format != FORMAT) {
                throw new UnusableFile("unknown format " + format);
            }
            if (!fileDay.toString().equals(day) || rejected == null) {
                throw new UnusableFile("not the rejections of " + fileDay);
            }
            List<RejectedReport> reports = new ArrayList<>();
            for (RejectedJson entry : rejected) {
                if (entry == null) {
                    throw new UnusableFile("an entry is null");
                }
                reports.add(entry.toRejected());
            }
            return reports;
        }
    }

    private static final class RejectedJson {
        @JsonProperty("receivedAt") private final String receivedAt;
        @JsonProperty("sender") private final String sender;
        @JsonProperty("reason") private final String reason;
        @JsonProperty("detail") private final String detail;

        @JsonCreator
        RejectedJson(@JsonProperty("receivedAt") String receivedAt,
                     @JsonProperty("sender") String sender,
                     @JsonProperty("reason") String reason,
                     @JsonProperty("detail") String detail) {
            this.receivedAt = receivedAt;
            this.sender = sender;
            this.reason = reason;
            this.detail = detail;
        }

        RejectedReport toRejected() throws UnusableFile {
            Optional<RejectionReason> known = RejectionReason.fromCode(String.valueOf(reason));
            if (known.isEmpty() || sender == null || detail == null) {
                throw new UnusableFile("bad rejection entry: reason " + reason);
            }
            return new RejectedReport(instant(receivedAt, "receivedAt"), sender, known.get(), detail);
        }
    }
}
