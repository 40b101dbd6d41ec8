package dev.mtasts.discovery;

import java.util.function.IntPredicate;

/**
 * Reads a TXT record value left to right for the grammars of RFC 8461 §3.1 and RFC 8460 §3, and builds error
 * messages that say what was expected and at which column (1-based).
 */
final class RecordCursor {

    private final String text;
    private final String kind;
    private int position;

    RecordCursor(String text, String kind) {
        this.text = text;
        this.kind = kind;
    }

    int position() {
        return position;
    }

    /** The character at the current position; call only when not {@link #atEnd()}. */
    char current() {
        return text.charAt(position);
    }

    boolean atEnd() {
        return position >= text.length();
    }

    /** Consumes {@code literal} if the text continues with it, case-sensitively (RFC 7405 {@code %s}). */
    boolean take(String literal) {
        if (text.startsWith(literal, position)) {
            position += literal.length();
            return true;
        }
        return false;
    }

    /** Consumes the longest run of characters that match, and returns it. */
    String takeWhile(IntPredicate accepted) {
        int start = position;
        while (position < text.length() && accepted.test(text.charAt(position))) {
            position++;
        }
        return text.substring(start, position);
    }

    /** Consumes {@code *WSP ";" *WSP} if it comes next (sts-field-delim, RFC 8460 field-delim). */
    boolean fieldDelimiter() {
        return separator(';');
    }

    /** Consumes {@code *WSP separator *WSP} if it comes next. */
    boolean separator(char separator) {
        int probe = skipWsp(position);
        if (probe < text.length() && text.charAt(probe) == separator) {
            position = skipWsp(probe + 1);
            return true;
        }
        return false;
    }

    /** Whether a field delimiter (possibly after WSP) comes next. */
    boolean atFieldDelimiter() {
        int probe = skipWsp(position);
        return probe < text.length() && text.charAt(probe) == ';';
    }

    private int skipWsp(int from) {
        int at = from;
        while (at < text.length() && isWsp(text.charAt(at))) {
            at++;
        }
        return at;
    }

    /** The longest sts-ext-name / tlsrpt-ext-name: one leading character and up to 31 more. */
    static final int MAX_EXTENSION_NAME = 32;

    /**
     * Reads an extension field name: {@code (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")}, the same in
     * RFC 8461 §3.1 (sts-ext-name) and RFC 8460 §3 (tlsrpt-ext-name).
     */
    String extensionName() throws RecordSyntaxException {
        int start = position;
        String name = takeWhile(RecordCursor::isExtensionNameCharacter);
        if (name.isEmpty()) {
            throw error("expected a field name, found " + found());
        }
        if (!isAlphaDigit(name.charAt(0))) {
            throw errorAt(start, "field name \"" + name + "\" must start with a letter or digit");
        }
        if (name.length() > MAX_EXTENSION_NAME) {
            throw errorAt(start, "field name \"" + name + "\" is longer than " + MAX_EXTENSION_NAME + " characters");
        }
        return name;
    }

    /** Reads {@code "=" ext-value}: no whitespace around "=", at least one character. */
    String extensionValue(String name) throws RecordSyntaxException {
        if (!take("=")) {
            throw error("expected '=' after field name \"" + name + "\", found " + found());
        }
        String value = takeWhile(RecordCursor::isExtensionValueCharacter);
        if (value.isEmpty()) {
            if (atEnd() || atFieldDelimiter()) {
                throw error("field \"" + name + "\" has an empty value");
            }
            if (isWsp(current())) {
                throw error("whitespace after '=' in field \"" + name + "\" is not allowed");
            }
            throw error("field \"" + name + "\" may not contain " + found()
                    + " (allowed: printable ASCII except '=', ';' and space)");
        }
        return value;
    }

    /** After a field: the record must end or a field delimiter must follow. */
    RecordSyntaxException unexpectedAfterField(String field) {
        if (!atEnd() && isWsp(text.charAt(position))) {
            return error("whitespace after " + field + " is allowed only before a ';'");
        }
        return error("unexpected " + found() + " after " + field + "; expected ';' or the end of the record");
    }

    /** An error at the current position. */
    /**
     * Reads the version field and the delimiter after it, which both record grammars start with
     * (RFC 8461 §3.1, RFC 8460 §3): {@code version} exactly, then {@code ;}, then the field named {@code nextField}.
     */
    void version(String version, String nextField) throws RecordSyntaxException {
        if (atEnd()) {
            throw error("the record is empty; expected \"" + version + "\"");
        }
        if (!take(version)) {
            throw error("expected \"" + version + "\" (case-sensitive) at the start, found " + found());
        }
        if (!fieldDelimiter()) {
            if (atEnd()) {
                throw error("expected ';' and then \"" + nextField + "\" after \"" + version + "\"");
            }
            throw error("expected ';' after \"" + version + "\", found " + found()
                    + (isAlphaDigit(current()) ? " (unsupported version)" : ""));
        }
    }

    RecordSyntaxException error(String message) {
        return errorAt(position, message);
    }

    /** An error at {@code index} (0-based). */
    RecordSyntaxException errorAt(int index, String message) {
        return new RecordSyntaxException("Invalid " + kind + " at column " + (index + 1) + ": " + message
                + " in \"" + printable(text) + "\"");
    }

    /** What is at the current position, for messages: {@code 'x'}, {@code U+00E9} or {@code end of record}. */
    String found() {
        return atEnd() ? "end of record" : describe(text.charAt(position));
    }

    static String describe(char c) {
        if (c == ' ') {
            return "space";
        }
        if (c == '\t') {
            return "tab";
        }
        return c > 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < 200; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04X", (int) c));
        }
        if (text.length() > 200) {
            out.append("...");
        }
        return out.toString();
    }

    /** ABNF WSP (RFC 5234): space or horizontal tab. */
    static boolean isWsp(int c) {
        return c == ' ' || c == '\t';
    }

    /** ABNF ALPHA / DIGIT: ASCII only. */
    static boolean isAlphaDigit(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /** sts-ext-name and tlsrpt-ext-name characters after the first: ALPHA / DIGIT / "_" / "-" / ".". */
    static boolean isExtensionNameCharacter(int c) {
        return isAlphaDigit(c) || c == '_' || c == '-' || c == '.';
    }

    /** sts-ext-value and tlsrpt-ext-value: %x21-3A / %x3C / %x3E-7E (no "=", ";", space or control). */
    static boolean isExtensionValueCharacter(int c) {
        return (c >= 0x21 && c <= 0x3a) || c == 0x3c || (c >= 0x3e && c <= 0x7e);
    }
}
