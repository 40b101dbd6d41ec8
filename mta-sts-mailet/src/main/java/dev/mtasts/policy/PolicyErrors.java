package dev.mtasts.policy;

import java.util.ArrayList;
import java.util.List;

/** The errors found in one policy text, in the message format documented on {@link PolicySyntaxException}. */
final class PolicyErrors {

    /** Longest excerpt of the input quoted in a message. */
    private static final int QUOTE_LIMIT = 64;

    private final List<String> messages = new ArrayList<>();
    private int lineErrors;
    private boolean stopped;

    void atLine(int lineNumber, String message) {
        if (stopped) {
            return;
        }
        if (lineErrors == PolicyParser.MAX_LINE_ERRORS) {
            stopped = true;
            messages.add("policy: more than " + PolicyParser.MAX_LINE_ERRORS
                    + " errors; stopped reading at line " + lineNumber);
            return;
        }
        lineErrors++;
        messages.add("line " + lineNumber + ": " + message);
    }

    void forPolicy(String message) {
        messages.add("policy: " + message);
    }

    /** True once the error limit was reached: the rest of the text is not read. */
    boolean stopped() {
        return stopped;
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    List<String> messages() {
        return messages;
    }

    /**
     * {@code text[start, end)} in double quotes, safe to log: only printable ASCII passes as is; everything else,
     * and {@code "} and {@code \}, is escaped; more than {@value QUOTE_LIMIT} characters are cut with {@code ...}.
     */
    static String quote(String text, int start, int end) {
        StringBuilder quoted = new StringBuilder(Math.min(end - start, QUOTE_LIMIT) + 8).append('"');
        int stop = Math.min(end, start + QUOTE_LIMIT);
        for (int i = start; i < stop; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7F) {
                quoted.append(c);
            } else {
                quoted.append(codePoint(c));
            }
        }
        if (stop < end) {
            quoted.append("...");
        }
        return quoted.append('"').toString();
    }

    static String quote(String text) {
        return quote(text, 0, text.length());
    }

    /** {@code \\uXXXX} form of one UTF-16 unit, for naming a character in a message. */
    static String codePoint(char c) {
        return String.format("\\u%04X", (int) c);
    }
}
