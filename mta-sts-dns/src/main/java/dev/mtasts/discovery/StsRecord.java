package dev.mtasts.discovery;

import java.util.Map;
import java.util.Objects;

/**
 * An {@code _mta-sts} TXT record (RFC 8461 §3.1): {@code v=STSv1; id=20160831085700Z;} plus optional extensions.
 *
 * @param id         1 to 32 letters or digits; a new id announces a new policy
 * @param extensions extension fields in the order they appear
 */
public record StsRecord(String id, Map<String, String> extensions) {

    public StsRecord {
        Objects.requireNonNull(id, "id");
        extensions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extensions));
    }

    /** Parses a record value exactly per the ABNF of RFC 8461 §3.1. */
    public static StsRecord parse(String value) throws RecordSyntaxException {
        throw new UnsupportedOperationException("not yet");
    }

    /** Wire form: {@code v=STSv1; id=...;} followed by the extensions. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("v=STSv1; id=").append(id).append(';');
        extensions.forEach((name, value) -> text.append(' ').append(name).append('=').append(value).append(';'));
        return text.toString();
    }
}
