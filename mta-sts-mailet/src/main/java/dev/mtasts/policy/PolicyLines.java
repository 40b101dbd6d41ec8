package dev.mtasts.policy;

import java.util.function.Consumer;

/**
 * Splits a policy text into lines and reads each one as a {@link PolicyField}, per the ABNF of RFC 8461 §3.2:
 *
 * <pre>
 * sts-policy-record      = sts-policy-field *WSP *(sts-policy-term sts-policy-field *WSP) [sts-policy-term]
 * sts-policy-term        = LF / CRLF
 * sts-policy-field-delim = ":" *WSP
 * sts-policy-ext-name    = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
 * sts-policy-ext-value   = sts-policy-vchar [*(%x20 / sts-policy-vchar) sts-policy-vchar]
 * sts-policy-vchar       = %x21-7E / UTF8-2 / UTF8-3 / UTF8-4
 * </pre>
 *
 * Every field, known or not, has this shape: the known fields only narrow the value. So a line is read here in
 * one pass, without regular expressions, and the caller gives the value its meaning. Where the text departs from
 * the grammar:
 * <ul>
 *   <li>A final line without a terminator is accepted: the grammar's terminator after the last field is
 *       optional.</li>
 *   <li>Empty lines (or lines of only spaces and tabs) are accepted at the end of the text only. The grammar
 *       allows no empty line at all, but many served policies end with one; an empty line followed by a field is
 *       an error.</li>
 *   <li>A CR not directly followed by LF is an error, wherever it is.</li>
 *   <li>A byte order mark (U+FEFF) at the start of the text is an error: the grammar has no place for it. The
 *       rest of the first line is still read, so that only the mark itself is reported.</li>
 *   <li>Whitespace before the colon, or at the start of a line, is an error. A tab inside a value is an error
 *       ({@code sts-policy-ext-value} allows only spaces between its characters).</li>
 * </ul>
 */
final class PolicyLines {

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final int MAX_NAME_LENGTH = 32;

    private final String text;
    private final PolicyErrors errors;
    private final Consumer<PolicyField> fields;
    private int lineNumber;
    /** First line of the current run of empty lines, or 0. Reported only if a non-empty line follows. */
    private int emptyRunStart;

    private PolicyLines(String text, PolicyErrors errors, Consumer<PolicyField> fields) {
        this.text = text;
        this.errors = errors;
        this.fields = fields;
    }

    /** Reports each well-formed line to {@code fields} and each malformed one to {@code errors}, in text order. */
    static void read(String text, PolicyErrors errors, Consumer<PolicyField> fields) {
        new PolicyLines(text, errors, fields).readAll();
    }

    private void readAll() {
        int length = text.length();
        int start = 0;
        while (start < length && !errors.stopped()) {
            lineNumber++;
            int lineFeed = text.indexOf('\n', start);
            int end = lineFeed < 0 ? length : lineFeed;
            int next = lineFeed < 0 ? length : lineFeed + 1;
            if (lineFeed >= 0 && end > start && text.charAt(end - 1) == '\r') {
                end--; // RFC 8461 §3.2: sts-policy-term = LF / CRLF
            }
            readLine(start, end);
            start = next;
        }
    }

    private void readLine(int start, int end) {
        if (lineNumber == 1 && start < end && text.charAt(start) == BYTE_ORDER_MARK) {
            errors.atLine(lineNumber, "byte order mark (U+FEFF) before the first field");
            start++;
        }
        while (end > start && isWsp(text.charAt(end - 1))) {
            end--; // RFC 8461 §3.2: sts-policy-field *WSP
        }
        if (start == end) {
            if (emptyRunStart == 0) {
                emptyRunStart = lineNumber;
            }
            return;
        }
        reportEmptyRun();
        if (hasCarriageReturn(start, end)) {
            errors.atLine(lineNumber, "carriage return not followed by line feed");
            return;
        }
        readField(start, end);
    }

