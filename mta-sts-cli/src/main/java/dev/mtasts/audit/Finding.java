package dev.mtasts.audit;

import java.util.Objects;

/**
 * One thing an audit found.
 *
 * @param code    what kind of finding; gives the area and the severity
 * @param message what was found, in one line, naming the host or value concerned
 * @param fix     what to do about it, in one line (for an {@link Severity#INFO} finding, often nothing)
 */
public record Finding(FindingCode code, String message, String fix) {

    public Finding {
        Objects.requireNonNull(code, "code");
        message = oneLine(Objects.requireNonNull(message, "message"));
        fix = oneLine(Objects.requireNonNull(fix, "fix"));
    }

    public Area area() {
        return code.area();
    }

    public Severity severity() {
        return code.severity();
    }

    /** Control characters (line breaks from a server's reply, say) become spaces: a finding is one line. */
    private static String oneLine(String text) {
        StringBuilder line = new StringBuilder(text.length());
        text.codePoints().forEach(c -> line.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return line.toString().strip();
    }
}
