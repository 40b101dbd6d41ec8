package dev.mtasts.report;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A TLS report to send by mail (RFC 8460 §5.3), as the mail transport needs it. The message is
 * {@code multipart/report; report-type="tlsrpt"} ({@link #REPORT_TYPE}) with two parts: {@link #text()} as
 * {@code text/plain}, then {@link #attachment()} as {@value TlsReport#GZIP_MEDIA_TYPE} named
 * {@link #attachmentFileName()}.
 *
 * <p>Two things are the mail system's part. RFC 8460 §5.3 asks for a DKIM signature of the submitter's domain. And
 * the report must be delivered despite TLS failures, so MTA-STS must not be enforced on it: the
 * {@code TLS-Required: No} header (RFC 8689) among {@link #headers()} says so to every MTA on the way, and the
 * sending side must honour it too. Such a delivery should not be counted in the next report either.
 */
public final class TlsReportMail {

    /** RFC 8460 §5.3: the {@code report-type} parameter of the {@code multipart/report} message. */
    public static final String REPORT_TYPE = "tlsrpt";
    /** RFC 8460 §5.3: names the policy domain. */
    public static final String DOMAIN_HEADER = "TLS-Report-Domain";
    /** RFC 8460 §5.3: names the submitter. */
    public static final String SUBMITTER_HEADER = "TLS-Report-Submitter";
    /** RFC 8689: {@code No} asks that the message be delivered even where TLS policies fail. */
    public static final String TLS_REQUIRED_HEADER = "TLS-Required";

    private final String recipient;
    private final String subject;
    private final Map<String, String> headers;
    private final byte[] attachment;
    private final String attachmentFileName;
    private final String text;
    private final String reportId;

    public TlsReportMail(String recipient, String subject, Map<String, String> headers, byte[] attachment,
                         String attachmentFileName, String text, String reportId) {
        this.recipient = Objects.requireNonNull(recipient, "recipient");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.attachment = attachment.clone();
        this.attachmentFileName = Objects.requireNonNull(attachmentFileName, "attachmentFileName");
        this.text = Objects.requireNonNull(text, "text");
        this.reportId = Objects.requireNonNull(reportId, "reportId");
    }

    /** The address from the {@code mailto:} URI. */
    public String recipient() {
        return recipient;
    }

    /** {@code Report Domain: … Submitter: … Report-ID: <…>}. */
    public String subject() {
        return subject;
    }

    /**
     * Further header fields, in order: {@code TLS-Report-Domain}, {@code TLS-Report-Submitter},
     * {@code TLS-Required}.
     */
    public Map<String, String> headers() {
        return headers;
    }

    /** The media type of the attachment, {@value TlsReport#GZIP_MEDIA_TYPE}. */
    public String attachmentMediaType() {
        return TlsReport.GZIP_MEDIA_TYPE;
    }

    /** The gzip-compressed report. */
    public byte[] attachment() {
        return attachment.clone();
    }

    /** RFC 8460 §5.1 file name ({@code submitter!domain!begin!end.json.gz}). */
    public String attachmentFileName() {
        return attachmentFileName;
    }

    /** A short human-readable summary. */
    public String text() {
        return text;
    }

    /** The report's id, for logs. */
    public String reportId() {
        return reportId;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof TlsReportMail)) {
            return false;
        }
        TlsReportMail that = (TlsReportMail) other;
        return recipient.equals(that.recipient) && subject.equals(that.subject) && headers.equals(that.headers)
                && Arrays.equals(attachment, that.attachment) && attachmentFileName.equals(that.attachmentFileName)
                && text.equals(that.text) && reportId.equals(that.reportId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(recipient, subject, headers, Arrays.hashCode(attachment), attachmentFileName, text,
                reportId);
    }

    @Override
    public String toString() {
        return "TlsReportMail[to=" + recipient + ", subject=" + subject + ", headers=" + headers + ", attachment="
                + attachmentFileName + " (" + attachment.length + " bytes)]";
    }
}
