package dev.mtasts.discovery;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one normal form of a policy domain (and of any host name the project compares): ASCII lower case, one
 * trailing dot removed. Discovery, the policy service, reports, WebAdmin and the command line all use it.
 */
public final class PolicyDomain {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private PolicyDomain() {
    }

    /** Returns {@code domain} itself when it is already normal, so a cache hit allocates nothing. */
    public static String normalize(String domain) {
        if (isNormalAscii(domain)) {
            return domain; // the common case, a delivery's recipient domain: checked without a copy
        }
        String lower = domain.toLowerCase(Locale.ROOT);
        int length = lower.length();
        return length > 0 && lower.charAt(length - 1) == '.' ? lower.substring(0, length - 1) : lower;
    }

    /** ASCII without upper-case letters and without a trailing dot: what {@link #normalize} leaves as it is. */
    private static boolean isNormalAscii(String domain) {
        int length = domain.length();
        for (int i = 0; i < length; i++) {
            char c = domain.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return length == 0 || domain.charAt(length - 1) != '.';
    }

    /**
     * Whether {@code normalized} (see {@link #normalize}) is a host name: letter-digit-hyphen labels of at most 63
     * characters, at most 253 in all (RFC 1123 §2.1).
     */
    public static boolean isHostName(String normalized) {
        if (normalized.isEmpty() || normalized.length() > 253) {
            return false;
        }
        for (String label : normalized.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
