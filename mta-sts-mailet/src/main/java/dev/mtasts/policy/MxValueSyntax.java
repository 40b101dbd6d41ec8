package dev.mtasts.policy;

import java.util.Optional;

/**
 * The value of an {@code mx} field: {@code sts-policy-mx-value = ["*."] Domain} (RFC 8461 §3.2), where
 * {@code Domain} is RFC 5321's (§4.1.2): dot-separated labels of letters, digits and hyphens, each starting and
 * ending with a letter or digit.
 *
 * <ul>
 *   <li>Labels are 1 to 63 characters, the host name at most 253 (RFC 1035 §2.3.4, RFC 5321 §4.5.3.1.2).</li>
 *   <li>Host names are in A-label form ({@code xn--...}); a U-label (any non-ASCII character) is an error
 *       (RFC 8461 §3.2). An A-label is checked for its letter-digit-hyphen shape only, not decoded.</li>
 *   <li>A trailing dot is an error: {@code Domain} has none. (RFC 8461 §4.1 ignores a trailing dot on the MX
 *       host being matched, which comes from DNS; a policy's pattern must be written without one.)</li>
 *   <li>{@code *} is allowed only as the whole left-most label, followed by at least one further label.</li>
 * </ul>
 */
final class MxValueSyntax {

    private static final String WILDCARD_PREFIX = "*.";
    private static final int MAX_HOST_NAME_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private MxValueSyntax() {
    }

    /** What is wrong with {@code value}, or empty when it is a valid {@code sts-policy-mx-value}. */
    static Optional<String> problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return Optional.of("must be an A-label (xn--) host name, not a U-label: " + PolicyErrors.quote(value));
            }
        }
        String hostName = value.startsWith(WILDCARD_PREFIX) ? value.substring(WILDCARD_PREFIX.length()) : value;
        if (hostName.isEmpty()) {
            return Optional.of("no host name after \"*.\"");
        }
        if (hostName.length() > MAX_HOST_NAME_LENGTH) {
            return Optional.of("host name is longer than " + MAX_HOST_NAME_LENGTH + " characters");
        }
        if (hostName.endsWith(".")) {
            return Optional.of(PolicyErrors.quote(value) + " must not end with '.'");
        }
        int labelStart = 0;
        while (labelStart <= hostName.length()) {
            int dot = hostName.indexOf('.', labelStart);
            int labelEnd = dot < 0 ? hostName.length() : dot;
            Optional<String> labelProblem = labelProblem(hostName, labelStart, labelEnd);
            if (labelProblem.isPresent()) {
                return Optional.of(PolicyErrors.quote(value) + ": " + labelProblem.get());
            }
            labelStart = labelEnd + 1;
        }
        return Optional.empty();
    }

    private static Optional<String> labelProblem(String hostName, int start, int end) {
        if (start == end) {
            return Optional.of("empty label");
        }
        if (end - start > MAX_LABEL_LENGTH) {
            return Optional.of("label longer than " + MAX_LABEL_LENGTH + " characters");
        }
        for (int i = start; i < end; i++) {
            char c = hostName.charAt(i);
            if (c == '*') {
                return Optional.of("'*' is allowed only as the whole left-most label, as in \"*.example.com\"");
            }
            if (!PolicyLines.isAlphaOrDigit(c) && c != '-') {
                return Optional.of("invalid character '" + c + "' (only letters, digits and '-')");
            }
        }
        if (hostName.charAt(start) == '-' || hostName.charAt(end - 1) == '-') {
            return Optional.of("label " + PolicyErrors.quote(hostName, start, end)
                    + " starts or ends with '-'");
        }
        return Optional.empty();
    }
}
