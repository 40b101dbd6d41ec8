package dev.mtasts.audit;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One SMTP reply (RFC 5321 §4.2): a three-digit code and the text of each line.
 *
 * @param code  e.g. 250
 * @param lines the text after the code and separator, one element per line
 */
record SmtpReply(int code, List<String> lines) {

    SmtpReply {
        lines = List.copyOf(lines);
        if (code < 200 || code > 599 || lines.isEmpty()) {
            throw new IllegalArgumentException("not an SMTP reply: " + code + " " + lines);
        }
    }

    /**
     * The EHLO keywords (RFC 5321 §4.1.1.1): the first word of every line but the first, upper case.
     */
    List<String> ehloKeywords() {
        return lines.subList(1, lines.size()).stream()
                .map(line -> line.strip().split("[ \t]", 2)[0].toUpperCase(Locale.ROOT))
                .filter(keyword -> !keyword.isEmpty())
                .toList();
    }

    boolean offers(String keyword) {
        return ehloKeywords().contains(Objects.requireNonNull(keyword).toUpperCase(Locale.ROOT));
    }

    /** The reply as the server sent it, lines joined by " / ", for a finding. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            if (!text.isEmpty()) {
                text.append(" / ");
            }
            text.append(code);
            if (!line.isEmpty()) {
                text.append(' ').append(line);
            }
        }
        return text.toString();
    }
}
