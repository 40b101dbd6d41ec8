package dev.mtasts.inbound;

import static dev.mtasts.inbound.StoredReports.daily;
import static dev.mtasts.inbound.StoredReports.failure;
import static dev.mtasts.inbound.StoredReports.sts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.policy.Policy;
import dev.mtasts.policy.PolicyParser;
import dev.mtasts.policy.PolicySyntaxException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 8461 §5 rollout: when a testing policy may be enforced, judged from the reports; one case per rule. */
class RolloutAdviceTest {

    private static final String DOMAIN = "example.com";
    private static final Instant NOW = Instant.parse("2026-12-01T06:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-12-01");
    private static final String TESTING = "version: STSv1\nmode: testing\nmx: mx1.example.com\nmax_age: 86400\n";
    private static final List<String> DNS_MX = List.of("mx1.example.com");

    record Example(String name, String policy, List<String> dnsMx, List<StoredReport> reports,
                   RolloutVerdict verdict, List<String> reasons, List<String> stepFragments) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Example> examples() {
        return Stream.of(
                new Example("no policy published", null, DNS_MX, days(14, 0, 1000, 0), RolloutVerdict.NO_POLICY,
                        List.of("no MTA-STS policy is published for example.com, or it cannot be fetched"),
                        List.of("mode: testing\nmx: mx1.example.com\nmax_age: 1209600",
                                "_mta-sts.example.com. IN TXT \"v=STSv1; id=20261201060000\"",
                                "v=TLSRPTv1; rua=mailto:tls-reports@example.com")),
                new Example("no policy published, no MX in DNS", null, List.of(), List.of(), RolloutVerdict.NO_POLICY,
                        List.of("no MTA-STS policy is published for example.com, or it cannot be fetched"),
                        List.of("publish MX records for example.com first")),
                new Example("mode none", TESTING.replace("testing", "none"), DNS_MX, days(14, 0, 1000, 0),
                        RolloutVerdict.NO_POLICY, List.of("the published policy's mode is none"), List.of()),
                new Example("already enforced", TESTING.replace("testing", "enforce"), DNS_MX, days(14, 0, 1000, 0),
                        RolloutVerdict.ALREADY_ENFORCED, List.of(), List.of()),
                new Example("already enforced, with failures", TESTING.replace("testing", "enforce"), DNS_MX,
                        days(14, 0, 1000, 10), RolloutVerdict.ALREADY_ENFORCED,
                        List.of("failure rate 0.99 % over the last 7 days, at most 0.10 % allowed"),
                        List.of("fix mx1.example.com (certificate-expired in 70 sessions over the last 7 days)")),
                new Example("testing, no report", TESTING, DNS_MX, List.of(), RolloutVerdict.NO_DATA,
                        List.of("no TLS report about example.com has been received"),
                        List.of("\"v=TLSRPTv1; rua=mailto:tls-reports@example.com\"")),
                new Example("testing, reports about other domains only", TESTING, DNS_MX,
                        List.of(daily("A", TODAY.minusDays(1), sts("other.example", 5, 0))), RolloutVerdict.NO_DATA,
                        List.of("no TLS report about example.com has been received"), List.of()),
                new Example("testing, every rule holds", TESTING, DNS_MX, days(14, 0, 1000, 0),
                        RolloutVerdict.READY_TO_ENFORCE, List.of(),
                        List.of("publish this policy at https://mta-sts.example.com/.well-known/mta-sts.txt:\n"
                                        + "version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 1209600",
                                "then change the TXT record: _mta-sts.example.com. IN TXT "
                                        + "\"v=STSv1; id=20261201060000\"")),
                new Example("testing, a longer max_age is kept", TESTING.replace("86400", "31557600"), DNS_MX,
                        days(14, 0, 1000, 0), RolloutVerdict.READY_TO_ENFORCE, List.of(),
                        List.of("mode: enforce\nmx: mx1.example.com\nmax_age: 31557600")),
                new Example("testing, 13 days of reports", TESTING, DNS_MX, days(13, 0, 1000, 0),
                        RolloutVerdict.NOT_READY, List.of("reports on 13 days, at least 14 needed"),
                        List.of("keep mode testing for at least 1 more day")),
                new Example("testing, 14 reports but on 7 days", TESTING, DNS_MX, twice(days(7, 0, 1000, 0)),
                        RolloutVerdict.NOT_READY, List.of("reports on 7 days, at least 14 needed"),
                        List.of("keep mode testing for at least 7 more days")),
                new Example("testing, no report in the last 2 days", TESTING, DNS_MX, days(14, 3, 1000, 0),
                        RolloutVerdict.NOT_READY,
                        List.of("no report in the last 2 days (the latest ended 2026-11-27T23:59:59Z)"),
                        List.of("check that reports still arrive")),
                new Example("testing, failure rate above 0.1 % over the last 7 days", TESTING, DNS_MX,
                        days(14, 0, 1000, 5), RolloutVerdict.NOT_READY,
                        List.of("failure rate 0.50 % over the last 7 days, at most 0.10 % allowed"),
                        List.of("fix mx1.example.com (certificate-expired in 35 sessions over the last 7 days), then wait")),
                new Example("testing, failure rate exactly 0.1 %", TESTING, DNS_MX, days(14, 0, 999, 1),
                        RolloutVerdict.READY_TO_ENFORCE, List.of(), List.of("mode: enforce")),
                new Example("testing, failures older than 7 days do not count", TESTING, DNS_MX,
                        concat(days(7, 0, 1000, 0), days(7, 7, 1000, 500)), RolloutVerdict.READY_TO_ENFORCE,
                        List.of(), List.of("mode: enforce")),
                new Example("testing, a DNS MX not covered", TESTING, List.of("mx1.example.com", "MX2.example.com."),
                        days(14, 0, 1000, 0), RolloutVerdict.NOT_READY,
                        List.of("the MX host mx2.example.com in DNS is not covered by the policy"),
                        List.of("version: STSv1\nmode: testing\nmx: mx1.example.com\nmx: mx2.example.com\n"
                                + "max_age: 1209600", "id=20261201060000")),
                new Example("testing, a wildcard covers the DNS MX", TESTING.replace("mx1.example.com", "*.example.com"),
                        List.of("mx1.example.com", "mx2.example.com"), days(14, 0, 1000, 0),
                        RolloutVerdict.READY_TO_ENFORCE, List.of(), List.of("mx: *.example.com\nmax_age")),
                new Example("testing, every rule fails", TESTING, List.of("mx9.example.com"), days(3, 4, 10, 10),
                        RolloutVerdict.NOT_READY, List.of("reports on 3 days, at least 14 needed",
                        "no report in the last 2 days (the latest ended 2026-11-26T23:59:59Z)",
                        "failure rate 50.00 % over the last 7 days, at most 0.10 % allowed",
                        "the MX host mx9.example.com in DNS is not covered by the policy"),
                        List.of("keep mode testing for at least 11 more days", "mx: mx9.example.com")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void advises(Example example) throws PolicySyntaxException {
        Optional<Policy> policy = example.policy() == null ? Optional.empty()
                : Optional.of(PolicyParser.parse(example.policy()));

        RolloutAdvice advice = RolloutAdvice.advise(DOMAIN, policy, policy.map(ignored -> "20260101"),
                example.dnsMx(), example.reports(), NOW, RolloutRules.defaults());

        assertThat(advice.verdict()).isEqualTo(example.verdict());
        assertThat(advice.reasons()).isEqualTo(example.reasons());
        for (String fragment : example.stepFragments()) {
            assertThat(advice.nextSteps()).anySatisfy(step -> assertThat(step).contains(fragment));
        }
    }

    @Test
    void countsDaysReportsOrganizationsAndSessions() throws PolicySyntaxException {
        List<StoredReport> reports = concat(days(10, 0, 100, 1), List.of(daily("Other", TODAY.minusDays(1),
                sts(DOMAIN, 50, 0))));

        RolloutAdvice advice = RolloutAdvice.advise(DOMAIN, Optional.of(PolicyParser.parse(TESTING)),
                Optional.of("1"), DNS_MX, reports, NOW, RolloutRules.defaults());

        assertThat(List.of(advice.days(), advice.reports(), advice.organizations())).containsExactly(10, 11, 2);
        assertThat(List.of(advice.successfulSessions(), advice.failedSessions())).containsExactly(1050L, 10L);
        assertThat(advice.failureRate()).isEqualTo(7.0 / (7 * 100 + 50 + 7));
    }

    @Test
    void aNewIdDiffersFromTheCurrentOne() throws PolicySyntaxException {
        RolloutAdvice advice = RolloutAdvice.advise(DOMAIN, Optional.of(PolicyParser.parse(TESTING)),
                Optional.of("20261201060000"), DNS_MX, days(14, 0, 1000, 0), NOW, RolloutRules.defaults());

        assertThat(advice.nextSteps()).anySatisfy(step -> assertThat(step).contains("id=202612010600001\""));
    }

    /** The proposed _smtp._tls record names the address this server takes reports at (RFC 8460 §3). */
    @Test
    void theProposedReportAddressIsTheConfiguredOne() {
        RolloutRules rules = new RolloutRules(14, java.time.Duration.ofDays(2), 0.001, java.time.Duration.ofDays(7),
                java.time.Duration.ofDays(14), "smtp-tls");

        RolloutAdvice advice = RolloutAdvice.advise(DOMAIN, Optional.empty(), Optional.empty(), DNS_MX, List.of(),
                NOW, rules);

        assertThat(advice.nextSteps()).anySatisfy(step ->
                assertThat(step).contains("rua=mailto:smtp-tls@example.com\""));
    }

    /** A report cannot vouch for days after it arrived: a period claimed to end in 2099 ends on arrival. */
    @Test
    void aPeriodClaimedInTheFutureEndsWhenTheReportArrived() throws PolicySyntaxException {
        Instant arrived = NOW.minus(java.time.Duration.ofDays(4));
        StoredReport forged = new StoredReport(new ReceivedReport("Google", Optional.empty(), "forged",
                arrived.minus(java.time.Duration.ofDays(1)), Instant.parse("2099-01-01T00:00:00Z"),
                List.of(sts(DOMAIN, 1000, 0))), arrived, "none", Optional.of(DOMAIN));

        RolloutAdvice advice = RolloutAdvice.advise(DOMAIN, Optional.of(PolicyParser.parse(TESTING)),
                Optional.of("1"), DNS_MX, concat(days(14, 4, 1000, 0), List.of(forged)), NOW, RolloutRules.defaults());

        assertThat(advice.verdict()).isEqualTo(RolloutVerdict.NOT_READY);
        assertThat(advice.reasons()).anySatisfy(reason -> assertThat(reason).startsWith("no report in the last 2 days"));
    }

    /** One Google report a day for {@code count} days, the last one ending {@code endingDaysAgo} before today. */
    private static List<StoredReport> days(int count, int endingDaysAgo, long successful, long failed) {
        List<StoredReport> reports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LocalDate day = TODAY.minusDays(1L + endingDaysAgo + i);
            reports.add(daily("Google", day, failed == 0 ? sts(DOMAIN, successful, 0)
                    : sts(DOMAIN, successful, failed, failure("certificate-expired", "mx1.example.com", failed))));
        }
        return reports;
    }

    private static List<StoredReport> twice(List<StoredReport> reports) {
        List<StoredReport> both = new ArrayList<>(reports);
        for (StoredReport report : reports) {
            both.add(daily("Microsoft", LocalDate.ofInstant(report.report().start(), java.time.ZoneOffset.UTC),
                    report.report().policies().toArray(new ReceivedPolicy[0])));
        }
        return both;
    }

    private static List<StoredReport> concat(List<StoredReport> first, List<StoredReport> second) {
        List<StoredReport> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }
}
