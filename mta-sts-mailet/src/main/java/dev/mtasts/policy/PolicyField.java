package dev.mtasts.policy;

/**
 * One well-formed {@code name: value} line of a policy text (RFC 8461 §3.2), before the meaning of the name is
 * looked at.
 *
 * @param lineNumber 1-based
 * @param name       matches {@code sts-policy-ext-name}, as written (names are case-sensitive)
 * @param value      without the whitespace after the colon and at the end of the line; matches
 *                   {@code sts-policy-ext-value}
 */
record PolicyField(int lineNumber, String name, String value) {
}
