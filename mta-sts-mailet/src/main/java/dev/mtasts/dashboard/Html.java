package dev.mtasts.dashboard;

/**
 * Escaping for text that comes from outside (domain names, policy ids, error details, report organizations): every
 * such string goes into the page through {@link #text}, in element content and in quoted attribute values alike.
 */
public final class Html {

    private Html() {
    }

    /**
     * {@code value} safe inside element content and inside a double- or single-quoted attribute: {@code & < > " '}
     * become character references, and control characters other than tab, line feed and carriage return (which HTML
     * does not allow, and which could hide text) become U+FFFD.
     */
    public static String text(String value) {
        StringBuilder escaped = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (escaped != null) {
                escaped.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        return escaped == null ? value : escaped.toString();
    }

    private static String replacement(char c) {
        switch (c) {
            case '&':
                return "&amp;";
            case '<':
                return "&lt;";
            case '>':
                return "&gt;";
            case '"':
                return "&quot;";
            case '\'':
                return "&#39;";
            case '\t':
            case '\n':
            case '\r':
                return null;
            default:
                return c < 0x20 || c == 0x7f ? "\uFFFD" : null;
        }
    }
}
