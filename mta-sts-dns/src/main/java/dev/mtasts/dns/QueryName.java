package dev.mtasts.dns;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * A caller's name as an absolute dnsjava {@link Name}, or the reason it is not one.
 *
 * <p>Accepted: labels of ASCII letters, digits, hyphens and underscores (underscores for {@code _mta-sts} and
 * {@code _smtp._tls}), 1 to 63 characters each, 253 characters in all, with or without one trailing dot. The
 * name is always made absolute: no search path is ever applied. Anything else (empty, an empty label, spaces,
 * non-ASCII U-labels, escapes) cannot own a record, so {@link DnsjavaLookup} answers
 * {@link DnsAnswer.NotFound} for it without sending a query.
 *
 * <p>The hierarchy is closed: the only implementations are the nested classes below.
 */
interface QueryName {

    int MAX_LABEL = 63;
    int MAX_NAME = 253;

    final class Valid implements QueryName {
        private final Name name;

        Valid(Name name) {
            this.name = name;
        }

        public Name name() {
            return name;
        }
    }

    final class Invalid implements QueryName {
        private final String reason;

        Invalid(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    static QueryName parse(String text) {
        if (text == null || text.isEmpty()) {
            return new Invalid("empty name");
        }
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (name.isEmpty()) {
            return new Invalid("the root is not a name to look up");
        }
        if (name.length() > MAX_NAME) {
            return new Invalid("longer than " + MAX_NAME + " characters");
        }
        int labelStart = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '.') {
                int length = i - labelStart;
                if (length == 0) {
                    return new Invalid("empty label at position " + (i + 1));
                }
                if (length > MAX_LABEL) {
                    return new Invalid("label longer than " + MAX_LABEL + " characters at position " + (labelStart + 1));
                }
                labelStart = i + 1;
            } else if (!isNameCharacter(name.charAt(i))) {
                return new Invalid("character " + describe(name.charAt(i)) + " at position " + (i + 1)
                        + " (only ASCII letters, digits, '-' and '_'; IDNs must be given as A-labels)");
            }
        }
        try {
            return new Valid(Name.fromString(name, Name.root));
        } catch (TextParseException e) {
            return new Invalid(e.getMessage());
        }
    }

    private static boolean isNameCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    private static String describe(char c) {
        return c >= 0x21 && c <= 0x7e ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
