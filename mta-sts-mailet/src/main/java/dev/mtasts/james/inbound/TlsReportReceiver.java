package dev.mtasts.james.inbound;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.Inject;
import dev.mtasts.james.config.MtaStsSettings;

import javax.mail.MessagingException;
import java.io.IOException;
import java.util.Optional;

/**
 * Takes the RFC 8460 TLS reports other senders mail to this company's report address (RFC 8460 §3
 * {@code rua=mailto:}, §5.3 the mail): reads, checks, stores and counts each one, records every rejection with its
 * reason, and consumes the mail (unless {@code reports.inbound.passOn=true}). A report that could not be stored is
 * thrown as a {@link MessagingException}, leaving the mail to James' error handling. Meant after the
 * {@link IsTlsReportRecipient} matcher, and after {@code DKIMVerify} when the DKIM verdict should be kept.
 */
public final class TlsReportReceiver extends GenericMailet {

    private static final Logger LOGGER = LoggerFactory.getLogger(TlsReportReceiver.class);
    private static final AttributeName DKIM = AttributeName.of(DkimVerdict.ATTRIBUTE);

    private final ReportIntake intake;
    private final boolean passOn;

    @Inject
    public TlsReportReceiver(ReportIntake intake, MtaStsSettings settings) {
        this.intake = intake;
        this.passOn = settings.inbound().passOn();
    }

    /**
     * @throws MessagingException when an accepted report could not be stored: the mail is then left to James' error
     *                            handling (by default {@code onMailetException} sends it to the {@code error}
     *                            processor, which keeps it in the error repository), not consumed and not lost
     */
    @Override
    public void service(Mail mail) throws MessagingException {
        String sender = mail.getMaybeSender().asString("");
        String recipientDomain = mail.getRecipients().stream().findFirst()
            .map(MailAddress::getDomain).map(domain -> domain.asString().toLowerCase(java.util.Locale.ROOT))
            .orElse("");
        String dkim = DkimVerdict.of(mail.getAttribute(DKIM).map(Attribute::getValue)
            .map(value -> String.valueOf(value.value())));
        try {
            intake.take(mail.getMessage(), size(mail), sender, recipientDomain, dkim);
        } catch (IOException e) {
            LOGGER.error("TLS report mail {} from <{}> could not be stored; leaving it to James' error handling",
                mail.getName(), sender, e);
            throw new MessagingException("the TLS report could not be stored: " + e, e);
        } catch (MessagingException | RuntimeException e) {
            // take() itself never throws: only James could not hand the message over.
            LOGGER.warn("TLS report mail {} from <{}> could not be read", mail.getName(), sender, e);
            intake.unreadable(sender, recipientDomain, e.toString());
        }
        if (!passOn) {
            mail.setState(Mail.GHOST);
        }
    }

    private static long size(Mail mail) {
        try {
            return mail.getMessageSize();
        } catch (MessagingException e) {
            return 0;
        }
    }

    @Override
    public String getMailetInfo() {
        return "RFC 8460 TLS report receiver";
    }
}
