package dev.mtasts.discovery;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code _smtp._tls} TXT record (RFC 8460 §3): {@code v=TLSRPTv1; rua=mailto:tlsrpt@example.com,https://...}.
 *
 * @param rua        where aggregate reports go: {@code mailto:} and {@code https:} URIs, in record order
 * @param extensions extension fields in the order they appear
 */
public record TlsRptRecord(List<URI> rua, Map<String, String> extensions) {

    public TlsRptRecord {
        rua = List.copyOf(rua);
        Objects.requireNonNull(extensions, "extensions");
        extensions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extensions));
    }

    /** Parses a record value per the ABNF of RFC 8460 §3. */
    public static TlsRptRecord parse(String value) throws RecordSyntaxException {
        throw new UnsupportedOperationException("not yet");
    }
}
