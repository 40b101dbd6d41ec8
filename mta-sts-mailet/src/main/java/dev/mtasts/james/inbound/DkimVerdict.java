package dev.mtasts.james.inbound;

import java.util.Locale;
import java.util.Optional;

/**
 * The DKIM verdict of a report mail, read from the attribute James' {@code DKIMVerify} mailet sets when it ran
 * before ({@code jDKIM.AUTHRESULT}: {@code "pass (identity ...)"}, {@code "fail (...)"}, {@code "neutral (no
 * signatures)"}). RFC 8460 §5.3: report mails should be DKIM-signed; the receiver decides what to do with a failure.
 */
final class DkimVerdict {

    /** The name of the attribute DKIMVerify sets (not imported: the dkim mailets are optional in James). */
    static final String ATTRIBUTE = "jDKIM.AUTHRESULT";
    static final String NONE = "none";

    private DkimVerdict() {
    }

    /** {@code pass}, {@code fail}, {@code neutral}, ..., or {@code none} when DKIMVerify did not run. */
    static String of(Optional<String> attribute) {
        if (attribute.isEmpty() || attribute.get().isBlank()) {
            return NONE;
        }
        String word = attribute.get().trim().split("[\\s(]", 2)[0].toLowerCase(Locale.ROOT);
        return word.matches("[a-z]{1,16}") ? word : NONE;
    }
}
