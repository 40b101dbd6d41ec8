package dev.mtasts.inbound;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Stored reports for tests: one day's report of an organization, with the policies given. */
final class StoredReports {

    private StoredReports() {
    }

    static StoredReport daily(String organization, LocalDate day, ReceivedPolicy... policies) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        return stored(organization, organization + "-" + day, start, start.plusSeconds(86_399), policies);
    }

    static StoredReport stored(String organization, String reportId, Instant start, Instant end,
                               ReceivedPolicy... policies) {
        return new StoredReport(new ReceivedReport(organization, Optional.empty(), reportId, start, end,
                List.of(policies)), end.plusSeconds(3600), "pass", Optional.of("example.com"));
    }

    static ReceivedPolicy sts(String domain, long successful, long failed, FailureDetail... details) {
        return new ReceivedPolicy("sts", Optional.of(domain), List.of("version: STSv1", "mode: testing"),
                List.of("mx." + domain), successful, failed, List.of(details));
    }

    static ReceivedPolicy noPolicyFound(long successful) {
        return new ReceivedPolicy("no-policy-found", Optional.empty(), List.of(), List.of(), successful, 0, List.of());
    }

    static FailureDetail failure(String resultType, String receivingMx, long sessions) {
        return new FailureDetail(resultType, Optional.of("192.0.2.1"), Optional.ofNullable(receivingMx),
                Optional.empty(), sessions, Optional.empty());
    }
}
