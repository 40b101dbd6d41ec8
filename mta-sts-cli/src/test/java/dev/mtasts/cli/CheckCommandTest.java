package dev.mtasts.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mtasts.testpeers.LegacyTlsServer;
import dev.mtasts.testpeers.TestCertificates;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code mta-sts check} against the loopback world of {@link CheckWorld}: real DNS (unbound), real policy hosts
 * (nginx) and real MX hosts (exim), one domain per mistake.
 */
@ExtendWith(CheckWorld.Resolver.class)
class CheckCommandTest {

    /**
     * Scenario domain, exit code, then codes: every error and warning the report must hold, no other error or
     * warning allowed; the info codes listed must be there too (others may be).
     */
    static Stream<Arguments> scenarios() {
        return Stream.of(
            scenario("good", 0, "txt.ok", "policy-host.ok", "policy.ok", "mx.covered", "mx.tls.ok", "tlsrpt.ok"),
            scenario("no-txt", 1, "txt.missing", "policy-host.ok"),
            scenario("two-txt", 1, "txt.multiple"),
            scenario("bad-txt", 1, "txt.invalid"),
            scenario("lowercase-txt", 1, "txt.invalid"),
            scenario("no-policy-host", 1, "policy-host.address.missing"),
            scenario("expired-cert", 1, "policy-host.cert.expired", "policy.ok"),
            scenario("expiring-cert", 0, "policy-host.cert.expiring"),
            scenario("wrong-host-cert", 1, "policy-host.cert.wrong-host"),
            scenario("untrusted-cert", 1, "policy-host.cert.untrusted"),
            scenario("redirect", 1, "policy-host.http.redirect"),
            scenario("not-found", 1, "policy-host.http.status"),
            scenario("wrong-type", 1, "policy-host.content-type", "policy.ok"),
            scenario("oversized", 1, "policy-host.too-large"),
            scenario("invalid-policy", 1, "policy.invalid"),
            scenario("short-max-age", 1, "policy.max-age.too-small"),
            scenario("week-max-age", 0, "policy.max-age.short"),
            scenario("huge-max-age", 1, "policy.max-age.too-large"),
            scenario("testing-lf", 0, "policy.mode.testing", "policy-host.line-endings", "mx.covered"),
            scenario("not-covered", 1, "mx.not-covered", "mx.tls.ok"),
            scenario("unused-pattern", 0, "mx.pattern-unused"),
            scenario("plain-mx", 1, "mx.starttls.missing"),
            scenario("mx-wrong-host", 1, "mx.cert.wrong-host"),
            scenario("mx-expired", 1, "mx.cert.expired"),
            scenario("mx-untrusted", 1, "mx.cert.untrusted"),
            scenario("mx-expiring", 0, "mx.cert.expiring"),
            scenario("mx-unreachable", 1, "mx.connect.failed"),
            scenario("mx-no-address", 1, "mx.address.missing"),
            scenario("no-mx", 1, "mx.none"),
            scenario("no-tlsrpt", 0, "tlsrpt.missing"));
    }