    private void reportEmptyRun() {
        if (emptyRunStart != 0) {
            for (int empty = emptyRunStart; empty < lineNumber; empty++) {
                errors.atLine(empty, "empty line between fields");
            }
            emptyRunStart = 0;
        }
    }

    private boolean hasCarriageReturn(int start, int end) {
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == '\r') {
                return true;
            }
        }
        return false;
    }

    /** {@code [start, end)} is non-empty, has no CR and no trailing whitespace. */
    private void readField(int start, int end) {
        int nameEnd = start;
        while (nameEnd < end && isNameChar(text.charAt(nameEnd))) {
            nameEnd++;
        }
        String nameProblem = nameProblem(start, nameEnd, end);
        if (nameProblem != null) {
            errors.atLine(lineNumber, nameProblem);
            return;
        }
        int valueStart = nameEnd + 1; // past ':'
        while (valueStart < end && isWsp(text.charAt(valueStart))) {
            valueStart++; // RFC 8461 §3.2: sts-policy-field-delim = ":" *WSP
        }
        String name = text.substring(start, nameEnd);
        if (valueStart == end) {
            errors.atLine(lineNumber, "field " + PolicyErrors.quote(name) + " has no value");
            return;
        }
        String valueProblem = valueProblem(valueStart, end);
        if (valueProblem != null) {
            errors.atLine(lineNumber, "field " + PolicyErrors.quote(name) + ": " + valueProblem);
            return;
        }
        fields.accept(new PolicyField(lineNumber, name, text.substring(valueStart, end)));
    }

    /** Null when {@code [start, nameEnd)} is a field name followed by ':'. */
    private String nameProblem(int start, int nameEnd, int end) {
        if (nameEnd == start) {
            char first = text.charAt(start);
            if (isWsp(first)) {
                return "whitespace at the start of the line";
            }
            if (first == ':') {
                return "no field name before ':'";
            }
            return "invalid character " + describe(first) + " at the start of the line";
        }
        if (!isAlphaOrDigit(text.charAt(start))) {
            return "field name " + PolicyErrors.quote(text, start, nameEnd) + " must start with a letter or digit";
        }
        if (nameEnd - start > MAX_NAME_LENGTH) {
            return "field name " + PolicyErrors.quote(text, start, nameEnd) + " is longer than "
                    + MAX_NAME_LENGTH + " characters";
        }
        if (nameEnd == end) {
            return "no ':' after " + PolicyErrors.quote(text, start, nameEnd);
        }
        char after = text.charAt(nameEnd);
        if (isWsp(after)) {
            int colon = nameEnd;
            while (colon < end && isWsp(text.charAt(colon))) {
                colon++;
            }
            return colon < end && text.charAt(colon) == ':'
                    ? "whitespace between " + PolicyErrors.quote(text, start, nameEnd) + " and ':'"
                    : "no ':' after " + PolicyErrors.quote(text, start, nameEnd);
        }
        if (after != ':') {
            return "invalid character " + describe(after) + " in field name "
                    + PolicyErrors.quote(text, start, nameEnd);
        }
        return null;
    }

    /** RFC 8461 §3.2 {@code sts-policy-ext-value}; null when {@code [start, end)} matches it. */
    private String valueProblem(int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                continue;
            }
            if (c == '\t') {
                return "tab inside the value";
            }
            if (c < 0x80) {
                return "control character " + describe(c) + " in the value";
            }
            if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // UTF8-4
                continue;
            }
            if (Character.isSurrogate(c)) {
                return "unpaired surrogate " + describe(c) + " in the value";
            }
            // UTF8-2, UTF8-3
        }
        return null;
    }

    private static String describe(char c) {
        return c >= 0x21 && c < 0x7F ? "'" + c + "'" : PolicyErrors.codePoint(c);
    }

    static boolean isWsp(char c) {
        return c == ' ' || c == '\t';
    }

    static boolean isAlphaOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean isNameChar(char c) {
        return isAlphaOrDigit(c) || c == '_' || c == '-' || c == '.';
    }
}
