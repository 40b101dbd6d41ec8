package dev.mtasts.inbound;

import static dev.mtasts.inbound.StoredReports.noPolicyFound;
import static dev.mtasts.inbound.StoredReports.sts;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which parsed reports the receiver keeps: our domains only, DKIM when required. */
class ReportAcceptanceTest {

    private static final Set<String> OURS = Set.of("own.test", "second.test");

    record Example(String name, List<ReceivedPolicy> policies, Optional<String> recipientDomain, String dkim,
                   boolean requireDkim, RejectionReason expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Example> examples() {
        Optional<String> own = Optional.of("own.test");
        return Stream.of(
                new Example("our policy domain", List.of(sts("own.test", 1, 0)), own, "none", false, null),
                new Example("a listed domain, mailed to another of ours", List.of(sts("second.test", 1, 0)), own,
                        "none", false, null),
                new Example("two of our domains", List.of(sts("own.test", 1, 0), sts("second.test", 1, 0)), own,
                        "none", false, null),
                new Example("a foreign policy domain", List.of(sts("foreign.test", 1, 0)), own, "pass", false,
                        RejectionReason.FOREIGN_DOMAIN),
                new Example("one foreign among ours", List.of(sts("own.test", 1, 0), sts("foreign.test", 1, 0)), own,
                        "pass", false, RejectionReason.FOREIGN_DOMAIN),
                new Example("no policy-domain: the recipient's domain, ours", List.of(noPolicyFound(5)), own, "none",
                        false, null),
                new Example("no policy-domain: the recipient's domain, foreign", List.of(noPolicyFound(5)),
                        Optional.of("foreign.test"), "none", false, RejectionReason.FOREIGN_DOMAIN),
                new Example("no policy-domain and no recipient", List.of(noPolicyFound(5)), Optional.empty(), "none",
                        false, RejectionReason.FOREIGN_DOMAIN),
                new Example("no policies: the recipient's domain", List.of(), own, "none", false, null),
                new Example("no policies, no recipient", List.of(), Optional.empty(), "none", false,
                        RejectionReason.FOREIGN_DOMAIN),
                new Example("DKIM required and passed", List.of(sts("own.test", 1, 0)), own, "pass", true, null),
                new Example("DKIM required, failed", List.of(sts("own.test", 1, 0)), own, "fail", true,
                        RejectionReason.DKIM_REQUIRED),
                new Example("DKIM required, not checked", List.of(sts("own.test", 1, 0)), own, "none", true,
                        RejectionReason.DKIM_REQUIRED),
                new Example("DKIM required, foreign too: DKIM first", List.of(sts("foreign.test", 1, 0)), own,
                        "fail", true, RejectionReason.DKIM_REQUIRED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void decides(Example example) {
        StoredReport report = new StoredReport(new ReceivedReport("Org", Optional.empty(), "1",
                Instant.EPOCH, Instant.EPOCH, example.policies()), Instant.EPOCH, example.dkim(),
                example.recipientDomain());

        assertThat(ReportAcceptance.check(report, OURS, example.requireDkim()).map(ParseOutcome.Rejected::reason))
                .isEqualTo(Optional.ofNullable(example.expected()));
    }
}
