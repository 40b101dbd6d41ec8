package dev.mtasts.james.report;

import dev.mtasts.report.TlsReportMail;

import javax.mail.MessagingException;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeMultipart;

/** RFC 8460 §5.3: the top-level {@code multipart/report} with {@code report-type="tlsrpt"}. */
final class ReportMultipart extends MimeMultipart {

    ReportMultipart() throws MessagingException {
        super("report");
        ContentType type = new ContentType(contentType);
        type.setParameter("report-type", TlsReportMail.REPORT_TYPE);
        contentType = type.toString();
    }
}
