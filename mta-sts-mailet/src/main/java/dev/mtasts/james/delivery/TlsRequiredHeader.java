package dev.mtasts.james.delivery;

import org.apache.mailet.Mail;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

/**
 * RFC 8689 §4.1: a message with {@code TLS-Required: No} asks to be delivered even where TLS policies such as
 * MTA-STS fail. TLS reports carry it (RFC 8460 §5.3) so that a broken TLS set-up can still be reported. Such a
 * message goes through the standard lane: no policy enforced, no outcome recorded.
 */
final class TlsRequiredHeader {

    static final String NAME = "TLS-Required";

    private TlsRequiredHeader() {
    }

    static boolean saysNo(Mail mail) {
        try {
            MimeMessage message = mail.getMessage();
            String[] values = message == null ? null : message.getHeader(NAME);
            if (values == null) {
                return false;
            }
            for (String value : values) {
                if (value != null && value.trim().equalsIgnoreCase("No")) {
                    return true;
                }
            }
            return false;
        } catch (MessagingException e) {
            return false;
        }
    }
}
