package dev.mtasts.cli;

import static dev.mtasts.cli.ReportFiles.json;
import static dev.mtasts.cli.ReportFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mtasts.testpeers.NginxServer;
import dev.mtasts.testpeers.TestCertificates;
import dev.mtasts.testpeers.TestCertificates.Authority;
import dev.mtasts.testpeers.TestCertificates.Leaf;
import dev.mtasts.testpeers.UnboundServer;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code mta-sts reports --domain}: the rollout verdict, the policy and MX hosts looked up live from a real unbound
 * and a real nginx on loopback (127.0.92.0/24), one case per verdict.
 */
class ReportsRolloutTest {

    private static final String WEB = "127.0.92.1";
    private static final LocalDate TODAY = LocalDate.parse("2026-12-01");

    @TempDir
    static Path world;

    @TempDir
    Path reports;

    private static UnboundServer dns;
    private static NginxServer web;
    private static Path caFile;

    @BeforeAll
    static void startTheWorld() {
        Authority ca = TestCertificates.newAuthority("Reports Test CA");
        caFile = ca.writePem(world.resolve("ca.pem"));
        List<String> records = new ArrayList<>();
        NginxServer.Builder sites = NginxServer.builder(world.resolve("nginx"));
        for (String[] domain : new String[][] {{"ready", "testing", "mx1.ready.test"},
                {"enforced", "enforce", "mx1.enforced.test"}, {"uncovered", "testing", "mx1.uncovered.test"}}) {
            String host = "mta-sts." + domain[0] + ".test";
            records.add(host + ". 60 IN A " + WEB);
            records.add("_mta-sts." + domain[0] + ".test. 60 IN TXT \"v=STSv1; id=20261101;\"");
            records.add(domain[0] + ".test. 60 IN MX 10 mx1." + domain[0] + ".test.");
            Leaf leaf = ca.issue(host);
            sites.policyHost(host, WEB, leaf.writeChainPem(world.resolve(domain[0] + ".chain.pem")),
                    leaf.writeKeyPem(world.resolve(domain[0] + ".key.pem")),
                    "version: STSv1\r\nmode: " + domain[1] + "\r\nmx: " + domain[2] + "\r\nmax_age: 604800\r\n");
        }
        records.add("uncovered.test. 60 IN MX 20 mx2.uncovered.test.");
        records.add("nopolicy.test. 60 IN MX 10 mx1.nopolicy.test.");
        dns = UnboundServer.builder()
                .address("127.0.92.53")
                .staticZone("test.")
                .serverFailure("broken.test.")
                .localData(records.toArray(String[]::new))
                .start();
        web = sites.start();
    }

    @AfterAll
    static void stopTheWorld() {
        if (web != null) {
            web.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    record Example(String name, String domain, int days, long failed, String verdict, int exitCode,
                   String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Example> examples() {
        return Stream.of(
                new Example("testing, 14 clean days", "ready.test", 14, 0, "ready-to-enforce", 0, null),
                new Example("testing, 10 days", "ready.test", 10, 0, "not-ready", 1,
                        "reports on 10 days, at least 14 needed"),
                new Example("testing, failures", "ready.test", 14, 5, "not-ready", 1,
                        "failure rate 0.50 % over the last 7 days, at most 0.10 % allowed"),
                new Example("testing, an MX outside the policy", "uncovered.test", 14, 0, "not-ready", 1,
                        "the MX host mx2.uncovered.test in DNS is not covered by the policy"),
                new Example("testing, reports about another domain only", "ready.test", 0, 0, "no-data", 1,
                        "no TLS report about ready.test has been received"),
                new Example("enforce", "enforced.test", 14, 0, "already-enforced", 0, null),
                new Example("no policy", "nopolicy.test", 14, 0, "no-policy", 1,
                        "no MTA-STS policy is published for nopolicy.test, or it cannot be fetched"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void advises(Example example) {
        for (int i = 1; i <= example.days(); i++) {
            write(reports.resolve("r" + i + ".json"), json("Google", example.domain(), TODAY.minusDays(i), 1000,
                    i <= 7 ? example.failed() : 0));
        }
        write(reports.resolve("other.json"), json("Google", "other.test", TODAY.minusDays(1), 1, 0));

        CommandRun run = reports("--domain", example.domain(), "--json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(example.exitCode());
        JsonNode json = run.json();
        assertThat(json.get("rollout").get("verdict").asText()).isEqualTo(example.verdict());
        List<String> reasons = new ArrayList<>();
        json.get("rollout").get("reasons").forEach(reason -> reasons.add(reason.asText()));
        assertThat(reasons).isEqualTo(example.reason() == null ? List.of() : List.of(example.reason()));
        assertThat(json.get("summaries").findValuesAsText("domain")).containsExactly(example.domain());
    }

    @Test
    void printsTheVerdictAndTheExactChange() {
        for (int i = 1; i <= 14; i++) {
            write(reports.resolve("r" + i + ".json"), json("Google", "ready.test", TODAY.minusDays(i), 1000, 0));
        }

        CommandRun run = reports("--domain", "ready.test");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REPORTS_READ);
        assertThat(run.out()).contains("policy    policy (id 20261101), mode testing\n"
                + "mx (DNS)  mx1.ready.test\n"
                + "rollout   ready-to-enforce (14 days, 14 reports from 1 organizations; failure rate 0.00 % over 7 days)\n"
                + "next steps\n"
                + "  * publish this policy at https://mta-sts.ready.test/.well-known/mta-sts.txt:\n"
                + "      version: STSv1\n      mode: enforce\n      mx: mx1.ready.test\n      max_age: 1209600\n"
                + "  * then change the TXT record: _mta-sts.ready.test. IN TXT \"v=STSv1; id=20261201060000\"");
    }

    @Test
    void aTemporaryDnsFailureGivesNoVerdict() {
        write(reports.resolve("r.json"), json("Google", "broken.test", TODAY.minusDays(1), 1000, 0));

        CommandRun run = reports("--domain", "broken.test", "--json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.TEMPORARY_DNS_FAILURE);
        assertThat(run.json().get("policyLookup").get("result").asText()).isEqualTo("temporary-failure");
        assertThat(run.json().has("rollout")).isFalse();
    }

    private CommandRun reports(String... args) {
        List<String> all = new ArrayList<>(List.of(reports.toString(), "--dns", dns.hostAndPort(), "--ca-file",
                caFile.toString(), "--timeout", "10"));
        all.addAll(List.of(args));
        return CommandRun.of(new CommandLine(new ReportsCommand(ReportsCommandTest.NOW)), all.toArray(String[]::new));
    }
}
