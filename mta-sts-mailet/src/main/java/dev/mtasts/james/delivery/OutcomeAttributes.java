package dev.mtasts.james.delivery;

import dev.mtasts.outcome.TlsOutcome;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

/**
 * The mail attributes that carry the latest MTA-STS outcome of a message, for later mailets (a bounce processor,
 * an {@code onSuccess} processor) and for operators inspecting a queued message.
 */
public final class OutcomeAttributes {

    public static final AttributeName DOMAIN = AttributeName.of("mta-sts.domain");
    public static final AttributeName MODE = AttributeName.of("mta-sts.mode");
    public static final AttributeName POLICY_ID = AttributeName.of("mta-sts.policy-id");
    public static final AttributeName MX_HOST = AttributeName.of("mta-sts.mx-host");
    /** {@code success} or an RFC 8460 result type. */
    public static final AttributeName RESULT = AttributeName.of("mta-sts.result");
    public static final AttributeName DETAIL = AttributeName.of("mta-sts.detail");
    /** Set when MTA-STS stood in the way of delivery: the text that bounces carry. */
    public static final AttributeName FAILURE_NOTICE = AttributeName.of("mta-sts.failure-notice");

    private OutcomeAttributes() {
    }

    static void apply(Mail mail, DeliveryAttempt attempt) {
        attempt.lastOutcome().ifPresent(outcome -> apply(mail, outcome));
        attempt.failureSummary().ifPresentOrElse(
            notice -> mail.setAttribute(new Attribute(FAILURE_NOTICE, AttributeValue.of(notice))),
            () -> mail.removeAttribute(FAILURE_NOTICE));
    }

    public static void apply(Mail mail, TlsOutcome outcome) {
        mail.setAttribute(new Attribute(DOMAIN, AttributeValue.of(outcome.domain())));
        mail.setAttribute(new Attribute(MODE, AttributeValue.of(outcome.mode().wireName())));
        mail.setAttribute(new Attribute(POLICY_ID, AttributeValue.of(outcome.policyId())));
        mail.setAttribute(new Attribute(MX_HOST, AttributeValue.of(outcome.mxHost())));
        mail.setAttribute(new Attribute(RESULT, AttributeValue.of(outcome.result())));
        mail.setAttribute(new Attribute(DETAIL, AttributeValue.of(outcome.detail())));
    }
}
