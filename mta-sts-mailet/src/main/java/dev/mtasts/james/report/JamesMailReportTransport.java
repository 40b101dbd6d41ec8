package dev.mtasts.james.report;

import dev.mtasts.report.ReportDeliveryException;
import dev.mtasts.report.TlsReportMail;
import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;

import javax.activation.DataHandler;
import com.google.inject.Inject;
import com.google.inject.Provider;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.AddressException;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Sends a TLS report by mail through James (RFC 8460 §5.3): the message enters James' root processor like any
 * other, from the postmaster. It carries {@code TLS-Required: No} (RFC 8689), which makes
 * {@code MtaStsRemoteDelivery} deliver it through its standard lane, without MTA-STS and without an outcome.
 */
public final class JamesMailReportTransport implements dev.mtasts.report.MailReportTransport {

    private final Provider<MailetContext> mailetContext;

    @Inject
    public JamesMailReportTransport(Provider<MailetContext> mailetContext) {
        this.mailetContext = mailetContext;
    }

    @Override
    public void send(TlsReportMail mail) throws ReportDeliveryException {
        MailAddress recipient;
        try {
            recipient = new MailAddress(mail.recipient());
        } catch (AddressException e) {
            throw new ReportDeliveryException("not a mail address: " + mail.recipient() + ": " + e.getMessage());
        }
        try {
            MailetContext context = mailetContext.get();
            MailAddress sender = context.getPostmaster();
            MimeMessage message = toMessage(mail, sender);
            context.sendMail(sender, List.of(recipient), message);
        } catch (MessagingException | RuntimeException e) {
            throw new ReportDeliveryException("James did not take the report for " + mail.recipient() + ": " + e);
        }
    }

    /** The report as RFC 8460 §5.3 describes it: a text part, then the gzip-compressed JSON report. */
    static MimeMessage toMessage(TlsReportMail mail, MailAddress sender) throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(sender.asString());
        message.setRecipients(javax.mail.Message.RecipientType.TO, mail.recipient());
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        for (Map.Entry<String, String> header : mail.headers().entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), StandardCharsets.UTF_8.name());
        MimeBodyPart report = new MimeBodyPart();
        report.setDataHandler(new DataHandler(new ByteArrayDataSource(mail.attachment(), mail.attachmentMediaType())));
        report.setHeader("Content-Type", mail.attachmentMediaType());
        report.setDisposition(MimeBodyPart.ATTACHMENT);
        report.setFileName(mail.attachmentFileName());
        report.setHeader("Content-Transfer-Encoding", "base64");
        ReportMultipart multipart = new ReportMultipart();
        multipart.addBodyPart(text);
        multipart.addBodyPart(report);
        message.setContent(multipart);
        message.saveChanges();
        return message;
    }
}
