package dev.mtasts.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code mta-sts reports} over the shared report corpus ({@code integration-tests/src/test/resources/tlsrpt-corpus})
 * counts for each domain what the manifest says the receiver accepts. Skipped where the corpus is not checked out
 * beside this module.
 */
class ReportsCorpusTest {

    private static final Path CORPUS = Path.of(System.getProperty("tlsrpt.corpus",
            "../integration-tests/src/test/resources/tlsrpt-corpus"));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"own.test", "second.test"})
    void countsWhatTheReceiverAccepts(String domain) throws IOException {
        assumeTrue(Files.exists(CORPUS.resolve("corpus.json")), "corpus not found at " + CORPUS.toAbsolutePath());
        JsonNode manifest = new ObjectMapper().readTree(CORPUS.resolve("corpus.json").toFile());
        long reports = 0;
        long successful = 0;
        long failed = 0;
        List<String> organizations = new ArrayList<>();
        for (JsonNode mail : manifest.get("mails")) {
            if (mail.get("outcome").asText().equals("accepted") && mail.get("policyDomain").asText().equals(domain)) {
                reports++;
                successful += mail.get("successfulSessions").asLong();
                failed += mail.get("failedSessions").asLong();
                if (!organizations.contains(mail.get("organization").asText())) {
                    organizations.add(mail.get("organization").asText());
                }
            }
        }

        CommandRun run = CommandRun.of(new CommandLine(new ReportsCommand(ReportsCommandTest.NOW)),
                CORPUS.toString(), "--max-mail-bytes", manifest.get("testMaxMailBytes").asText(), "--json");

        JsonNode summary = null;
        for (JsonNode candidate : run.json().get("summaries")) {
            if (candidate.get("domain").asText().equals(domain)) {
                summary = candidate;
            }
        }
        assertThat(summary).as(run.out()).isNotNull();
        assertThat(List.of(summary.get("reports").asLong(), summary.get("successfulSessions").asLong(),
                summary.get("failedSessions").asLong())).containsExactly(reports, successful, failed);
        assertThat(summary.get("byOrganization").findValuesAsText("organization"))
                .containsExactlyInAnyOrderElementsOf(organizations);
    }
}
