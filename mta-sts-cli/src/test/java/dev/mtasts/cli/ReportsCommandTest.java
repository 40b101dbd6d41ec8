package dev.mtasts.cli;

import static dev.mtasts.cli.ReportFiles.json;
import static dev.mtasts.cli.ReportFiles.mail;
import static dev.mtasts.cli.ReportFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mta-sts reports} over files, without a domain (no network). */
class ReportsCommandTest {

    static final Clock NOW = Clock.fixed(Instant.parse("2026-12-01T06:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate DAY = LocalDate.parse("2026-11-16");

    @TempDir
    Path directory;

    @Test
    void summarisesEveryKindOfFileInADirectory() {
        write(directory.resolve("a/google.json"), json("Google", "own.test", DAY, 100, 0));
        write(directory.resolve("a/microsoft.json.gz"), ReportFiles.gzip(json("Microsoft", "own.test", DAY, 50, 5)
                .getBytes(StandardCharsets.UTF_8)));
        write(directory.resolve("b/yahoo.eml"), mail("own.test", json("Yahoo", "own.test", DAY.plusDays(1), 10, 1)));
        write(directory.resolve("b/reports.mbox"), "From tlsrpt@sender.example Tue Nov 17 01:02:03 2026\n"
                + mail("second.test", json("GMX", "second.test", DAY, 7, 0)) + "\n"
                + "From tlsrpt@sender.example Tue Nov 17 01:02:03 2026\n"
                + mail("own.test", json("Google", "own.test", DAY, 100, 0)));
        write(directory.resolve("notes.txt"), "not a report");

        CommandRun run = reports(directory.toString(), "--json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.REPORTS_READ);
        JsonNode json = run.json();
        assertThat(json.get("inputs").asInt()).isEqualTo(6);
        assertThat(json.get("reports").asInt()).as(run.out()).isEqualTo(4);
        assertThat(json.get("rejected").findValuesAsText("reason")).containsExactly("duplicate", "not-a-report");
        assertThat(json.get("rejected").get(0).get("source").asText()).endsWith("reports.mbox #2");
        assertThat(json.get("summaries").findValuesAsText("domain")).containsExactly("own.test", "second.test");
        JsonNode own = json.get("summaries").get(0);
        assertThat(own.get("since").asText()).isEqualTo("2026-11-16T00:00:00Z");
        assertThat(own.get("until").asText()).isEqualTo("2026-12-01T06:00:00Z");
        assertThat(List.of(own.get("reports").asLong(), own.get("successfulSessions").asLong(),
                own.get("failedSessions").asLong())).containsExactly(3L, 160L, 6L);
        assertThat(own.get("byOrganization").findValuesAsText("organization"))
                .containsExactly("Google", "Microsoft", "Yahoo");
        assertThat(own.get("byReceivingMx").get(0).get("receivingMx").asText()).isEqualTo("mx1.own.test");
        assertThat(own.get("days").findValuesAsText("date")).containsExactly("2026-11-16", "2026-11-17");
        assertThat(json.has("rollout")).isFalse();
    }

    @Test
    void printsASummaryForAPerson() {
        write(directory.resolve("google.json"), json("Google", "own.test", DAY, 990, 10));

        CommandRun run = reports(directory.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REPORTS_READ);
        assertThat(run.out()).startsWith("1 report read from 1 input, 0 rejected\n\n"
                + "own.test: 1 reports starting 2026-11-16T00:00:00Z .. 2026-12-01T06:00:00Z\n"
                + "  sessions  990 successful, 10 failed (1.00 % failed)\n"
                + "  by organization\n");
        assertThat(run.out()).contains("certificate-expired", "mx1.own.test", "2026-11-16        990 ok       10 failed");
    }

    @Test
    void sinceCountsBackFromNow() {
        write(directory.resolve("old.json"), json("Google", "own.test", LocalDate.parse("2026-10-01"), 1, 0));
        write(directory.resolve("new.json"), json("Google", "own.test", LocalDate.parse("2026-11-30"), 2, 0));

        JsonNode summary = reports(directory.toString(), "--since", "P30D", "--json").json().get("summaries").get(0);

        assertThat(summary.get("since").asText()).isEqualTo("2026-11-01T06:00:00Z");
        assertThat(summary.get("successfulSessions").asLong()).isEqualTo(2);
    }

    @Test
    void sinceTakesAnInstantToo() {
        write(directory.resolve("old.json"), json("Google", "own.test", LocalDate.parse("2026-10-01"), 1, 0));
        write(directory.resolve("new.json"), json("Google", "own.test", LocalDate.parse("2026-11-30"), 2, 0));

        JsonNode summary = reports(directory.toString(), "--since", "2026-10-02T00:00:00Z", "--json").json()
                .get("summaries").get(0);

        assertThat(summary.get("since").asText()).isEqualTo("2026-10-02T00:00:00Z");
        assertThat(summary.get("successfulSessions").asLong()).isEqualTo(2);
    }

    @Test
    void aMailLargerThanTheLimitIsRejected() {
        write(directory.resolve("big.eml"), mail("own.test", json("Google", "own.test", DAY, 1, 0)));

        JsonNode json = reports(directory.toString(), "--max-mail-bytes", "100", "--json").json();

        assertThat(json.get("rejected").findValuesAsText("reason")).containsExactly("too-large");
    }

    @Test
    void noReportInTheFiles() {
        write(directory.resolve("notes.txt"), "not a report");

        CommandRun run = reports(directory.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NO_REPORT);
        assertThat(run.out()).contains("0 reports read from 1 input, 1 rejected", "notes.txt: not-a-report");
    }

    @Test
    void usageErrors() {
        assertThat(reports(directory.resolve("absent").toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(reports(directory.toString(), "--since", "30 days").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(reports(directory.toString(), "--since", "-P1D").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(reports(directory.toString(), "--since", "P1000000000000D").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(reports(directory.toString(), "--since", "P9999999999999999D").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(reports(directory.toString(), "--max-mail-bytes", "0").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(reports().exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    static CommandRun reports(String... args) {
        return CommandRun.of(new CommandLine(new ReportsCommand(NOW)), args);
    }

}
