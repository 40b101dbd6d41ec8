package dev.mtasts.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property tests of {@link TlsRptJsonParser} and {@link ReportMailReader}: whatever a sender sends, the result is a
 * report or a rejection, never an exception; and a parsed report written back parses to itself.
 *
 * <p>Each property runs {@code jqwik.tries.default} inputs (see {@code junit-platform.properties}).
 */
class TlsRptJsonParserFuzzTest {

    private static final TlsRptJsonParser PARSER = new TlsRptJsonParser(ReportLimits.defaults());
    private static final ReportMailReader READER = new ReportMailReader(ReportLimits.defaults());
    private static final String VALID = ReportJson.report(ReportJson.RFC_POLICY,
            ReportJson.policy("example.com", 3, 1, ReportJson.detail("validation-failure", "mx.example.com", 1)));

    /** Pieces of report JSON, well-formed and not, so that random sequences reach deep into the parser. */
    private static final List<String> TOKENS = List.of(
            "{", "}", "[", "]", ":", ",", "\"", " ", "\n", "null", "true", "false", "0", "-1", "1.5", "1e400",
            "99999999999999999999", "\"\"", "\"x\"", "\"organization-name\"", "\"date-range\"", "\"start-datetime\"",
            "\"end-datetime\"", "\"2016-04-01T00:00:00Z\"", "\"2016-04-01T00:00:00\"", "\"2016-13-01T00:00:00Z\"",
            "\"report-id\"", "\"contact-info\"", "\"policies\"", "\"policy\"", "\"policy-type\"", "\"sts\"",
            "\"no-policy-found\"", "\"policy-domain\"", "\"mx-host\"", "\"policy-string\"", "\"summary\"",
            "\"total-successful-session-count\"", "\"total-failure-session-count\"", "\"failure-details\"",
            "\"result-type\"", "\"failed-session-count\"", "\"sending-mta-ip\"", "\"receiving-ip\"",
            "\"receiving-mx-hostname\"", "\"failure-reason-code\"", "\"\\u0000\"", "\"\\ud800\"", "\ufeff", "\u00e9");

    @Property
    void anyBytesParseOrAreRejected(@ForAll byte[] bytes) {
        assertParsesOrIsRejected(bytes);
    }

    @Property
    void reportLikeTextParsesOrIsRejected(@ForAll("reportLikeText") String text) {
        assertParsesOrIsRejected(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property
    void mutatedReportParsesOrIsRejected(@ForAll("mutatedReports") String text) {
        assertParsesOrIsRejected(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 2000)
    void anyFileOrMailIsReadOrRejected(@ForAll("mutatedMails") byte[] mail) {
        assertThat(READER.read(mail)).isNotNull();
    }

    @Property
    void aParsedReportWrittenBackParsesToItself(@ForAll("mutatedReports") String text) throws Exception {
        ParseOutcome outcome = PARSER.parse(text.getBytes(StandardCharsets.UTF_8));
        if (outcome instanceof ParseOutcome.Parsed parsed) {
            byte[] written = new ObjectMapper().writeValueAsBytes(ReportWireFormat.json(parsed.report()));
            assertThat(PARSER.parse(written)).isInstanceOfSatisfying(ParseOutcome.Parsed.class,
                    again -> assertThat(again.report()).isEqualTo(parsed.report()));
        }
    }

    private static void assertParsesOrIsRejected(byte[] input) {
        ParseOutcome outcome = PARSER.parse(input);
        assertThat(outcome).isNotNull();
        if (outcome instanceof ParseOutcome.Rejected rejected) {
            assertThat(rejected.detail()).isNotNull();
        }
    }

    @Provide
    Arbitrary<String> reportLikeText() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(80).map(tokens -> String.join("", tokens));
    }

    @Provide
    Arbitrary<String> mutatedReports() {
        Arbitrary<Integer> positions = Arbitraries.integers().between(0, VALID.length());
        Arbitrary<String> pieces = Arbitraries.oneOf(Arbitraries.of(TOKENS), Arbitraries.strings().ofMaxLength(3));
        return positions.list().ofMinSize(1).ofMaxSize(4).flatMap(cuts -> pieces.list().ofSize(cuts.size())
                .map(inserts -> {
                    StringBuilder text = new StringBuilder(VALID);
                    for (int i = 0; i < cuts.size(); i++) {
                        int at = Math.min(cuts.get(i), text.length());
                        int end = Math.min(text.length(), at + inserts.get(i).length() % 3);
                        text.replace(at, end, inserts.get(i));
                    }
                    return text.toString();
                }));
    }

    @Provide
    Arbitrary<byte[]> mutatedMails() {
        byte[] mail = Mails.multipartReport("Content-Type: application/tlsrpt+gzip\r\n"
                + "Content-Transfer-Encoding: base64\r\n", Mails.base64(Mails.gzip(VALID.getBytes(StandardCharsets.UTF_8))));
        Arbitrary<Integer> positions = Arbitraries.integers().between(0, mail.length - 1);
        return positions.list().ofMinSize(1).ofMaxSize(6).flatMap(cuts -> Arbitraries.bytes().list()
                .ofSize(cuts.size()).map(values -> {
                    byte[] mutated = mail.clone();
                    for (int i = 0; i < cuts.size(); i++) {
                        mutated[cuts.get(i)] = values.get(i);
                    }
                    return mutated;
                }));
    }
}
