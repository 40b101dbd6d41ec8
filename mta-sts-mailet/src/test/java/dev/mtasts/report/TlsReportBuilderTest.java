package dev.mtasts.report;

import dev.mtasts.outcome.ResultType;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

class TlsReportBuilderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate DAY = LocalDate.parse("2016-04-01");
    private static final TlsReportSettings SETTINGS = TlsReportSettings.defaults("mail.sender.example")
            .withOrganizationName("Company-X")
            .withContactInfo("sts-reporting@company-x.example");

    private final TlsReportBuilder builder = new TlsReportBuilder(SETTINGS, new Random(42));

    private static DomainDayTally tally() {
        ReportedPolicy policy = new ReportedPolicy("20160401", "version: STSv1\r\nmode: testing\r\n"
                + "mx: *.mail.company-y.example\r\nmax_age: 86400\r\n", List.of("*.mail.company-y.example"));
        List<FailureCount> failures = List.of(
                new FailureCount(new SessionFailure(ResultType.CERTIFICATE_EXPIRED,
                        Optional.of("2001:db8:abcd:12:0:0:0:1"), "mx2.mail.company-y.example", Optional.empty(),
                        Optional.empty(), Optional.empty()), 100),
                new FailureCount(new SessionFailure(ResultType.STARTTLS_NOT_SUPPORTED,
                        Optional.of("2001:db8:abcd:13:0:0:0:1"), "mx.mail.company-y.example",
                        Optional.of("mx.mail.company-y.example"), Optional.of("203.0.113.56"), Optional.empty()),
                        200),
                new FailureCount(new SessionFailure(ResultType.VALIDATION_FAILURE, Optional.of("198.51.100.62"),
                        "mx-backup.mail.company-y.example", Optional.empty(), Optional.of("203.0.113.58"),
                        Optional.of("X509_V_ERR_PROOF_OF_POSSESSION")), 3));
        PolicyTally sts = new PolicyTally(policy, 5326, 303, failures);
        PolicyTally unavailable = new PolicyTally(new ReportedPolicy("20160402", "", List.of()), 0, 7,
                List.of(new FailureCount(new SessionFailure(ResultType.STS_POLICY_FETCH_ERROR, Optional.empty(), "",
                        Optional.empty(), Optional.empty(), Optional.of("HTTP 404")), 7)));
        return new DomainDayTally(DAY, "company-y.example", List.of(sts, unavailable));
    }

    @Test
    void theReportFollowsTheRfc8460SchemaFieldByField() throws IOException {
        TlsReport report = builder.build("5065427c-23d3-47ca-b6e0-946ea0e8c4be", tally());

        JsonNode root = JSON.readTree(report.json());

        assertThat(fieldNames(root)).containsExactly("organization-name", "date-range", "contact-info",
                "report-id", "policies");
        assertThat(root.get("organization-name").asText()).isEqualTo("Company-X");
        assertThat(fieldNames(root.get("date-range"))).containsExactly("start-datetime", "end-datetime");
        assertThat(root.get("date-range").get("start-datetime").asText()).isEqualTo("2016-04-01T00:00:00Z");
        assertThat(root.get("date-range").get("end-datetime").asText()).isEqualTo("2016-04-01T23:59:59Z");
        assertThat(root.get("contact-info").asText()).isEqualTo("sts-reporting@company-x.example");
        assertThat(root.get("report-id").asText()).isEqualTo("5065427c-23d3-47ca-b6e0-946ea0e8c4be");
        assertThat(root.get("policies").size()).isEqualTo(2);

        JsonNode first = root.get("policies").get(0);
        assertThat(fieldNames(first)).containsExactly("policy", "summary", "failure-details");
        JsonNode policy = first.get("policy");
        assertThat(fieldNames(policy)).containsExactly("policy-type", "policy-string", "policy-domain", "mx-host");
        assertThat(policy.get("policy-type").asText()).isEqualTo("sts");
        assertThat(texts(policy.get("policy-string"))).containsExactly("version: STSv1", "mode: testing",
                "mx: *.mail.company-y.example", "max_age: 86400");
        assertThat(policy.get("policy-domain").asText()).isEqualTo("company-y.example");
        assertThat(texts(policy.get("mx-host"))).containsExactly("*.mail.company-y.example");
        JsonNode summary = first.get("summary");
        assertThat(fieldNames(summary)).containsExactly("total-successful-session-count",
                "total-failure-session-count");
        assertThat(summary.get("total-successful-session-count").isIntegralNumber()).isTrue();
        assertThat(summary.get("total-successful-session-count").asLong()).isEqualTo(5326);
        assertThat(summary.get("total-failure-session-count").asLong()).isEqualTo(303);

        JsonNode details = first.get("failure-details");
        assertThat(details.size()).isEqualTo(3);
        JsonNode expired = details.get(0);
        assertThat(fieldNames(expired)).containsExactly("result-type", "sending-mta-ip", "receiving-mx-hostname",
                "failed-session-count");
        assertThat(expired.get("result-type").asText()).isEqualTo("certificate-expired");
        assertThat(expired.get("sending-mta-ip").asText()).isEqualTo("2001:db8:abcd:12:0:0:0:1");
        assertThat(expired.get("receiving-mx-hostname").asText()).isEqualTo("mx2.mail.company-y.example");
        assertThat(expired.get("failed-session-count").asLong()).isEqualTo(100);
        JsonNode noStarttls = details.get(1);
        assertThat(fieldNames(noStarttls)).containsExactly("result-type", "sending-mta-ip",
                "receiving-mx-hostname", "receiving-mx-helo", "receiving-ip", "failed-session-count");
        assertThat(noStarttls.get("result-type").asText()).isEqualTo("starttls-not-supported");
        assertThat(noStarttls.get("receiving-mx-helo").asText()).isEqualTo("mx.mail.company-y.example");
        assertThat(noStarttls.get("receiving-ip").asText()).isEqualTo("203.0.113.56");
        assertThat(noStarttls.get("failed-session-count").asLong()).isEqualTo(200);
        JsonNode validation = details.get(2);
        assertThat(fieldNames(validation)).containsExactly("result-type", "sending-mta-ip",
                "receiving-mx-hostname", "receiving-ip", "failed-session-count", "failure-reason-code");
        assertThat(validation.get("result-type").asText()).isEqualTo("validation-failure");
        assertThat(validation.get("sending-mta-ip").asText()).isEqualTo("198.51.100.62");
        assertThat(validation.get("receiving-mx-hostname").asText()).isEqualTo("mx-backup.mail.company-y.example");
        assertThat(validation.get("receiving-ip").asText()).isEqualTo("203.0.113.58");
        assertThat(validation.get("failed-session-count").asLong()).isEqualTo(3);
        assertThat(validation.get("failure-reason-code").asText()).isEqualTo("X509_V_ERR_PROOF_OF_POSSESSION");
    }

    @Test
    void aPolicyThatCouldNotBeObtainedHasNoPolicyStringNoMxAndFailuresWithoutAnMx() throws IOException {
        JsonNode second = JSON.readTree(builder.build("id", tally()).json()).get("policies").get(1);

        assertThat(second.get("policy").get("policy-type").asText()).isEqualTo("sts");
        assertThat(second.get("policy").get("policy-string").size()).isZero();
        assertThat(second.get("policy").get("mx-host").size()).isZero();
        assertThat(second.get("summary").get("total-successful-session-count").asLong()).isZero();
        assertThat(second.get("summary").get("total-failure-session-count").asLong()).isEqualTo(7);
        JsonNode detail = second.get("failure-details").get(0);
        assertThat(fieldNames(detail)).containsExactly("result-type", "failed-session-count", "failure-reason-code");
        assertThat(detail.get("result-type").asText()).isEqualTo("sts-policy-fetch-error");
    }

    @Test
    void aDayWithoutFailuresHasAnEmptyFailureDetailsList() throws IOException {
        PolicyTally clean = new PolicyTally(new ReportedPolicy("1", Outcomes.ENFORCE_TEXT, List.of("mx1.example.com")),
                12, 0, List.of());
        JsonNode root = JSON.readTree(builder.build("id", new DomainDayTally(DAY, "example.com", List.of(clean)))
                .json());

        JsonNode entry = root.get("policies").get(0);
        assertThat(entry.get("failure-details").isArray()).isTrue();
        assertThat(entry.get("failure-details").size()).isZero();
        assertThat(entry.get("summary").get("total-successful-session-count").asLong()).isEqualTo(12);
    }

    @Test
    void gzipRoundTrip() throws IOException {
        TlsReport report = builder.build("id", tally());

        byte[] compressed = report.gzip();

        assertThat(compressed).startsWith(0x1f, 0x8b);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(report.json());
        }
    }

    @Test
    void fileNameFollowsRfc8460() {
        TlsReport report = builder.build("id", tally());

        // 2016-04-01T00:00:00Z is 1459468800; the day's last second is 86399 later
        assertThat(report.fileName())
                .isEqualTo("mail.sender.example!company-y.example!1459468800!1459555199.json.gz")
                .matches("[a-z0-9.-]+![a-z0-9.-]+![0-9]+![0-9]+\\.json\\.gz");
        assertThat(report.startDatetime()).isEqualTo(Instant.parse("2016-04-01T00:00:00Z"));
        assertThat(report.endDatetime()).isEqualTo(Instant.parse("2016-04-01T23:59:59Z"));
    }

    @Test
    void reportIdsLookLikeMessageIdsAndAreUnique() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(builder.newReportId(DAY, "company-y.example"));
        }

        assertThat(ids).hasSize(1000).allSatisfy(id -> assertThat(id)
                .matches("20160401\\.company-y\\.example\\.[0-9a-f]{16}@mail\\.sender\\.example"));
    }

    @Test
    void theMailCarriesTheRfc8460SubjectHeadersAndAttachment() throws IOException {
        TlsReport report = builder.build("20160401.company-y.example.00ff@mail.sender.example", tally());
        byte[] gzipped = report.gzip();

        TlsReportMail mail = builder.mail(report, gzipped, "tlsrpt@company-y.example");

        assertThat(mail.recipient()).isEqualTo("tlsrpt@company-y.example");
        assertThat(mail.subject()).isEqualTo("Report Domain: company-y.example Submitter: mail.sender.example "
                + "Report-ID: <20160401.company-y.example.00ff@mail.sender.example>");
        assertThat(new ArrayList<>(mail.headers().entrySet())).containsExactly(
                Map.entry("TLS-Report-Domain", "company-y.example"),
                Map.entry("TLS-Report-Submitter", "mail.sender.example"),
                Map.entry("TLS-Required", "No"));
        assertThat(mail.attachment()).isEqualTo(gzipped);
        assertThat(mail.attachmentMediaType()).isEqualTo("application/tlsrpt+gzip");
        assertThat(mail.attachmentFileName()).isEqualTo(report.fileName());
        assertThat(mail.reportId()).isEqualTo(report.reportId());
        assertThat(mail.text())
                .contains("aggregate TLS report", "Company-X", "company-y.example", "Successful sessions: 5326",
                        "Failed sessions: 310", "certificate-expired: 100", "sts-policy-fetch-error: 7",
                        report.fileName());
        assertThat(TlsReportMail.REPORT_TYPE).isEqualTo("tlsrpt");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }
}
