package dev.mtasts.inbound;

import static dev.mtasts.inbound.StoredReports.daily;
import static dev.mtasts.inbound.StoredReports.failure;
import static dev.mtasts.inbound.StoredReports.noPolicyFound;
import static dev.mtasts.inbound.StoredReports.stored;
import static dev.mtasts.inbound.StoredReports.sts;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The summary of one domain's received reports over a period. */
class ReportSummaryTest {

    private static final String DOMAIN = "example.com";
    private static final LocalDate DAY = LocalDate.parse("2026-11-16");
    private static final Instant SINCE = Instant.parse("2026-11-16T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-11-30T00:00:00Z");

    record Example(String name, List<StoredReport> reports, Function<ReportSummary, Object> actual, Object expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Example> examples() {
        return Stream.of(
                example("nothing", List.of(), summary -> List.of(summary.reports(), summary.days()), List.of(0L,
                        List.of())),
                example("sessions from the policies' summaries, not their details",
                        List.of(daily("A", DAY, sts(DOMAIN, 10, 5, failure("validation-failure", "mx1." + DOMAIN, 2)))),
                        summary -> List.of(summary.successfulSessions(), summary.failedSessions()), List.of(10L, 5L)),
                example("only the policies about the domain count",
                        List.of(daily("A", DAY, sts(DOMAIN, 10, 1), sts("other.example", 100, 100))),
                        summary -> List.of(summary.reports(), summary.successfulSessions(), summary.failedSessions()),
                        List.of(1L, 10L, 1L)),
                example("a report about another domain only does not count",
                        List.of(daily("A", DAY, sts("other.example", 100, 100))), ReportSummary::reports, 0L),
                example("a no-policy-found policy counts for the recipient's domain",
                        List.of(daily("A", DAY, noPolicyFound(7))), ReportSummary::successfulSessions, 7L),
                example("two policies of one report both count, the report once",
                        List.of(daily("A", DAY, sts(DOMAIN, 10, 0), noPolicyFound(7))),
                        summary -> List.of(summary.reports(), summary.successfulSessions()), List.of(1L, 17L)),
                example("a report before since does not count",
                        List.of(daily("A", DAY.minusDays(1), sts(DOMAIN, 10, 0))), ReportSummary::reports, 0L),
                example("a report starting at since counts", List.of(daily("A", DAY, sts(DOMAIN, 10, 0))),
                        ReportSummary::reports, 1L),
                example("a report starting at until does not count",
                        List.of(daily("A", LocalDate.parse("2026-11-30"), sts(DOMAIN, 10, 0))),
                        ReportSummary::reports, 0L),
                example("by organization, sorted by name", List.of(daily("Yahoo", DAY, sts(DOMAIN, 1, 1)),
                                daily("Google", DAY, sts(DOMAIN, 10, 0)), daily("Google", DAY.plusDays(1), sts(DOMAIN, 20, 2))),
                        ReportSummary::byOrganization, List.of(new OrganizationFigures("Google", 2, 30, 2),
                                new OrganizationFigures("Yahoo", 1, 1, 1))),
                example("by result type, most sessions first", List.of(daily("A", DAY, sts(DOMAIN, 0, 9,
                                failure("certificate-expired", "mx1." + DOMAIN, 2),
                                failure("starttls-not-supported", "mx2." + DOMAIN, 4))),
                                daily("B", DAY, sts(DOMAIN, 0, 3, failure("certificate-expired", "mx2." + DOMAIN, 3)))),
                        ReportSummary::byResultType, List.of(new ResultTypeFigures("certificate-expired", 5),
                                new ResultTypeFigures("starttls-not-supported", 4))),
                example("by receiving MX, most failures first, with their result types",
                        List.of(daily("A", DAY, sts(DOMAIN, 0, 9,
                                failure("certificate-expired", "mx1." + DOMAIN, 2),
                                failure("starttls-not-supported", "mx2." + DOMAIN, 4),
                                failure("certificate-expired", "mx2." + DOMAIN, 3)))),
                        ReportSummary::byReceivingMx, List.of(
                                new ReceivingMxFigures("mx2." + DOMAIN, 7, List.of("certificate-expired",
                                        "starttls-not-supported")),
                                new ReceivingMxFigures("mx1." + DOMAIN, 2, List.of("certificate-expired")))),
                example("by receiving MX: the receiving-ip without a host name, nothing without either",
                        List.of(daily("A", DAY, sts(DOMAIN, 0, 3,
                                new FailureDetail("validation-failure", Optional.empty(), Optional.empty(),
                                        Optional.of("203.0.113.5"), 2, Optional.empty()),
                                failure("sts-policy-fetch-error", null, 1)))),
                        ReportSummary::byReceivingMx, List.of(new ReceivingMxFigures("203.0.113.5", 2,
                                List.of("validation-failure")))),
                example("a report spanning two days counts on the day it starts",
                        List.of(stored("A", "1", Instant.parse("2026-11-16T12:00:00Z"),
                                Instant.parse("2026-11-17T12:00:00Z"), sts(DOMAIN, 10, 1))),
                        ReportSummary::days, List.of(new DayFigures(DAY, 10, 1))),
                example("a report ending at the next day's midnight counts on its first day",
                        List.of(stored("A", "1", Instant.parse("2026-11-16T00:00:00Z"),
                                Instant.parse("2026-11-17T00:00:00Z"), sts(DOMAIN, 10, 1))),
                        ReportSummary::days, List.of(new DayFigures(DAY, 10, 1))),
                example("days oldest first, summed over organizations", List.of(
                                daily("A", DAY.plusDays(1), sts(DOMAIN, 1, 0)), daily("A", DAY, sts(DOMAIN, 2, 0)),
                                daily("B", DAY, sts(DOMAIN, 3, 1))),
                        ReportSummary::days, List.of(new DayFigures(DAY, 5, 1), new DayFigures(DAY.plusDays(1), 1, 0))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void summarises(Example example) {
        assertThat(example.actual().apply(ReportSummary.of(DOMAIN, SINCE, UNTIL, example.reports())))
                .isEqualTo(example.expected());
    }

    @Test
    void keepsThePeriodAsked() {
        ReportSummary summary = ReportSummary.of(DOMAIN, SINCE, UNTIL, List.of());

        assertThat(List.of(summary.domain(), summary.since(), summary.until())).containsExactly(DOMAIN, SINCE, UNTIL);
    }

    private static Example example(String name, List<StoredReport> reports, Function<ReportSummary, Object> actual,
                                   Object expected) {
        return new Example(name, reports, actual, expected);
    }
}
