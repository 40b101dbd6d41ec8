package dev.mtasts.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code mta-sts generate}: from the MX records in DNS to a policy that parses and a world that checks clean. */
@ExtendWith(CheckWorld.Resolver.class)
class GenerateCommandTest {

    private static final Clock NOON = Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void writesAPolicyFromTheMxRecordsAndTheRecordsToPublish(CheckWorld world) {
        CommandRun run = generate("gen.check.test", "--dns", world.dnsServer());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("version: STSv1\r\nmode: testing\r\nmx: *.mx.gen.check.test\r\nmax_age: 604800\r\n");
        assertThat(run.err())
            .contains("\n_mta-sts.gen.check.test. 3600 IN TXT \"v=STSv1; id=20240601120000;\"\n")
            .contains("\n_smtp._tls.gen.check.test. 3600 IN TXT \"v=TLSRPTv1; rua=mailto:tls-reports@gen.check.test\"\n")
            .contains("https://mta-sts.gen.check.test/.well-known/mta-sts.txt")
            .contains("create that mailbox, or choose another address with --rua");
    }

    @Test
    void whatItWritesIsAcceptedByParse(CheckWorld world, @TempDir Path dir) throws IOException {
        Path policy = dir.resolve("mta-sts.txt");

        CommandRun run = generate("gen.check.test", "--dns", world.dnsServer(), "--mode", "enforce",
            "--max-age", "1209600", "--output", policy.toString());
        CommandRun parsed = CommandRun.of("parse", policy.toString(), "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("(written to " + policy + ")");
        assertThat(parsed.exitCode()).as(parsed.toString()).isZero();
        JsonNode json = parsed.json().get("policy");
        assertThat(json.get("mode").asText()).isEqualTo("enforce");
        assertThat(json.get("max_age").asLong()).isEqualTo(1209600);
        assertThat(json.get("mx").get(0).asText()).isEqualTo("*.mx.gen.check.test");
        assertThat(Files.readString(policy)).endsWith("\r\n");
    }

    @Test
    void aDomainPublishedFromItsOutputChecksWithoutError(CheckWorld world) {
        CommandRun generated = CommandRun.of(MtaStsCommand.newCommandLine(), "generate", "gen.check.test",
            "--dns", world.dnsServer(), "--rua", "mailto:tlsrpt@gen.check.test");
        assertThat(generated.exitCode()).as(generated.toString()).isZero();
        List<String> records = generated.err().lines()
            .filter(line -> line.startsWith("_mta-sts.") || line.startsWith("_smtp._tls."))
            .toList();
        assertThat(records).hasSize(2);

        world.nginx().servePolicy("mta-sts.gen.check.test", generated.out());
        records.forEach(world.dns()::addLocalData);
        try {
            CommandRun check = CommandRun.of(world.check("gen.check.test", "--json"));

            assertThat(check.exitCode()).as(check.out()).isZero();
            assertThat(check.json().get("summary").get("errors").asInt()).isZero();
            assertThat(check.json().get("findings").findValuesAsText("code"))
                .contains("txt.ok", "policy-host.ok", "policy.ok", "policy.mode.testing", "mx.covered", "mx.tls.ok",
                    "tlsrpt.ok");
        } finally {
            world.dns().removeLocalData("_mta-sts.gen.check.test.");
            world.dns().removeLocalData("_smtp._tls.gen.check.test.");
            world.nginx().servePolicy("mta-sts.gen.check.test", "not published yet\r\n");
        }
    }

    @Test
    void aDomainWithoutMxHasNothingToGenerate(CheckWorld world) {
        CommandRun run = generate("no-mx.check.test", "--dns", world.dnsServer());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("no-mx.check.test has no MX record");
    }

    @Test
    void refusesAModeOtherThanTestingOrEnforce() {
        CommandRun run = generate("example.test", "--mode", "none");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--mode must be testing or enforce, was 'none'");
    }

    @Test
    void refusesAMaxAgeBeyondTheLimit() {
        CommandRun run = generate("example.test", "--max-age", "31557601");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--max-age must be 0 to 31557600 seconds");
    }

    @Test
    void refusesAReportAddressThatIsNotARuaUri() {
        CommandRun run = generate("example.test", "--rua", "tls-reports@example.test");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--rua tls-reports@example.test is not a valid RFC 8460 rua value");
    }

    private static CommandRun generate(String... args) {
        CommandLine commandLine = new CommandLine(new GenerateCommand(NOON));
        return CommandRun.of(commandLine, args);
    }
}
