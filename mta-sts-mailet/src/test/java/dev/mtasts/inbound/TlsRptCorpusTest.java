package dev.mtasts.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The report mails of the shared corpus ({@code integration-tests/src/test/resources/tlsrpt-corpus}, shaped like
 * real senders' mails) read by {@link ReportMailReader} as its manifest says. Domain, duplicate and DKIM decisions
 * are the receiver's, so those mails must parse. Skipped where the corpus is not checked out beside this module.
 */
class TlsRptCorpusTest {

    private static final Path CORPUS = Path.of(System.getProperty("tlsrpt.corpus",
            "../integration-tests/src/test/resources/tlsrpt-corpus"));
    /** Rejections that come after parsing. */
    private static final Set<String> RECEIVER_DECISIONS = Set.of("foreign-domain", "duplicate", "dkim-required");

    static Stream<JsonNode> mails() throws IOException {
        Path manifest = CORPUS.resolve("corpus.json");
        if (!Files.exists(manifest)) {
            return Stream.of(new ObjectMapper().createObjectNode().put("file", "(corpus absent)"));
        }
        List<JsonNode> mails = new ArrayList<>();
        new ObjectMapper().readTree(manifest.toFile()).get("mails").forEach(mails::add);
        return mails.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mails")
    void readsEachMailAsTheManifestSays(JsonNode mail) throws IOException {
        assumeTrue(mail.has("outcome"), "corpus not found at " + CORPUS.toAbsolutePath());
        long maxMailBytes = new ObjectMapper().readTree(CORPUS.resolve("corpus.json").toFile())
                .get("testMaxMailBytes").asLong();
        ReportLimits defaults = ReportLimits.defaults();
        ReportMailReader reader = new ReportMailReader(new ReportLimits(maxMailBytes,
                defaults.maxDecompressedBytes(), defaults.maxCompressionRatio(), defaults.maxPolicies(),
                defaults.maxFailureDetails()));

        ParseOutcome outcome = reader.read(Files.readAllBytes(CORPUS.resolve(mail.get("file").asText())));

        String reason = mail.path("reason").asText();
        if (mail.get("outcome").asText().equals("accepted") || RECEIVER_DECISIONS.contains(reason)) {
            assertThat(outcome).isInstanceOf(ParseOutcome.Parsed.class);
            ReceivedReport report = ((ParseOutcome.Parsed) outcome).report();
            assertThat(report.organization()).isEqualTo(mail.get("organization").asText());
            assertThat(report.reportId()).isEqualTo(mail.get("reportId").asText());
            assertThat(ReportTimestamps.parse(mail.get("start").asText())).contains(report.start());
            assertThat(report.successfulSessions()).isEqualTo(mail.get("successfulSessions").asLong());
            assertThat(report.failedSessions()).isEqualTo(mail.get("failedSessions").asLong());
        } else {
            assertThat(outcome).isInstanceOfSatisfying(ParseOutcome.Rejected.class,
                    rejected -> assertThat(rejected.reason().code()).isEqualTo(reason));
        }
    }
}
