package dev.mtasts.inbound;

import static dev.mtasts.inbound.ReportJson.RFC_POLICY;
import static dev.mtasts.inbound.ReportJson.bytes;
import static dev.mtasts.inbound.ReportJson.report;
import static dev.mtasts.inbound.ReportJson.reportWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 8460 §4: report JSON in, {@link ReceivedReport} or a rejection out; one case per quirk of real senders. */
class TlsRptJsonParserTest {

    private static final TlsRptJsonParser PARSER = new TlsRptJsonParser(ReportLimits.defaults());
    private static final String ORGANIZATION = "\"organization-name\": \"Company-X\"";
    private static final String DATE_RANGE = "\"date-range\": {\"start-datetime\": \"2016-04-01T00:00:00Z\", "
            + "\"end-datetime\": \"2016-04-01T23:59:59Z\"}";
    private static final String CONTACT = "\"contact-info\": \"sts-reporting@company-x.example\"";
    private static final String REPORT_ID = "\"report-id\": \"5065427c\"";

    record Accepted(String name, String json, Function<ReceivedReport, Object> actual, Object expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Rejected(String name, byte[] json, RejectionReason reason, String detail) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Test
    void readsTheRfcExample() {
        ReceivedReport report = parsed(report(RFC_POLICY));

        assertThat(report).isEqualTo(new ReceivedReport("Company-X", Optional.of("sts-reporting@company-x.example"),
                "5065427c-23d3-47ca-b6e0-946ea0e8c4be", Instant.parse("2016-04-01T00:00:00Z"),
                Instant.parse("2016-04-01T23:59:59Z"), List.of(new ReceivedPolicy("sts",
                Optional.of("company-y.example"),
                List.of("version: STSv1", "mode: testing", "mx: *.mail.company-y.example", "max_age: 86400"),
                List.of("*.mail.company-y.example"), 5326, 303, List.of(
                new FailureDetail("certificate-expired", Optional.of("2001:db8:abcd:0012::1"),
                        Optional.of("mx1.mail.company-y.example"), Optional.empty(), 100, Optional.empty()),
                new FailureDetail("starttls-not-supported", Optional.of("2001:db8:abcd:0013::1"),
                        Optional.of("mx2.mail.company-y.example"), Optional.of("203.0.113.56"), 200, Optional.empty()),
                new FailureDetail("validation-failure", Optional.of("198.51.100.62"), Optional.empty(),
                        Optional.of("203.0.113.58"), 3, Optional.of("X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED")))))));
        assertThat(report.successfulSessions()).isEqualTo(5326);
        assertThat(report.failedSessions()).isEqualTo(303);
        assertThat(report.policies().get(0).detailsDisagreeWithSummary()).isFalse();
    }

    static Stream<Accepted> accepted() {
        return Stream.of(
                accepted("mx-host as a string (Microsoft)", policyWith("\"mx-host\": \"mx.example.com\""),
                        report -> first(report).mxHosts(), List.of("mx.example.com")),
                accepted("mx-host as an array", policyWith("\"mx-host\": [\"a.example.com\", \"B.example.com.\"]"),
                        report -> first(report).mxHosts(), List.of("a.example.com", "b.example.com")),
                accepted("mx-host missing", policyWith(""), report -> first(report).mxHosts(), List.of()),
                accepted("policy-string missing (Microsoft)", policyWith(""),
                        report -> first(report).policyStrings(), List.of()),
                accepted("policy-string as a string", policyWith("\"policy-string\": \"version: STSv1\""),
                        report -> first(report).policyStrings(), List.of("version: STSv1")),
                accepted("failure detail without sending-mta-ip, receiving-ip, hostname (sts-policy-fetch-error)",
                        report(ReportJson.policy("example.com", 0, 7,
                                "{\"result-type\": \"sts-policy-fetch-error\", \"failed-session-count\": 7}")),
                        report -> first(report).failureDetails(), List.of(new FailureDetail("sts-policy-fetch-error",
                                Optional.empty(), Optional.empty(), Optional.empty(), 7, Optional.empty()))),
                accepted("sending-mta-ip empty string", report(ReportJson.policy("example.com", 0, 1,
                                "{\"result-type\": \"validation-failure\", \"sending-mta-ip\": \"\", "
                                        + "\"failed-session-count\": 1}")),
                        report -> detail(report).sendingMtaIp(), Optional.empty()),
                accepted("optional detail fields null", report(ReportJson.policy("example.com", 0, 1,
                                "{\"result-type\": \"validation-failure\", \"receiving-ip\": null, "
                                        + "\"receiving-mx-hostname\": null, \"failed-session-count\": 1}")),
                        report -> detail(report).receivingIp(), Optional.empty()),
                accepted("free-text failure-reason-code kept", report(ReportJson.policy("example.com", 0, 1,
                                "{\"result-type\": \"validation-failure\", \"failed-session-count\": 1, "
                                        + "\"failure-reason-code\": \"TLS handshake failed: peer closed (421)\"}")),
                        report -> detail(report).failureReasonCode(),
                        Optional.of("TLS handshake failed: peer closed (421)")),
                accepted("free-text result-type kept", report(ReportJson.policy("example.com", 0, 1,
                                "{\"result-type\": \"tls-timeout\", \"failed-session-count\": 1}")),
                        report -> detail(report).resultType(), "tls-timeout"),
                accepted("receiving-mx-hostname normalised", report(ReportJson.policy("example.com", 0, 1,
                                ReportJson.detail("validation-failure", "MX1.Example.COM.", 1))),
                        report -> detail(report).receivingMxHostname(), Optional.of("mx1.example.com")),
                accepted("timestamps without a zone read as UTC",
                        reportWith(ORGANIZATION, "\"date-range\": {\"start-datetime\": \"2016-04-01T00:00:00\", "
                                + "\"end-datetime\": \"2016-04-01T23:59:59\"}", CONTACT, REPORT_ID),
                        report -> List.of(report.start(), report.end()),
                        List.of(Instant.parse("2016-04-01T00:00:00Z"), Instant.parse("2016-04-01T23:59:59Z"))),
                accepted("end at the next day's 00:00:00Z",
                        reportWith(ORGANIZATION, "\"date-range\": {\"start-datetime\": \"2016-04-01T00:00:00Z\", "
                                + "\"end-datetime\": \"2016-04-02T00:00:00Z\"}", CONTACT, REPORT_ID),
                        ReceivedReport::end, Instant.parse("2016-04-02T00:00:00Z")),
                accepted("offset and fractional seconds",
                        reportWith(ORGANIZATION, "\"date-range\": {\"start-datetime\": \"2016-04-01T02:00:00.250+02:00\", "
                                + "\"end-datetime\": \"2016-04-02T01:59:59.999+02:00\"}", CONTACT, REPORT_ID),
                        ReceivedReport::start, Instant.parse("2016-04-01T00:00:00.250Z")),
                accepted("space for T and lower-case z (RFC 3339 §5.6)",
                        reportWith(ORGANIZATION, "\"date-range\": {\"start-datetime\": \"2016-04-01 00:00:00z\", "
                                + "\"end-datetime\": \"2016-04-01 23:59:59z\"}", CONTACT, REPORT_ID),
                        ReceivedReport::start, Instant.parse("2016-04-01T00:00:00Z")),
                accepted("contact-info null", reportWith(ORGANIZATION, DATE_RANGE, "\"contact-info\": null",
                        REPORT_ID), ReceivedReport::contactInfo, Optional.empty()),
                accepted("contact-info missing", reportWith(ORGANIZATION, DATE_RANGE, "", REPORT_ID),
                        ReceivedReport::contactInfo, Optional.empty()),
                accepted("no-policy-found without policy-domain", report("""
                                {"policy": {"policy-type": "no-policy-found"},
                                 "summary": {"total-successful-session-count": 12, "total-failure-session-count": 0}}"""),
                        report -> first(report).policyDomain(), Optional.empty()),
                accepted("failure details that do not add up are kept and flagged",
                        report(ReportJson.policy("example.com", 10, 5,
                                ReportJson.detail("validation-failure", "mx.example.com", 2))),
                        report -> List.of(first(report).failedSessions(), first(report).detailsDisagreeWithSummary()),
                        List.of(5L, true)),
                accepted("failure details that add up are not flagged", report(ReportJson.policy("example.com", 10, 5,
                                ReportJson.detail("validation-failure", "mx.example.com", 2),
                                ReportJson.detail("certificate-expired", "mx.example.com", 3))),
                        report -> first(report).detailsDisagreeWithSummary(), false),
                accepted("failure-details null", report("""
                                {"policy": {"policy-type": "sts", "policy-domain": "example.com"},
                                 "summary": {"total-successful-session-count": 1, "total-failure-session-count": 0},
                                 "failure-details": null}"""),
                        report -> first(report).failureDetails(), List.of()),
                accepted("policy-domain normalised", policyWith("\"mx-host\": []").replace("\"example.com\"",
                        "\"Example.COM.\""), report -> first(report).policyDomain(), Optional.of("example.com")),
                accepted("tlsa policy type kept", report("""
                                {"policy": {"policy-type": "tlsa", "policy-domain": "example.com",
                                            "policy-string": ["3 1 1 0123456789ABCDEF"]},
                                 "summary": {"total-successful-session-count": 1, "total-failure-session-count": 0}}"""),
                        report -> first(report).policyType(), "tlsa"),
                accepted("unknown fields ignored", report(RFC_POLICY).replace("\"report-id\"",
                        "\"x-extension\": {\"a\": [1, 2]}, \"report-id\""), ReceivedReport::organization, "Company-X"),
                accepted("no policies", report(), report -> report.policies().size(), 0),
                accepted("sessions summed over policies", report(ReportJson.policy("a.example", 10, 1),
                                ReportJson.policy("b.example", 20, 2)),
                        report -> List.of(report.successfulSessions(), report.failedSessions()), List.of(30L, 3L)),
                accepted("text fields trimmed", reportWith("\"organization-name\": \" Company-X \"", DATE_RANGE,
                        CONTACT, REPORT_ID), ReceivedReport::organization, "Company-X"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void accepts(Accepted example) {
        assertThat(example.actual().apply(parsed(example.json()))).isEqualTo(example.expected());
    }

    @Test
    void acceptsAUtf8ByteOrderMark() {
        byte[] json = bytes(report(RFC_POLICY));
        byte[] withMark = new byte[json.length + 3];
        withMark[0] = (byte) 0xef;
        withMark[1] = (byte) 0xbb;
        withMark[2] = (byte) 0xbf;
        System.arraycopy(json, 0, withMark, 3, json.length);

        assertThat(PARSER.parse(withMark)).isInstanceOf(ParseOutcome.Parsed.class);
    }

    static Stream<Rejected> rejected() {
        String policies = "\"policies\": [" + RFC_POLICY + "]";
        return Stream.of(
                rejected("empty input", "", RejectionReason.INVALID_JSON, "no JSON value"),
                rejected("not JSON", "not json", RejectionReason.INVALID_JSON, "Unrecognized token"),
                rejected("truncated", report(RFC_POLICY).substring(0, 200), RejectionReason.INVALID_JSON, ""),
                rejected("trailing garbage", report(RFC_POLICY) + " x", RejectionReason.INVALID_JSON, ""),
                rejected("duplicate field", report(RFC_POLICY).replace("\"report-id\"",
                        "\"report-id\": \"a\", \"report-id\""), RejectionReason.INVALID_JSON, "Duplicate field"),
                rejected("an array", "[" + report(RFC_POLICY) + "]", RejectionReason.INVALID_REPORT,
                        "the report is not an object"),
                rejected("organization-name missing", reportWith("", DATE_RANGE, CONTACT, REPORT_ID),
                        RejectionReason.INVALID_REPORT, "organization-name is missing"),
                rejected("organization-name a number", reportWith("\"organization-name\": 5", DATE_RANGE, CONTACT,
                        REPORT_ID), RejectionReason.INVALID_REPORT, "organization-name is not a non-empty string"),
                rejected("report-id blank", reportWith(ORGANIZATION, DATE_RANGE, CONTACT, "\"report-id\": \" \""),
                        RejectionReason.INVALID_REPORT, "report-id is not a non-empty string"),
                rejected("contact-info a number", reportWith(ORGANIZATION, DATE_RANGE, "\"contact-info\": 1",
                        REPORT_ID), RejectionReason.INVALID_REPORT, "contact-info is not a string"),
                rejected("date-range missing", reportWith(ORGANIZATION, "", CONTACT, REPORT_ID),
                        RejectionReason.INVALID_REPORT, "date-range is missing"),
                rejected("start-datetime not a date-time", reportWith(ORGANIZATION, "\"date-range\": "
                        + "{\"start-datetime\": \"yesterday\", \"end-datetime\": \"2016-04-01T23:59:59Z\"}",
                        CONTACT, REPORT_ID), RejectionReason.INVALID_REPORT, "'yesterday' is not an RFC 3339"),
                rejected("end before start", reportWith(ORGANIZATION, "\"date-range\": "
                        + "{\"start-datetime\": \"2016-04-02T00:00:00Z\", \"end-datetime\": \"2016-04-01T00:00:00Z\"}",
                        CONTACT, REPORT_ID), RejectionReason.INVALID_REPORT, "is before start-datetime"),
                rejected("policies missing", "{" + ORGANIZATION + "," + DATE_RANGE + "," + REPORT_ID + "}",
                        RejectionReason.INVALID_REPORT, "policies is missing"),
                rejected("policies an object", "{" + ORGANIZATION + "," + DATE_RANGE + "," + REPORT_ID
                        + ", \"policies\": {}}", RejectionReason.INVALID_REPORT, "policies is not an array"),
                rejected("a policy entry a string", report("\"sts\""), RejectionReason.INVALID_REPORT,
                        "policies[0] is not an object"),
                rejected("policy-type missing", report(RFC_POLICY.replace("\"policy-type\": \"sts\",", "")),
                        RejectionReason.INVALID_REPORT, "policies[0].policy: policy-type is missing"),
                rejected("sts policy without policy-domain",
                        report(RFC_POLICY.replace("\"policy-domain\": \"company-y.example\",", "")),
                        RejectionReason.INVALID_REPORT, "policy-domain is missing"),
                rejected("mx-host a number", report(RFC_POLICY.replace("[\"*.mail.company-y.example\"]}", "5}")),
                        RejectionReason.INVALID_REPORT, "mx-host is neither a string nor an array"),
                rejected("mx-host holding a number",
                        report(RFC_POLICY.replace("[\"*.mail.company-y.example\"]}", "[5]}")),
                        RejectionReason.INVALID_REPORT, "mx-host holds a value that is not a string"),
                rejected("summary missing", report("{\"policy\": {\"policy-type\": \"sts\", "
                        + "\"policy-domain\": \"example.com\"}}"), RejectionReason.INVALID_REPORT,
                        "policies[0]: summary is missing"),
                rejected("count negative", report(ReportJson.policy("example.com", -1, 0)),
                        RejectionReason.INVALID_REPORT, "total-successful-session-count is not an integer"),
                rejected("count fractional", report(ReportJson.policy("example.com", 0, 0)
                        .replace("\"total-successful-session-count\": 0", "\"total-successful-session-count\": 1.5")),
                        RejectionReason.INVALID_REPORT, "total-successful-session-count is not an integer"),
                rejected("count a string", report(ReportJson.policy("example.com", 0, 0)
                        .replace("\"total-failure-session-count\": 0", "\"total-failure-session-count\": \"0\"")),
                        RejectionReason.INVALID_REPORT, "total-failure-session-count is not an integer"),
                rejected("count beyond belief", report(ReportJson.policy("example.com",
                        TlsRptJsonParser.MAX_SESSION_COUNT + 1, 0)), RejectionReason.INVALID_REPORT,
                        "is not an integer from 0 to"),
                rejected("count beyond a long", report(ReportJson.policy("example.com", 0, 0)
                        .replace("\"total-failure-session-count\": 0",
                                "\"total-failure-session-count\": 99999999999999999999999")),
                        RejectionReason.INVALID_REPORT, "total-failure-session-count is not an integer"),
                rejected("failure-details an object", report(ReportJson.policy("example.com", 0, 0)
                        .replace("\"failure-details\": []", "\"failure-details\": {}")), RejectionReason.INVALID_REPORT,
                        "failure-details is not an array"),
                rejected("failure detail without result-type", report(ReportJson.policy("example.com", 0, 1,
                        "{\"failed-session-count\": 1}")), RejectionReason.INVALID_REPORT,
                        "policies[0].failure-details[0]: result-type is missing"),
                rejected("failure detail without failed-session-count", report(ReportJson.policy("example.com", 0, 1,
                        "{\"result-type\": \"validation-failure\"}")), RejectionReason.INVALID_REPORT,
                        "failed-session-count is missing"),
                rejected("nested too deep", report(RFC_POLICY).replace("\"report-id\"",
                        "\"x\": " + "[".repeat(20) + "]".repeat(20) + ", \"report-id\""),
                        RejectionReason.INVALID_REPORT, "nested deeper than 16"),
                rejected("nested ten thousand deep", "[".repeat(10_000), RejectionReason.INVALID_REPORT,
                        "nested deeper than 16"),
                rejected("a number of a million digits", report(RFC_POLICY).replace("\"report-id\"",
                        "\"x\": " + "9".repeat(1_000_000) + ", \"report-id\""), RejectionReason.INVALID_REPORT,
                        "a number longer than 64 characters"),
                rejected("a flood of small values", report(RFC_POLICY).replace("\"report-id\"",
                        "\"x\": [" + "0,".repeat(TlsRptJsonParser.MAX_TOKENS) + "0], \"report-id\""),
                        RejectionReason.TOO_LARGE, "more than 300000 JSON values"),
                rejected("a string of 5000 characters", report(RFC_POLICY).replace("Company-X", "X".repeat(5000)),
                        RejectionReason.INVALID_REPORT, "a string longer than 4096 characters"),
                rejected("a line break in the organization", report(RFC_POLICY).replace("Company-X",
                        "Company-X\\n2026-12-01 INFO forged"), RejectionReason.INVALID_REPORT,
                        "a string with a control character"),
                rejected("a policy-domain that is not a domain name", report(RFC_POLICY.replace(
                        "\"policy-domain\": \"company-y.example\"", "\"policy-domain\": \"../../etc\"")),
                        RejectionReason.INVALID_REPORT, "policies[0].policy: policy-domain is not a domain name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejects(Rejected example) {
        assertRejected(PARSER.parse(example.json()), example.reason(), example.detail());
    }

    static Stream<Rejected> beyondLimits() {
        return Stream.of(
                new Rejected("more policies than the limit", bytes(report(RFC_POLICY, RFC_POLICY, RFC_POLICY)),
                        RejectionReason.TOO_MANY_POLICIES, "3 policies, at most 2"),
                new Rejected("more failure details than the limit", bytes(report(RFC_POLICY)),
                        RejectionReason.TOO_MANY_FAILURE_DETAILS, "policies[0]: 3 failure details, at most 2"),
                new Rejected("more failure details in all than the limit", bytes(report(
                        ReportJson.policy("a.example", 1, 2, ReportJson.detail("certificate-expired", "mx.a.example", 2)),
                        ReportJson.policy("b.example", 1, 2, ReportJson.detail("certificate-expired", "mx.b.example", 1),
                                ReportJson.detail("starttls-not-supported", "mx.b.example", 1)))),
                        RejectionReason.TOO_MANY_FAILURE_DETAILS, "more than 2 failure details in all"),
                new Rejected("more bytes than the decompressed limit", bytes(report(RFC_POLICY) + " ".repeat(4096)),
                        RejectionReason.TOO_LARGE, "more than 4096"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("beyondLimits")
    void rejectsBeyondTheLimits(Rejected example) {
        TlsRptJsonParser small = new TlsRptJsonParser(new ReportLimits(10_000, 4096, 100, 2, 2));

        assertRejected(small.parse(example.json()), example.reason(), example.detail());
    }

    @Test
    void limitsAreInclusive() {
        TlsRptJsonParser exact = new TlsRptJsonParser(new ReportLimits(10_000, 10_000, 100, 1, 3));

        assertThat(exact.parse(bytes(report(RFC_POLICY)))).isInstanceOf(ParseOutcome.Parsed.class);
    }

    @Test
    void aRejectionQuotesTheSenderShortAndWithoutControlCharacters() {
        String hostile = "x".repeat(1000);
        ParseOutcome outcome = PARSER.parse(bytes(reportWith(ORGANIZATION, "\"date-range\": {\"start-datetime\": \""
                + hostile + "\", \"end-datetime\": \"2016-04-01T23:59:59Z\"}", CONTACT, REPORT_ID)));

        assertThat(outcome).isInstanceOfSatisfying(ParseOutcome.Rejected.class, rejected -> {
            assertThat(rejected.detail()).hasSize(ParseOutcome.Rejected.MAX_DETAIL_LENGTH + 3).endsWith("...")
                    .doesNotContain("\u0007", "\r", "\n");
        });
    }

    private static void assertRejected(ParseOutcome outcome, RejectionReason reason, String detail) {
        assertThat(outcome).isInstanceOf(ParseOutcome.Rejected.class);
        ParseOutcome.Rejected rejected = (ParseOutcome.Rejected) outcome;
        assertThat(rejected.reason()).isEqualTo(reason);
        assertThat(rejected.detail()).contains(detail);
    }

    private static ReceivedReport parsed(String json) {
        ParseOutcome outcome = PARSER.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(outcome).isInstanceOf(ParseOutcome.Parsed.class);
        return ((ParseOutcome.Parsed) outcome).report();
    }

    private static ReceivedPolicy first(ReceivedReport report) {
        return report.policies().get(0);
    }

    private static FailureDetail detail(ReceivedReport report) {
        return first(report).failureDetails().get(0);
    }

    /** An sts policy for example.com with {@code fields} added to its {@code policy} object. */
    private static String policyWith(String fields) {
        return report("""
                {"policy": {"policy-type": "sts", "policy-domain": "example.com"%s},
                 "summary": {"total-successful-session-count": 1, "total-failure-session-count": 0}}"""
                .formatted(fields.isEmpty() ? "" : ", " + fields));
    }

    private static Accepted accepted(String name, String json, Function<ReceivedReport, Object> actual,
                                     Object expected) {
        return new Accepted(name, json, actual, expected);
    }

    private static Rejected rejected(String name, String json, RejectionReason reason, String detail) {
        return new Rejected(name, json.getBytes(StandardCharsets.UTF_8), reason, detail);
    }
}
