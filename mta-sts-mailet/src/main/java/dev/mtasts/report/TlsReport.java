package dev.mtasts.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/** One RFC 8460 aggregate report, ready to send. */
public final class TlsReport {

    /** RFC 8460 §5.3, §5.4: the media type of a gzip-compressed report, as mail attachment and as POST body. */
    public static final String GZIP_MEDIA_TYPE = "application/tlsrpt+gzip";
    /** RFC 8460 §5.3: the media type of an uncompressed report. */
    public static final String JSON_MEDIA_TYPE = "application/tlsrpt+json";

    private final String reportId;
    private final String submitter;
    private final DomainDayTally tally;
    private final String json;

    public TlsReport(String reportId, String submitter, DomainDayTally tally, String json) {
        this.reportId = Objects.requireNonNull(reportId, "reportId");
        this.submitter = Objects.requireNonNull(submitter, "submitter");
        this.tally = Objects.requireNonNull(tally, "tally");
        this.json = Objects.requireNonNull(json, "json");
    }

    /** RFC 8460 {@code report-id}. */
    public String reportId() {
        return reportId;
    }

    /** The submitting domain. */
    public String submitter() {
        return submitter;
    }

    /** What it counts: the policy domain, the UTC day, the sessions. */
    public DomainDayTally tally() {
        return tally;
    }

    /** The report (RFC 8460 §4.4). */
    public String json() {
        return json;
    }

    /** The UTC day the report covers. */
    public LocalDate day() {
        return tally.day();
    }

    /** The policy domain the report is about. */
    public String policyDomain() {
        return tally.domain();
    }

    /** RFC 8460 {@code start-datetime}: the day's first second, {@code 2016-04-01T00:00:00Z}. */
    public Instant startDatetime() {
        return day().atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** RFC 8460 {@code end-datetime}: the day's last second, {@code 2016-04-01T23:59:59Z}, as in the RFC's example. */
    public Instant endDatetime() {
        return day().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
    }

    /** The report in UTF-8. */
    public byte[] jsonBytes() {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The report gzip-compressed (RFC 8460 §5.2: reports are sent compressed). */
    public byte[] gzip() {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(jsonBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory failed", e); // cannot happen with a byte array
        }
        return compressed.toByteArray();
    }

    /**
     * RFC 8460 §5.1 file name of the compressed report:
     * {@code submitter "!" policy-domain "!" begin-timestamp "!" end-timestamp ".json.gz"}, the timestamps in
     * seconds since the epoch. The optional unique-id is left out: there is one report per domain and day.
     */
    public String fileName() {
        return submitter + "!" + policyDomain() + "!" + startDatetime().getEpochSecond() + "!"
                + endDatetime().getEpochSecond() + ".json.gz";
    }

    /** RFC 8460 §5.3: {@code Report Domain: <policy domain> Submitter: <submitter> Report-ID: <<report id>>}. */
    public String mailSubject() {
        return "Report Domain: " + policyDomain() + " Submitter: " + submitter + " Report-ID: <" + reportId + ">";
    }
}
