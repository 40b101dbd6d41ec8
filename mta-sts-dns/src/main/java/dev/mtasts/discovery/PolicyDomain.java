package dev.mtasts.discovery;

import java.util.Locale;

/**
 * The one normal form of a policy domain (and of any host name the project compares): ASCII lower case, one
 * trailing dot removed. Discovery, the policy service, reports, WebAdmin and the command line all use it.
 */
public final class PolicyDomain {

    private PolicyDomain() {
    }

    /** Returns {@code domain} itself when it is already normal, so a cache hit allocates nothing. */
    public static String normalize(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        int length = lower.length();
        return length > 0 && lower.charAt(length - 1) == '.' ? lower.substring(0, length - 1) : lower;
    }
}
