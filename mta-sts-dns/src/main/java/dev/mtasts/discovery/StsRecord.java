package dev.mtasts.discovery;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code _mta-sts} TXT record (RFC 8461 §3.1): {@code v=STSv1; id=20160831085700Z;} plus optional extensions.
 */
public final class StsRecord {

    /** The version field, with which every record starts (RFC 8461 §3.1 sts-version). */
    public static final String VERSION = "v=STSv1";

    /** sts-id = %s"id=" 1*32(ALPHA / DIGIT) */
    public static final int MAX_ID_LENGTH = 32;

    private static final String KIND = "MTA-STS record";

    private final String id;
    private final Map<String, String> extensions;

    public StsRecord(String id, Map<String, String> extensions) {
        this.id = Objects.requireNonNull(id, "id");
        this.extensions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extensions));
    }

    /** 1 to 32 letters or digits; a new id announces a new policy. */
    public String id() {
        return id;
    }

    /** Extension fields in the order they appear. */
    public Map<String, String> extensions() {
        return extensions;
    }

    /**
     * Parses a record value exactly per the ABNF of RFC 8461 §3.1:
     *
     * <pre>
     * sts-text-record = sts-version sts-field-delim sts-id [sts-field-delim [sts-extensions]]
     * sts-field-delim = *WSP ";" *WSP
     * sts-version     = %s"v=STSv1"
     * sts-id          = %s"id=" 1*32(ALPHA / DIGIT)
     * sts-extensions  = sts-extension *(sts-field-delim sts-extension)
     * sts-extension   = sts-ext-name "=" sts-ext-value
     * sts-ext-name    = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
     * sts-ext-value   = 1*(%x21-3A / %x3C / %x3E-7E)
     * </pre>
     *
     * <p>What that means, and the choices where the text leaves room:
     * <ul>
     *   <li>{@code v=STSv1} and {@code id=} are case-sensitive and must be the first and second fields.</li>
     *   <li>Whitespace (space, tab) is allowed only around {@code ;}, never around {@code =}, never before the
     *       version, and never at the end unless it follows a {@code ;}.</li>
     *   <li>One trailing {@code ;} is accepted after the id and, although the ABNF as printed omits it, after
     *       the last extension too, as in RFC 8460's sibling grammar and in {@link #toString()}.
     *       Two {@code ;} in a row are an error.</li>
     *   <li>An extension named {@code id} is a duplicate id, one named {@code v} a duplicate version: both are
     *       errors, since they make the record ambiguous. Any other repeated extension name: the first wins.</li>
     * </ul>
     *
     * @throws RecordSyntaxException saying what is wrong and at which column
     */
    public static StsRecord parse(String value) throws RecordSyntaxException {
        Objects.requireNonNull(value, "value");
        RecordCursor in = new RecordCursor(value, KIND);
        in.version(VERSION, "id=");
        String id = id(in);
        Map<String, String> extensions = new LinkedHashMap<>();
        while (in.fieldDelimiter()) {
            if (in.atEnd()) {
                break; // one trailing delimiter
            }
            int start = in.position();
            String name = in.extensionName();
            if (name.equals("id")) {
                throw in.errorAt(start, "duplicate id field");
            }
            if (name.equals("v")) {
                throw in.errorAt(start, "duplicate v field");
            }
            String extensionValue = in.extensionValue(name);
            extensions.putIfAbsent(name, extensionValue);
            if (!in.atEnd() && !in.atFieldDelimiter()) {
                throw in.unexpectedAfterField("field \"" + name + "\"");
            }
        }
        if (!in.atEnd()) {
            throw in.unexpectedAfterField("the id");
        }
        return new StsRecord(id, extensions);
    }

    private static String id(RecordCursor in) throws RecordSyntaxException {
        if (in.atEnd()) {
            throw in.error("missing id: expected \"id=\" as the second field");
        }
        int start = in.position();
        if (!in.take("id=")) {
            throw in.error("expected \"id=\" (case-sensitive, no spaces) as the second field, found " + in.found());
        }
        int idStart = in.position();
        String id = in.takeWhile(RecordCursor::isAlphaDigit);
        if (id.isEmpty()) {
            if (in.atEnd() || in.atFieldDelimiter()) {
                throw in.errorAt(start, "id is empty; expected 1 to " + MAX_ID_LENGTH + " letters or digits");
            }
            if (RecordCursor.isWsp(in.current())) {
                throw in.error("whitespace after \"id=\" is not allowed");
            }
            throw in.error("id may contain only ASCII letters and digits, found " + in.found());
        }
        if (!in.atEnd() && !in.atFieldDelimiter()) {
            if (RecordCursor.isWsp(in.current())) {
                throw in.unexpectedAfterField("the id");
            }
            throw in.error("id may contain only ASCII letters and digits, found " + in.found());
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw in.errorAt(idStart, "id has " + id.length() + " characters; at most " + MAX_ID_LENGTH
                    + " are allowed");
        }
        return id;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StsRecord && id.equals(((StsRecord) other).id)
                && extensions.equals(((StsRecord) other).extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, extensions);
    }

    /** Wire form: {@code v=STSv1; id=...;} followed by the extensions. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("v=STSv1; id=").append(id).append(';');
        extensions.forEach((name, value) -> text.append(' ').append(name).append('=').append(value).append(';'));
        return text.toString();
    }
}
