package dev.mtasts.discovery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An {@code _smtp._tls} TXT record (RFC 8460 §3): {@code v=TLSRPTv1; rua=mailto:tlsrpt@example.com,https://...}.
 */
public final class TlsRptRecord {

    /** The version field, with which every record starts (RFC 8460 §3 tlsrpt-version). */
    public static final String VERSION = "v=TLSRPTv1";

    private static final String KIND = "TLSRPT record";

    private final List<URI> rua;
    private final Map<String, String> extensions;

    public TlsRptRecord(List<URI> rua, Map<String, String> extensions) {
        this.rua = List.copyOf(rua);
        Objects.requireNonNull(extensions, "extensions");
        this.extensions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extensions));
    }

    /** Where aggregate reports go: {@code mailto:} and {@code https:} URIs, in record order. */
    public List<URI> rua() {
        return rua;
    }

    /** Extension fields in the order they appear. */
    public Map<String, String> extensions() {
        return extensions;
    }

    /**
     * Parses a record value per the ABNF of RFC 8460 §3:
     *
     * <pre>
     * tlsrpt-record     = tlsrpt-version 1*(field-delim tlsrpt-field) [field-delim]
     * field-delim       = *WSP ";" *WSP
     * tlsrpt-field      = tlsrpt-rua / tlsrpt-extension   ; tlsrpt-rua is required
     * tlsrpt-version    = %s"v=TLSRPTv1"
     * tlsrpt-rua        = %s"rua=" tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)
     * tlsrpt-uri        = URI    ; RFC 3986; "," and "!" must be percent-encoded
     * tlsrpt-extension  = tlsrpt-ext-name "=" tlsrpt-ext-value
     * tlsrpt-ext-name   = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
     * tlsrpt-ext-value  = 1*(%x21-3A / %x3C / %x3E-7E)
     * </pre>
     *
     * <p>Choices where the text leaves room:
     * <ul>
     *   <li>A URI whose scheme is neither {@code mailto} nor {@code https} (case-insensitive) is syntactically
     *       valid and is skipped: "two URI schemes are supported" and a reporter delivers to "each of the
     *       supported rua destinations"; parsers "MUST accept" records implementing a superset. A record with
     *       no supported URI left is an error, since it names nowhere to send reports.</li>
     *   <li>An unencoded {@code !} in a URI is an error (the RFC says it MUST be encoded), as is an {@code https}
     *       URI without a host and a relative URI.</li>
     *   <li>Field names are case-sensitive: {@code RUA=} is an extension, not the rua field. A repeated rua
     *       field adds its URIs; for any other repeated field the first wins. Unknown fields are kept in
     *       {@link #extensions()} for the caller to ignore.</li>
     *   <li>Whitespace rules as for {@link StsRecord#parse}: only around {@code ;} and {@code ,}.</li>
     * </ul>
     *
     * @throws RecordSyntaxException saying what is wrong and at which column
     */
    public static TlsRptRecord parse(String value) throws RecordSyntaxException {
        Objects.requireNonNull(value, "value");
        RecordCursor in = new RecordCursor(value, KIND);
        in.version(VERSION, "rua=");
        List<URI> rua = new ArrayList<>();
        boolean sawRua = false;
        Map<String, String> extensions = new LinkedHashMap<>();
        while (!in.atEnd()) {
            String name = in.extensionName();
            if (name.equals("rua")) {
                if (!in.take("=")) {
                    throw in.error("expected '=' after field name \"rua\", found " + in.found());
                }
                readUris(in, rua);
                sawRua = true;
            } else {
                extensions.putIfAbsent(name, in.extensionValue(name));
            }
            if (in.atEnd()) {
                break;
            }
            if (!in.fieldDelimiter()) {
                throw in.unexpectedAfterField("field \"" + name + "\"");
            }
        }
        if (!sawRua) {
            throw in.error("the rua field is missing (it is required)");
        }
        if (rua.isEmpty()) {
            throw in.error("rua names no mailto: or https: URI");
        }
        return new TlsRptRecord(rua, extensions);
    }

    /** {@code tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)}, keeping the supported ones. */
    private static void readUris(RecordCursor in, List<URI> into) throws RecordSyntaxException {
        do {
            int start = in.position();
            String text = in.takeWhile(c -> c > 0x20 && c < 0x7f && c != ',' && c != ';');
            if (text.isEmpty()) {
                throw in.error("expected a URI in rua, found " + in.found());
            }
            int bang = text.indexOf('!');
            if (bang >= 0) {
                throw in.errorAt(start + bang, "'!' must be percent-encoded (%21) in a rua URI");
            }
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                int at = e.getIndex() >= 0 ? start + e.getIndex() : start;
                throw in.errorAt(at, "\"" + text + "\" is not a valid URI: " + e.getReason());
            }
            if (!uri.isAbsolute()) {
                throw in.errorAt(start, "\"" + text + "\" is not an absolute URI; expected mailto: or https:");
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("https")) {
                if (uri.getHost() == null) {
                    throw in.errorAt(start, "\"" + text + "\" has no valid host name");
                }
                into.add(uri);
            } else if (scheme.equals("mailto")) {
                into.add(uri);
            }
            // RFC 8460 §3: other schemes are not supported; skip them.
        } while (in.separator(','));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TlsRptRecord && rua.equals(((TlsRptRecord) other).rua)
                && extensions.equals(((TlsRptRecord) other).extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rua, extensions);
    }

    /** Wire form: {@code v=TLSRPTv1; rua=...,...} followed by the extensions. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(VERSION).append("; rua=")
                .append(rua.stream().map(URI::toString).collect(Collectors.joining(",")));
        extensions.forEach((name, value) -> text.append("; ").append(name).append('=').append(value));
        return text.toString();
    }
}
