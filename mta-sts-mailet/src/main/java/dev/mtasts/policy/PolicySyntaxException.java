package dev.mtasts.policy;

import java.util.List;

/**
 * A policy text that breaks the grammar of RFC 8461 §3.2.
 *
 * <p>{@link #errors()} lists every problem found, in the order of the text, each message on one line of its own
 * (control and non-ASCII characters of the input are escaped as {@code \\uXXXX}, long excerpts are cut short):
 * <ul>
 *   <li>{@code line N: ...} for a problem on line N (1-based, counting LF-terminated lines);</li>
 *   <li>{@code policy: ...} for a problem of the policy as a whole, such as {@code policy: missing "version"}.
 *       These come after the line errors.</li>
 * </ul>
 * At most {@value PolicyParser#MAX_LINE_ERRORS} line errors are listed; when there are more, the last message is a
 * {@code policy: ...} one saying where reading stopped.
 */
public final class PolicySyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> errors;

    public PolicySyntaxException(List<String> errors) {
        super(String.join("; ", errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a syntax error needs at least one message");
        }
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
