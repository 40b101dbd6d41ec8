package dev.mtasts.james.delivery;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

/**
 * How many times a message moved between delivery lanes, kept on the message (and so in a durable queue) so that the
 * lane decision can bound it ({@link dev.mtasts.james.routing.LaneDecision}).
 */
final class LaneMoves {

    static final AttributeName COUNT = AttributeName.of("mta-sts.lane-moves");

    private LaneMoves() {
    }

    static int of(Mail mail) {
        return mail.getAttribute(COUNT).map(Attribute::getValue).map(AttributeValue::value)
            .filter(Integer.class::isInstance).map(Integer.class::cast)
            .filter(count -> count >= 0)
            .orElse(0);
    }

    static void reset(Mail mail) {
        mail.removeAttribute(COUNT);
    }

    static void increment(Mail mail) {
        int next = of(mail) == Integer.MAX_VALUE ? Integer.MAX_VALUE : of(mail) + 1;
        mail.setAttribute(new Attribute(COUNT, AttributeValue.of(next)));
    }
}
