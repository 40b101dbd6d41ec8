package dev.mtasts.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtasts.outcome.ResultType;
import dev.mtasts.outcome.TlsOutcome;
import dev.mtasts.policy.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 8460 §4.4 for DANE sessions: one {@code tlsa} policy per MX host, its policy-string the TLSA records, its
 * mx-host the host; counted apart from the domain's MTA-STS policy, reported even when the domain has none, and
 * kept across restarts.
 */
class DaneReportTest {

    private static final LocalDate DAY = LocalDate.parse("2026-12-01");
    private static final String DOMAIN = "dane.example";
    private static final List<String> MX1_TLSA = List.of("3 1 1 " + "ab".repeat(32), "2 0 1 " + "cd".repeat(32));
    private static final List<String> MX2_TLSA = List.of("3 1 1 " + "ef".repeat(32));

    @TempDir
    Path directory;

    private static TlsOutcome dane(String at, String mx, List<String> tlsa, Optional<ResultType> failure) {
        TlsOutcome outcome = new TlsOutcome(Instant.parse(at), DOMAIN, Mode.NONE, "", mx, failure,
                failure.map(type -> "failed: " + type).orElse("DANE-EE matched")).withTlsa(tlsa);
        try {
            return outcome.withReceivingIp(InetAddress.getByName("192.0.2.25"))
                    .withSendingMtaIp(InetAddress.getByName("198.51.100.1"));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TlsReportAggregator aggregated(TlsReportStore store) {
        TlsReportAggregator aggregator = new TlsReportAggregator(store);
        aggregator.record(dane("2026-12-01T08:00:00Z", "mx1.dane.example", MX1_TLSA, Optional.empty()));
        aggregator.record(dane("2026-12-01T09:00:00Z", "mx1.dane.example", MX1_TLSA, Optional.empty()));
        aggregator.record(dane("2026-12-01T10:00:00Z", "mx2.dane.example", MX2_TLSA,
                Optional.of(ResultType.CERTIFICATE_NOT_TRUSTED)));
        aggregator.record(dane("2026-12-01T11:00:00Z", "mx2.dane.example", MX2_TLSA,
                Optional.of(ResultType.DNSSEC_INVALID)));
        return aggregator;
    }

    @Test
    void eachDaneHostIsAPolicyOfItsOwnEvenWithoutMtaSts() {
        DomainDayTally tally = aggregated(new InMemoryTlsReportStore()).tally(DAY, DOMAIN).orElseThrow();

        assertThat(tally.policies()).extracting(policy -> policy.policy().policyType() + " "
                + policy.policy().mxHost() + " " + policy.successfulSessions() + "/" + policy.failedSessions())
                .containsExactlyInAnyOrder("tlsa [mx1.dane.example] 2/0", "tlsa [mx2.dane.example] 0/2");
    }

    @Test
    void theReportNamesTheTlsaRecordsFieldByField() throws Exception {
        DomainDayTally tally = aggregated(new InMemoryTlsReportStore()).tally(DAY, DOMAIN).orElseThrow();
        TlsReportBuilder builder = new TlsReportBuilder(TlsReportSettings.defaults("mail.sender.example"),
                new Random(1));

        JsonNode root = new ObjectMapper().readTree(builder.build("id", tally).json());

        List<JsonNode> policies = new ArrayList<>();
        root.get("policies").forEach(policies::add);
        policies.sort((a, b) -> a.at("/policy/mx-host/0").asText().compareTo(b.at("/policy/mx-host/0").asText()));
        JsonNode mx1 = policies.get(0);
        assertThat(mx1.at("/policy/policy-type").asText()).isEqualTo("tlsa");
        assertThat(strings(mx1.at("/policy/policy-string"))).isEqualTo(MX1_TLSA);
        assertThat(mx1.at("/policy/policy-domain").asText()).isEqualTo(DOMAIN);
        assertThat(strings(mx1.at("/policy/mx-host"))).containsExactly("mx1.dane.example");
        assertThat(mx1.at("/summary/total-successful-session-count").asLong()).isEqualTo(2);
        assertThat(mx1.at("/summary/total-failure-session-count").asLong()).isZero();
        assertThat(mx1.get("failure-details")).isEmpty();
        JsonNode mx2 = policies.get(1);
        assertThat(mx2.at("/policy/policy-type").asText()).isEqualTo("tlsa");
        assertThat(strings(mx2.at("/policy/policy-string"))).isEqualTo(MX2_TLSA);
        assertThat(mx2.at("/summary/total-failure-session-count").asLong()).isEqualTo(2);
        List<String> details = new ArrayList<>();
        mx2.get("failure-details").forEach(detail -> details.add(detail.get("result-type").asText() + " "
                + detail.get("receiving-mx-hostname").asText() + " " + detail.get("receiving-ip").asText() + " "
                + detail.get("sending-mta-ip").asText() + " " + detail.get("failed-session-count").asLong()));
        assertThat(details).containsExactlyInAnyOrder(
                "certificate-not-trusted mx2.dane.example 192.0.2.25 198.51.100.1 1",
                "dnssec-invalid mx2.dane.example 192.0.2.25 198.51.100.1 1");
    }

    @Test
    void tlsaPoliciesSurviveARestart() throws Exception {
        FileTlsReportStore store = new FileTlsReportStore(directory);
        DomainDayTally tally = aggregated(store).tally(DAY, DOMAIN).orElseThrow();
        store.save(new StoredDay(DAY, false, List.of(tally), List.of()));

        StoredDay reloaded = new FileTlsReportStore(directory).load(DAY).orElseThrow();

        assertThat(reloaded.tallies()).containsExactly(tally);
        assertThat(reloaded.tallies().get(0).policies()).allSatisfy(policy ->
                assertThat(policy.policy().policyType()).isEqualTo(ReportedPolicy.TLSA));
    }

    @Test
    void anOutcomeKnowsItsPolicyType() {
        TlsOutcome sts = new TlsOutcome(Instant.parse("2026-12-01T08:00:00Z"), DOMAIN, Mode.ENFORCE, "id1",
                "mx1.dane.example", Optional.empty(), "ok");

        assertThat(sts.isDane()).isFalse();
        assertThat(ReportedPolicy.of(sts).policyType()).isEqualTo("sts");
        TlsOutcome dane = sts.withTlsa(MX1_TLSA).withFailureReasonCode("x");
        assertThat(dane.isDane()).isTrue();
        assertThat(dane.tlsaRecords()).isEqualTo(MX1_TLSA);
        assertThat(dane.toLogLine()).contains("policy_type=tlsa");
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
