package dev.mtasts.policy;

/**
 * One well-formed {@code name: value} line of a policy text (RFC 8461 §3.2), before the meaning of the name is
 * looked at.
 */
final class PolicyField {

    private final int lineNumber;
    private final String name;
    private final String value;

    PolicyField(int lineNumber, String name, String value) {
        this.lineNumber = lineNumber;
        this.name = name;
        this.value = value;
    }

    /** 1-based. */
    int lineNumber() {
        return lineNumber;
    }

    /** Matches {@code sts-policy-ext-name}, as written (names are case-sensitive). */
    String name() {
        return name;
    }

    /**
     * Without the whitespace after the colon and at the end of the line; matches {@code sts-policy-ext-value}.
     */
    String value() {
        return value;
    }
}
