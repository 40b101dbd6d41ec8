package dev.mtasts.integration.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed corpus is what {@link TlsRptCorpus} writes, and covers what the receiver must handle. Rewrite it
 * with {@code -Dtlsrpt.corpus.write=true} (run from the integration-tests directory).
 */
class TlsRptCorpusTest {

    static final Path CORPUS = Path.of("src/test/resources/tlsrpt-corpus");

    @Test
    void theCommittedCorpusIsWhatTheGeneratorWrites(@TempDir Path fresh) throws Exception {
        if (Boolean.getBoolean("tlsrpt.corpus.write")) {
            TlsRptCorpus.write(CORPUS);
        }
        TlsRptCorpus.write(fresh);
        try (Stream<Path> files = Files.list(fresh)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path committed = CORPUS.resolve(file.getFileName().toString());
                assertThat(committed).as("run with -Dtlsrpt.corpus.write=true").exists();
                assertThat(Files.readAllBytes(committed)).as(committed.toString()).isEqualTo(Files.readAllBytes(file));
            }
        }
    }

    @Test
    void theCorpusHasEveryQuirkAndEveryMalformedKind() throws Exception {
        JsonNode manifest = new ObjectMapper().readTree(CORPUS.resolve("corpus.json").toFile());
        Set<String> quirks = new HashSet<>();
        Set<String> reasons = new HashSet<>();
        Set<String> shapes = new HashSet<>();
        Set<String> organizations = new HashSet<>();
        for (JsonNode mail : manifest.get("mails")) {
            mail.get("quirks").forEach(quirk -> quirks.add(quirk.asText()));
            shapes.add(mail.get("shape").asText());
            organizations.add(mail.get("organization").asText());
            if (mail.has("reason")) {
                reasons.add(mail.get("reason").asText());
            }
            assertThat(CORPUS.resolve(mail.get("file").asText())).exists();
        }
        assertThat(manifest.get("mails").size()).isGreaterThanOrEqualTo(30);
        assertThat(quirks).contains("mx-host-string", "no-sending-mta-ip", "no-receiving-ip", "no-policy-string",
            "timestamps-without-zone", "end-next-midnight", "sending-mta-ip-empty", "contact-info-null",
            "no-policy-found-without-policy-domain", "free-text-failure-reason-code",
            "failure-details-disagree-with-summary", "gzip-part-is-plain-json", "json-part-base64");
        assertThat(reasons).contains("invalid-json", "not-a-report", "decompression-bomb", "too-large",
            "foreign-domain", "duplicate");
        assertThat(shapes).contains("multipart-gzip", "multipart-json", "single-part-gzip", "attachment-json-gz",
            "attachment-json");
        assertThat(organizations).contains("Google Inc.", "Microsoft Corporation", "Yahoo", "Mail.Ru",
            "James Test Org");
    }
}
