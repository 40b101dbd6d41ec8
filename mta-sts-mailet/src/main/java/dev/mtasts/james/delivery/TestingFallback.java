package dev.mtasts.james.delivery;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

/**
 * RFC 8461 §5: mail to a testing domain is delivered as usual. When the testing lane cannot complete a TLS handshake
 * with any MX (say, one that speaks only TLS 1.0), the failure is recorded and the message is marked and handed to
 * the standard lane, which then delivers it with the operator's own parameters instead of sending it back.
 * The mark never exempts a message from an enforce policy.
 */
final class TestingFallback {

    static final AttributeName MARK = AttributeName.of("mta-sts.testing-fallback");

    private TestingFallback() {
    }

    static void mark(Mail mail) {
        mail.setAttribute(new Attribute(MARK, AttributeValue.of(true)));
    }

    static void clear(Mail mail) {
        mail.removeAttribute(MARK);
    }

    static boolean isMarked(Mail mail) {
        return mail.getAttribute(MARK).map(Attribute::getValue).map(AttributeValue::value)
            .filter(Boolean.TRUE::equals).isPresent();
    }
}
