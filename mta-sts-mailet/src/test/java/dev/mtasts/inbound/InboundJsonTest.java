package dev.mtasts.inbound;

import static dev.mtasts.inbound.StoredReports.daily;
import static dev.mtasts.inbound.StoredReports.failure;
import static dev.mtasts.inbound.StoredReports.noPolicyFound;
import static dev.mtasts.inbound.StoredReports.sts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtasts.policy.PolicyParser;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The exact JSON the WebAdmin routes and {@code mta-sts reports --json} print: fields, order, nulls. */
class InboundJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate DAY = LocalDate.parse("2026-11-16");
    private static final StoredReport REPORT = daily("Google Inc.", DAY, sts("example.com", 10, 3,
            failure("certificate-expired", "mx1.example.com", 3)), noPolicyFound(2), sts("other.example", 99, 99));

    @Test
    void report() throws Exception {
        assertThat(JSON.writeValueAsString(InboundJson.report(REPORT, "example.com"))).isEqualTo("{"
                + "\"reportId\":\"Google Inc.-2026-11-16\",\"organization\":\"Google Inc.\",\"contactInfo\":null,"
                + "\"policyDomain\":\"example.com\",\"policyType\":\"sts,no-policy-found\","
                + "\"start\":\"2026-11-16T00:00:00Z\",\"end\":\"2026-11-16T23:59:59Z\","
                + "\"receivedAt\":\"2026-11-17T00:59:59Z\",\"successfulSessions\":12,\"failedSessions\":3,"
                + "\"dkim\":\"pass\"}");
    }

    @Test
    void rejected() throws Exception {
        RejectedReport rejected = new RejectedReport(Instant.parse("2026-11-16T10:00:00Z"), "a@b.example",
                RejectionReason.DECOMPRESSION_BOMB, "detail");

        assertThat(JSON.writeValueAsString(InboundJson.rejected(rejected))).isEqualTo(
                "{\"receivedAt\":\"2026-11-16T10:00:00Z\",\"sender\":\"a@b.example\",\"reason\":\"decompression-bomb\"}");
    }

    @Test
    void summary() throws Exception {
        ReportSummary summary = ReportSummary.of("example.com", Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z"), List.of(REPORT));

        assertThat(JSON.writeValueAsString(InboundJson.summary(summary))).isEqualTo("{"
                + "\"domain\":\"example.com\",\"since\":\"2026-11-01T00:00:00Z\",\"until\":\"2026-12-01T00:00:00Z\","
                + "\"reports\":1,\"successfulSessions\":12,\"failedSessions\":3,"
                + "\"byOrganization\":[{\"organization\":\"Google Inc.\",\"reports\":1,\"successfulSessions\":12,"
                + "\"failedSessions\":3}],"
                + "\"byResultType\":[{\"resultType\":\"certificate-expired\",\"sessions\":3}],"
                + "\"byReceivingMx\":[{\"receivingMx\":\"mx1.example.com\",\"failedSessions\":3,"
                + "\"resultTypes\":[\"certificate-expired\"]}],"
                + "\"days\":[{\"date\":\"2026-11-16\",\"successfulSessions\":12,\"failedSessions\":3}]}");
    }

    @Test
    void rollout() throws Exception {
        RolloutAdvice advice = RolloutAdvice.advise("example.com", Optional.of(PolicyParser.parse(
                "version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 86400\n")), Optional.of("20260101"),
                List.of("mx1.example.com"), List.of(REPORT), Instant.parse("2026-11-17T06:00:00Z"),
                RolloutRules.defaults());

        assertThat(JSON.writeValueAsString(InboundJson.rollout(advice))).isEqualTo("{"
                + "\"domain\":\"example.com\",\"publishedPolicy\":{\"id\":\"20260101\",\"mode\":\"enforce\","
                + "\"mx\":[\"mx1.example.com\"],\"maxAge\":86400},\"days\":1,\"reports\":1,\"organizations\":1,"
                + "\"successfulSessions\":12,\"failedSessions\":3,\"failureRate\":0.2,\"verdict\":\"already-enforced\","
                + "\"reasons\":[\"failure rate 20.00 % over the last 7 days, at most 0.10 % allowed\"],"
                + "\"nextSteps\":[\"fix mx1.example.com (certificate-expired in 3 sessions over the last 7 days), then wait for reports "
                + "without failures\"]}");
    }

    @Test
    void rolloutWithoutPolicy() throws Exception {
        RolloutAdvice advice = RolloutAdvice.advise("example.com", Optional.empty(), Optional.empty(), List.of(),
                List.of(), Instant.parse("2026-11-17T06:00:00Z"), RolloutRules.defaults());

        assertThat(JSON.readTree(JSON.writeValueAsString(InboundJson.rollout(advice))).get("publishedPolicy").isNull())
                .isTrue();
    }
}
