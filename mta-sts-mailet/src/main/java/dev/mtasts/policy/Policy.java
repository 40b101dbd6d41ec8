package dev.mtasts.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A parsed MTA-STS policy (RFC 8461 §3.2).
 *
 * <p>A cache holds many (James may know 100,000 domains), so the patterns are kept as their normalised strings, not
 * as {@link MxPattern} objects; {@link #mx()} makes those when asked, {@link #permits} needs none.
 */
public final class Policy {

    /** RFC 8461 §3.2: max_age is at most 31557600 seconds (about one year). */
    public static final long MAX_AGE_LIMIT_SECONDS = 31_557_600L;

    private final Mode mode;
    /** {@link MxPattern#pattern()} of each pattern, in policy order. */
    private final String[] mx;
    /** At most {@link #MAX_AGE_LIMIT_SECONDS}, so an int (a cache holds many policies). */
    private final int maxAgeSeconds;

    public Policy(Mode mode, List<MxPattern> mx, long maxAgeSeconds) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.mx = new String[mx.size()];
        for (int i = 0; i < this.mx.length; i++) {
            this.mx[i] = mx.get(i).pattern();
        }
        if (maxAgeSeconds < 0 || maxAgeSeconds > MAX_AGE_LIMIT_SECONDS) {
            throw new IllegalArgumentException("max_age out of range: " + maxAgeSeconds);
        }
        this.maxAgeSeconds = (int) maxAgeSeconds;
        if (this.mx.length == 0 && mode != Mode.NONE) {
            throw new IllegalArgumentException("a policy in mode " + mode + " needs at least one mx");
        }
    }

    /** Enforce, testing or none. */
    public Mode mode() {
        return mode;
    }

    /** The permitted MX patterns, in policy order; empty only when the mode is none. */
    public List<MxPattern> mx() {
        List<MxPattern> patterns = new ArrayList<>(mx.length);
        for (String pattern : mx) {
            patterns.add(MxPattern.normalized(pattern));
        }
        return Collections.unmodifiableList(patterns);
    }

    /** How long a sender may cache the policy, 0 to 31557600. */
    public long maxAgeSeconds() {
        return maxAgeSeconds;
    }

    /** RFC 8461 §4.1: whether {@code mxHost} matches one of the policy's patterns. Allocates nothing. */
    public boolean permits(String mxHost) {
        for (String pattern : mx) {
            if (MxPattern.matches(pattern, mxHost)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Policy)) {
            return false;
        }
        Policy that = (Policy) other;
        return mode == that.mode && Arrays.equals(mx, that.mx) && maxAgeSeconds == that.maxAgeSeconds;
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, Arrays.hashCode(mx), maxAgeSeconds);
    }

    /** Wire form, the policy text as served: one {@code key: value} line each, CRLF-terminated. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("version: STSv1\r\n");
        text.append("mode: ").append(mode.wireName()).append("\r\n");
        for (String pattern : mx) {
            text.append("mx: ").append(pattern).append("\r\n");
        }
        text.append("max_age: ").append(maxAgeSeconds).append("\r\n");
        return text.toString();
    }
}
