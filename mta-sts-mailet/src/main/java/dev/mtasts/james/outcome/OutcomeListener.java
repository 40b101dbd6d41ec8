package dev.mtasts.james.outcome;

import dev.mtasts.outcome.OutboundSession;
import dev.mtasts.outcome.TlsOutcome;

/**
 * Hears every {@link TlsOutcome}, with the policy, the addresses and the MX's EHLO name filled in when known:
 * metrics and TLS reports plug in here ({@code TlsReporting::record} is one). Add one with Guice:
 * {@code Multibinder.newSetBinder(binder(), OutcomeListener.class).addBinding().to(MyListener.class)}.
 *
 * <p>Called on the delivery thread, right when the outcome is known: do not block. A listener that throws is
 * logged and otherwise ignored; it never changes what happens to the message.
 */
@FunctionalInterface
public interface OutcomeListener {

    void onOutcome(TlsOutcome outcome);

    /**
     * A delivery attempt to {@code domain} failed because its policy is enforced and no MX host passed the checks
     * (once per attempt, however many MX hosts were tried). Nothing by default.
     */
    default void onEnforcementFailure(String domain) {
    }

    /**
     * An SMTP session of any lane ended with the message sent, encrypted or in clear text: the basis of the
     * encrypted share of all outbound mail. Nothing by default.
     */
    default void onSession(OutboundSession session) {
    }
}
