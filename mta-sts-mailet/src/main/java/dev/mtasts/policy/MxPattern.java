package dev.mtasts.policy;

import java.util.Locale;
import java.util.Objects;

/**
 * One {@code mx} value of a policy: a host name, or {@code *.} followed by a host name (RFC 8461 §3.2, §4.1).
 *
 * <p>Stored lower-cased without a trailing dot. Matching allocates nothing, because it runs for every MX of every
 * delivery attempt.
 */
public record MxPattern(String pattern) {

    private static final String WILDCARD_PREFIX = "*.";

    public MxPattern {
        Objects.requireNonNull(pattern, "pattern");
        pattern = stripTrailingDot(pattern.toLowerCase(Locale.ROOT));
        if (pattern.isEmpty() || pattern.equals("*")) {
            throw new IllegalArgumentException("empty MX pattern");
        }
    }

    public boolean isWildcard() {
        return pattern.startsWith(WILDCARD_PREFIX);
    }

    /**
     * RFC 8461 §4.1: case-insensitive, a trailing dot on the host is ignored, and {@code *.example.com} matches
     * exactly one whole left-most label: {@code mx.example.com}, not {@code example.com} nor
     * {@code a.mx.example.com}.
     */
    public boolean matches(String mxHost) {
        int hostLength = mxHost.length();
        if (hostLength > 0 && mxHost.charAt(hostLength - 1) == '.') {
            hostLength--;
        }
        if (!isWildcard()) {
            return hostLength == pattern.length() && mxHost.regionMatches(true, 0, pattern, 0, hostLength);
        }
        int suffixLength = pattern.length() - 1; // ".example.com"
        int labelLength = hostLength - suffixLength;
        if (labelLength < 1) {
            return false;
        }
        for (int i = 0; i < labelLength; i++) {
            if (mxHost.charAt(i) == '.') {
                return false;
            }
        }
        return mxHost.regionMatches(true, labelLength, pattern, 1, suffixLength);
    }

    private static String stripTrailingDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
