package dev.mtasts.policy;

import java.util.Objects;

/**
 * One {@code mx} value of a policy: a host name, or {@code *.} followed by a host name (RFC 8461 §3.2, §4.1).
 *
 * <p>Stored with ASCII letters lower-cased and without a trailing dot. Matching allocates nothing, because it runs
 * for every MX of every delivery attempt. The constructor only normalises; {@link PolicyParser} is what checks
 * that a value read from a policy is a well-formed host name.
 */
public final class MxPattern {

    private final String pattern;

    public MxPattern(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        this.pattern = stripTrailingDot(asciiLowerCase(pattern));
        if (this.pattern.isEmpty() || this.pattern.equals("*")) {
            throw new IllegalArgumentException("empty MX pattern");
        }
    }

    private MxPattern(String normalized, boolean alreadyNormalized) {
        this.pattern = normalized;
    }

    /** The pattern of {@code pattern()}, already normalised (as {@link Policy} keeps them): no copy is made. */
    static MxPattern normalized(String pattern) {
        return new MxPattern(pattern, true);
    }

    /** The pattern, ASCII letters lower-cased, without a trailing dot. */
    public String pattern() {
        return pattern;
    }

    public boolean isWildcard() {
        return isWildcard(pattern);
    }

    private static boolean isWildcard(String pattern) {
        return pattern.length() > 1 && pattern.charAt(0) == '*' && pattern.charAt(1) == '.'; // "*."
    }

    /**
     * RFC 8461 §4.1: case-insensitive, a trailing dot on the host is ignored, and {@code *.example.com} matches
     * exactly one whole left-most label: {@code mx.example.com}, not {@code example.com} nor
     * {@code a.mx.example.com}.
     *
     * <p>Case is folded for ASCII letters only, as DNS does (RFC 4343): {@code ı} (U+0131) or the Kelvin sign
     * (U+212A) must not stand in for {@code i} or {@code k}.
     */
    public boolean matches(String mxHost) {
        return matches(pattern, mxHost);
    }

    /** {@link #matches(String)} for a {@link #pattern()} kept as a string. */
    static boolean matches(String pattern, String mxHost) {
        int hostLength = mxHost.length();
        if (hostLength > 0 && mxHost.charAt(hostLength - 1) == '.') {
            hostLength--;
        }
        if (!isWildcard(pattern)) {
            return hostLength == pattern.length() && asciiRegionEqualsIgnoreCase(mxHost, 0, pattern, 0, hostLength);
        }
        int suffixLength = pattern.length() - 1; // ".example.com"
        int labelLength = hostLength - suffixLength;
        if (labelLength < 1) {
            return false;
        }
        int firstDot = mxHost.indexOf('.');
        if (firstDot >= 0 && firstDot < labelLength) {
            return false;
        }
        return asciiRegionEqualsIgnoreCase(mxHost, labelLength, pattern, 1, suffixLength);
    }

    /** {@code pattern} is already lower-case; only ASCII letters of {@code host} are folded. */
    private static boolean asciiRegionEqualsIgnoreCase(
            String host, int hostOffset, String lowerCasePattern, int patternOffset, int length) {
        if (host.regionMatches(hostOffset, lowerCasePattern, patternOffset, length)) {
            return true; // the usual case, a lower-case host: compared as bytes, without folding each character
        }
        for (int i = 0; i < length; i++) {
            if (asciiLowerCase(host.charAt(hostOffset + i)) != lowerCasePattern.charAt(patternOffset + i)) {
                return false;
            }
        }
        return true;
    }

    private static char asciiLowerCase(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static String asciiLowerCase(String name) {
        char[] chars = name.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = asciiLowerCase(chars[i]);
        }
        return new String(chars);
    }

    private static String stripTrailingDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MxPattern && pattern.equals(((MxPattern) other).pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