    private static Arguments scenario(String label, int exitCode, String... codes) {
        return Arguments.of(Named.of(label, label + "." + CheckWorld.ZONE), exitCode, List.of(codes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void findsWhatIsWrong(String domain, int exitCode, List<String> expected, CheckWorld world) {
        CommandRun run = CommandRun.of(world.check(domain, "--json"));

        JsonNode report = run.json();
        Set<String> problems = new TreeSet<>();
        Set<String> all = new TreeSet<>();
        for (JsonNode finding : report.get("findings")) {
            all.add(finding.get("code").asText());
            if (!finding.get("severity").asText().equals("info")) {
                problems.add(finding.get("code").asText());
            }
        }
        Set<String> expectedProblems = new TreeSet<>(expected);
        expectedProblems.removeIf(code -> code.endsWith(".ok") || code.equals("mx.covered")
            || code.equals("policy.mode.testing") || code.equals("policy-host.line-endings"));
        assertThat(problems).as("errors and warnings of %s\n%s", domain, run.out()).isEqualTo(expectedProblems);
        assertThat(all).as("findings of %s", domain).containsAll(expected);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(exitCode);
        assertThat(report.get("summary").get("errors").asLong() > 0).isEqualTo(exitCode == 1);
    }

    @Test
    void printsFindingsGroupedByAreaWithFixesAndASummary(CheckWorld world) {
        CommandRun run = CommandRun.of(world.check("expired-cert.check.test"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
            .startsWith("MTA-STS check of expired-cert.check.test\n")
            .contains("\nTXT record _mta-sts.expired-cert.check.test\n  info     txt.ok: ")
            .contains("\nPolicy host mta-sts.expired-cert.check.test\n  ERROR    policy-host.cert.expired: the certificate"
                + " of policy host mta-sts.expired-cert.check.test expired on ")
            .contains("\n           fix: Install a renewed certificate")
            .contains("\nMX hosts of expired-cert.check.test\n")
            .contains("\nTLS reporting _smtp._tls.expired-cert.check.test\n")
            .containsPattern("\nexpired-cert\\.check\\.test: 1 error, 0 warnings, \\d+ infos — fix the errors above\n$");
        assertThat(run.out().indexOf("\nTXT record")).isLessThan(run.out().indexOf("\nPolicy host"));
        assertThat(run.out().indexOf("\nPolicy host")).isLessThan(run.out().indexOf("\nMX hosts"));
        assertThat(run.out().indexOf("\nMX hosts")).isLessThan(run.out().indexOf("\nTLS reporting"));
    }

    @Test
    void jsonHoldsTheSameFindingsWithStableFields(CheckWorld world) {
        CommandRun run = CommandRun.of(world.check("good.check.test", "--json"));

        JsonNode report = run.json();
        assertThat(run.exitCode()).isZero();
        assertThat(fieldNames(report)).containsExactly("domain", "summary", "findings");
        assertThat(report.get("domain").asText()).isEqualTo("good.check.test");
        assertThat(fieldNames(report.get("summary"))).containsExactly("errors", "warnings", "infos");
        assertThat(report.get("summary").get("errors").asInt()).isZero();
        assertThat(report.get("summary").get("warnings").asInt()).isZero();
        assertThat(report.get("summary").get("infos").asInt()).isEqualTo(report.get("findings").size());
        for (JsonNode finding : report.get("findings")) {
            assertThat(fieldNames(finding)).containsExactly("area", "severity", "code", "message", "fix");
            assertThat(finding.get("code").asText()).startsWith(finding.get("area").asText() + ".");
        }
        assertThat(report.get("findings").findValuesAsText("area"))
            .containsSubsequence("txt", "policy-host", "policy", "mx", "tlsrpt");
    }

    @Test
    void checksEachMxHostOnce(CheckWorld world) {
        CommandRun run = CommandRun.of(world.check("good.check.test", "--json"));

        assertThat(run.json().get("findings").findValuesAsText("message").stream()
            .filter(message -> message.startsWith("MX ")))
            .anySatisfy(message -> assertThat(message).startsWith("MX mx1.mail.check.test (127.0.60.10): STARTTLS, TLSv1."))
            .anySatisfy(message -> assertThat(message).startsWith("MX mx2.mail.check.test (127.0.60.11): STARTTLS, TLSv1."))
            .hasSize(2);
    }

    @Test
    void noSmtpLeavesTheMxHostsAlone(CheckWorld world) {
        CommandRun run = CommandRun.of(world.check("plain-mx.check.test", "--json", "--no-smtp"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.json().get("findings").findValuesAsText("code"))
            .contains("mx.covered")
            .doesNotContain("mx.starttls.missing", "mx.tls.ok");
    }

    @Test
    void reportsAPolicyHostWithoutTls12(CheckWorld world, @TempDir Path dir) {
        assumeTrue(LegacyTlsServer.opensslAvailable(), "needs the openssl command");
        TestCertificates.Leaf leaf = TestCertificates.newAuthority("Legacy CA").issue("mta-sts.legacy-tls.check.test");
        try (LegacyTlsServer legacy = LegacyTlsServer.start(leaf.writeChainPem(dir.resolve("chain.pem")),
                leaf.writeKeyPem(dir.resolve("key.pem")))) {
            world.dns().addLocalData("mta-sts.legacy-tls.check.test. 60 IN A 127.0.0.1");

            CommandRun run = CommandRun.of(world.check("legacy-tls.check.test", "--json", "--no-smtp",
                "--https-port", String.valueOf(legacy.port())));

            assertThat(run.json().get("findings").findValuesAsText("code")).contains("policy-host.tls.version");
            assertThat(run.exitCode()).isEqualTo(1);
        } finally {
            world.dns().removeLocalData("mta-sts.legacy-tls.check.test.");
        }
    }

    @Test
    void refusesANameThatIsNotADomain(CheckWorld world) {
        CommandRun run = CommandRun.of(world.check("not a domain"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'not a domain' is not a domain name");
    }

    @Test
    void refusesAnUnreadableCaFile() {
        CommandRun run = CommandRun.of("check", "example.test", "--ca-file", "/nonexistent/ca.pem");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("/nonexistent/ca.pem: no such file");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
