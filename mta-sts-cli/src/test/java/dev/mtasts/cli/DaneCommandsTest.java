package dev.mtasts.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@code mta-sts check --dane-only} and {@code mta-sts query} against real DANE: a validating unbound over zones
 * signed at test time and exim presenting the certificates the TLSA records were computed from.
 */
class DaneCommandsTest {

    private static DaneWorld world;

    @BeforeAll
    static void start() {
        world = DaneWorld.start();
    }

    @AfterAll
    static void stop() {
        if (world != null) {
            world.close();
        }
    }

    static Stream<Arguments> domains() {
        return Stream.of(
                arguments("good.dane.test", 0, Set.of(), Set.of("dane.mx.secure", "dane.ok")),
                arguments("ta.dane.test", 0, Set.of(), Set.of("dane.ta.names", "dane.ok")),
                arguments("expired.dane.test", 0, Set.of(), Set.of("dane.ok")),
                arguments("ta-wrong-name.dane.test", 1, Set.of("dane.ta.wrong-host"), Set.of("dane.ta.names")),
                arguments("wrong-tlsa.dane.test", 1, Set.of("dane.tlsa.mismatch"), Set.of()),
                arguments("bogus.dane.test", 1, Set.of("dane.tlsa.bogus"), Set.of()),
                arguments("no-tlsa.dane.test", 0, Set.of(), Set.of("dane.tlsa.missing", "dane.none")),
                arguments("unusable.dane.test", 1, Set.of("dane.tlsa.unusable"), Set.of()),
                arguments("expiring.dane.test", 0, Set.of("dane.tlsa.expiring"), Set.of("dane.ok")),
                arguments("mixed.dane.test", 1, Set.of("dane.tlsa.mismatch"), Set.of("dane.ok")),
                arguments("insecure.test", 0, Set.of(),
                        Set.of("dane.mx.insecure", "dane.address.insecure", "dane.none")));
    }

    @ParameterizedTest(name = "check {0}: exit {1}, problems {2}")
    @MethodSource("domains")
    void check(String domain, int exitCode, Set<String> problems, Set<String> infos) {
        CommandRun run = CommandRun.of("check", domain, "--dane-only", "--dns", world.dnsServer(), "--timeout", "10",
                "--json");

        JsonNode report = run.json();
        Set<String> foundProblems = new TreeSet<>();
        Set<String> foundInfos = new TreeSet<>();
        for (JsonNode finding : report.get("findings")) {
            assertThat(finding.get("area").asText()).isEqualTo("dane");
            (finding.get("severity").asText().equals("info") ? foundInfos : foundProblems)
                    .add(finding.get("code").asText());
        }
        assertThat(foundProblems).as("%s\n%s", run, world.logs()).isEqualTo(problems);
        assertThat(foundInfos).as(run.toString()).containsAll(infos);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(exitCode);
    }

    @Test
    void theTextReportNamesTheMatchingRecord() {
        CommandRun run = CommandRun.of("check", "good.dane.test", "--dane-only", "--dns", world.dnsServer(),
                "--timeout", "10");

        assertThat(run.out()).contains("DANE for the MX hosts of good.dane.test")
                .contains("dane.ok: MX mx.good.dane.test (127.0.105.25): DANE-EE 3 1 1")
                .contains("all good");
    }

    @Test
    void queryShowsEachMxHostsDaneState() {
        CommandRun run = CommandRun.of("query", "mixed.dane.test", "--dns", world.dnsServer(), "--timeout", "10",
                "--json");

        JsonNode json = run.json();
        assertThat(json.get("daneMxDnssec").asText()).isEqualTo("secure");
        List<String> hosts = new ArrayList<>();
        json.get("dane").forEach(host -> hosts.add(host.get("host").asText() + " " + host.get("dnssec").asText()
                + " " + host.get("tlsa").size() + " " + host.get("usable").asInt()));
        assertThat(hosts).containsExactly("mx.wrong.dane.test secure 1 1", "mx.good.dane.test secure 1 1");
        assertThat(json.get("dane").get(1).get("tlsa").get(0).asText()).startsWith("3 1 1 ");
    }

    @Test
    void queryShowsBogusAndInsecureHosts() {
        JsonNode bogus = CommandRun.of("query", "bogus.dane.test", "--dns", world.dnsServer(), "--json").json();
        JsonNode insecure = CommandRun.of("query", "insecure.test", "--dns", world.dnsServer(), "--json").json();
        JsonNode unusable = CommandRun.of("query", "unusable.dane.test", "--dns", world.dnsServer(), "--json").json();

        assertThat(bogus.get("dane").get(0).get("dnssec").asText()).isEqualTo("bogus");
        assertThat(insecure.get("dane").get(0).get("dnssec").asText()).isEqualTo("insecure");
        assertThat(unusable.get("dane").get(0).get("usable").asInt()).isZero();
        assertThat(unusable.get("dane").get(0).get("verdict").asText()).contains("tlsa-invalid");
    }

    @Test
    void queryTextHasADaneLine() {
        CommandRun run = CommandRun.of("query", "good.dane.test", "--dns", world.dnsServer());

        assertThat(run.out()).contains("dane     MX records secure")
                .contains("mx.good.dane.test: dnssec secure, 1 TLSA (1 usable) — DANE: STARTTLS and a TLSA match required");
    }
}
