package dev.mtasts.discovery;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** RFC 8460 §3: the {@code _smtp._tls} TXT record grammar, case by case. */
class TlsRptRecordTest {

    private static final String MAILTO = "mailto:tlsrpt@example.com";
    private static final String HTTPS = "https://reports.example.com/v1/tlsrpt";

    static Stream<Arguments> validRecords() {
        return Stream.of(
                valid("one mailto URI", "v=TLSRPTv1; rua=" + MAILTO, List.of(MAILTO)),
                valid("one https URI", "v=TLSRPTv1; rua=" + HTTPS, List.of(HTTPS)),
                valid("two URIs", "v=TLSRPTv1; rua=" + MAILTO + "," + HTTPS, List.of(MAILTO, HTTPS)),
                valid("whitespace around the comma", "v=TLSRPTv1; rua=" + MAILTO + " ,\t" + HTTPS, List.of(MAILTO, HTTPS)),
                valid("trailing ;", "v=TLSRPTv1; rua=" + MAILTO + ";", List.of(MAILTO)),
                valid("trailing ; then spaces", "v=TLSRPTv1; rua=" + MAILTO + " ;  ", List.of(MAILTO)),
                valid("no whitespace at all", "v=TLSRPTv1;rua=" + MAILTO, List.of(MAILTO)),
                valid("extension before rua", "v=TLSRPTv1; ext=1; rua=" + MAILTO, List.of(MAILTO), "ext", "1"),
                valid("extension after rua", "v=TLSRPTv1; rua=" + MAILTO + "; ext=1;", List.of(MAILTO), "ext", "1"),
                valid("unsupported scheme is skipped", "v=TLSRPTv1; rua=http://reports.example.com/," + MAILTO, List.of(MAILTO)),
                valid("scheme in upper case", "v=TLSRPTv1; rua=MAILTO:tlsrpt@example.com", List.of("MAILTO:tlsrpt@example.com")),
                valid("repeated rua adds its URIs", "v=TLSRPTv1; rua=" + MAILTO + "; rua=" + HTTPS, List.of(MAILTO, HTTPS)),
                valid("percent-encoded comma and !", "v=TLSRPTv1; rua=https://r.example.com/a%2Cb%21", List.of("https://r.example.com/a%2Cb%21")),
                valid("RUA in upper case is an extension", "v=TLSRPTv1; RUA=x; rua=" + MAILTO, List.of(MAILTO), "RUA", "x"));
    }

    static Stream<Arguments> invalidRecords() {
        return Stream.of(
                invalid("empty string", "", "column 1: the record is empty"),
                invalid("leading space", " v=TLSRPTv1; rua=" + MAILTO, "column 1: expected \"v=TLSRPTv1\""),
                invalid("version in lower case", "v=tlsrptv1; rua=" + MAILTO, "column 1: expected \"v=TLSRPTv1\" (case-sensitive)"),
                invalid("version 2", "v=TLSRPTv2; rua=" + MAILTO, "column 1"),
                invalid("version 10", "v=TLSRPTv10; rua=" + MAILTO, "column 11: expected ';' after \"v=TLSRPTv1\", found '0' (unsupported version)"),
                invalid("version only", "v=TLSRPTv1", "column 11: expected ';' and then \"rua=\""),
                invalid("version and ; only", "v=TLSRPTv1;", "column 12: the rua field is missing"),
                invalid("no rua field", "v=TLSRPTv1; ext=1", "the rua field is missing"),
                invalid("only RUA in upper case", "v=TLSRPTv1; RUA=" + MAILTO, "the rua field is missing"),
                invalid("empty rua", "v=TLSRPTv1; rua=", "column 17: expected a URI in rua, found end of record"),
                invalid("empty rua then ;", "v=TLSRPTv1; rua=;", "column 17: expected a URI in rua, found ';'"),
                invalid("only an unsupported scheme", "v=TLSRPTv1; rua=http://reports.example.com/", "rua names no mailto: or https: URI"),
                invalid("URI without a scheme", "v=TLSRPTv1; rua=tlsrpt@example.com", "column 17: \"tlsrpt@example.com\" is not an absolute URI"),
                invalid("unencoded !", "v=TLSRPTv1; rua=" + MAILTO + "!10m", "column 42: '!' must be percent-encoded (%21)"),
                invalid("empty element between commas", "v=TLSRPTv1; rua=" + MAILTO + ",," + HTTPS, "column 43: expected a URI in rua, found ','"),
                invalid("trailing comma", "v=TLSRPTv1; rua=" + MAILTO + ",", "column 43: expected a URI in rua, found end of record"),
                invalid("space inside a URI", "v=TLSRPTv1; rua=mailto:a b@example.com", "column 25: whitespace after field \"rua\" is allowed only before a ';'"),
                invalid("https URI without a host", "v=TLSRPTv1; rua=https:///reports", "column 17: \"https:///reports\" has no valid host name"),
                invalid("malformed percent escape", "v=TLSRPTv1; rua=https://r.example.com/%zz", "is not a valid URI"),
                invalid("space before = of rua", "v=TLSRPTv1; rua =" + MAILTO, "column 16: expected '=' after field name \"rua\", found space"),
                invalid("space after = of rua", "v=TLSRPTv1; rua= " + MAILTO, "column 17: expected a URI in rua, found space"),
                invalid("two ; in a row", "v=TLSRPTv1; rua=" + MAILTO + ";;", "column 43: expected a field name, found ';'"),
                invalid("extension with an empty value", "v=TLSRPTv1; rua=" + MAILTO + "; ext=", "field \"ext\" has an empty value"),
                invalid("non-ASCII in a URI", "v=TLSRPTv1; rua=mailto:tlsrpt@exämple.com", "column 33: unexpected U+00E4 after field \"rua\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRecords")
    void parsesValidRecord(String description, String text, TlsRptRecord expected) throws RecordSyntaxException {
        TlsRptRecord parsed = TlsRptRecord.parse(text);

        assertThat(parsed).isEqualTo(expected);
        assertThat(TlsRptRecord.parse(parsed.toString())).isEqualTo(parsed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRecords")
    void rejectsInvalidRecord(String description, String text, String messagePart) {
        assertThatThrownBy(() -> TlsRptRecord.parse(text))
                .isInstanceOf(RecordSyntaxException.class)
                .hasMessageStartingWith("Invalid TLSRPT record at ")
                .hasMessageContaining(messagePart);
    }

    private static Arguments valid(String description, String text, List<String> rua, String... extensionPairs) {
        Map<String, String> extensions = new LinkedHashMap<>();
        for (int i = 0; i < extensionPairs.length; i += 2) {
            extensions.put(extensionPairs[i], extensionPairs[i + 1]);
        }
        return arguments(description, text, new TlsRptRecord(rua.stream().map(URI::create).toList(), extensions));
    }

    private static Arguments invalid(String description, String text, String messagePart) {
        return arguments(description, text, messagePart);
    }
}
