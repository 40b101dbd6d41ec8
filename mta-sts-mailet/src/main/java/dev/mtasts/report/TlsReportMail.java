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
 *
 * @param recipient          the address from the {@code mailto:} URI
 * @param subject            {@code Report Domain: … Submitter: … Report-ID: <…>}
 * @param headers            further header fields, in order: {@code TLS-Report-Domain}, {@code TLS-Report-Submitter},
 *                           {@code TLS-Required}
 * @param attachment         the gzip-compressed report
 * @param attachmentFileName RFC 8460 §5.1 file name ({@code submitter!domain!begin!end.json.gz})
 * @param text               a short human-readable summary
 * @param reportId           the report's id, for logs
 */
public record TlsReportMail(String recipient, String subject, Map<String, String> headers, byte[] attachment,
                            String attachmentFileName, String text, String reportId) {

    /** RFC 8460 §5.3: the {@code report-type} parameter of the {@code multipart/report} message. */
    public static final String REPORT_TYPE = "tlsrpt";
    /** RFC 8460 §5.3: names the policy domain. */
    public static final String DOMAIN_HEADER = "TLS-Report-Domain";
    /** RFC 8460 §5.3: names the submitter. */
    public static final String SUBMITTER_HEADER = "TLS-Report-Submitter";
    /** RFC 8689: {@code No} asks that the message be delivered even where TLS policies fail. */
    public static final String TLS_REQUIRED_HEADER = "TLS-Required";

    public TlsReportMail {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(subject, "subject");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        attachment = attachment.clone();
        Objects.requireNonNull(attachmentFileName, "attachmentFileName");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(reportId, "reportId");
    }

    /** The media type of the attachment, {@value TlsReport#GZIP_MEDIA_TYPE}. */
    public String attachmentMediaType() {
        return TlsReport.GZIP_MEDIA_TYPE;
    }

    @Override
    public byte[] attachment() {
        return attachment.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TlsReportMail that && recipient.equals(that.recipient)
                && subject.equals(that.subject) && headers.equals(that.headers)
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
