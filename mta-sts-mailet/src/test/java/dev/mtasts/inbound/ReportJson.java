package dev.mtasts.inbound;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** RFC 8460 §4.4 report text for tests, built from pieces so that each case changes one thing. */
final class ReportJson {

    static final String RFC_POLICY = """
            {"policy": {"policy-type": "sts",
                        "policy-string": ["version: STSv1", "mode: testing", "mx: *.mail.company-y.example", "max_age: 86400"],
                        "policy-domain": "company-y.example",
                        "mx-host": ["*.mail.company-y.example"]},
             "summary": {"total-successful-session-count": 5326, "total-failure-session-count": 303},
             "failure-details": [
               {"result-type": "certificate-expired", "sending-mta-ip": "2001:db8:abcd:0012::1",
                "receiving-mx-hostname": "mx1.mail.company-y.example", "failed-session-count": 100},
               {"result-type": "starttls-not-supported", "sending-mta-ip": "2001:db8:abcd:0013::1",
                "receiving-mx-hostname": "mx2.mail.company-y.example", "receiving-ip": "203.0.113.56",
                "failed-session-count": 200, "additional-information": "https://reports.company-x.example/x"},
               {"result-type": "validation-failure", "sending-mta-ip": "198.51.100.62",
                "receiving-ip": "203.0.113.58", "failed-session-count": 3,
                "failure-reason-code": "X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED"}]}""";

    private ReportJson() {
    }

    /** The RFC 8460 Appendix B example with {@code policies} replaced. */
    static String report(String... policies) {
        return """
                {"organization-name": "Company-X",
                 "date-range": {"start-datetime": "2016-04-01T00:00:00Z", "end-datetime": "2016-04-01T23:59:59Z"},
                 "contact-info": "sts-reporting@company-x.example",
                 "report-id": "5065427c-23d3-47ca-b6e0-946ea0e8c4be",
                 "policies": [%s]}""".formatted(String.join(",", policies));
    }

    /** A report whose top-level fields are given as {@code "name": value} pieces, policies as the RFC's. */
    static String reportWith(String organization, String dateRange, String contactInfo, String reportId) {
        return "{" + List.of(organization, dateRange, contactInfo, reportId, "\"policies\": [" + RFC_POLICY + "]")
                .stream().filter(piece -> !piece.isEmpty()).collect(Collectors.joining(",")) + "}";
    }

    /** One sts policy for {@code domain} with the given counts and failure details. */
    static String policy(String domain, long successful, long failed, String... details) {
        return """
                {"policy": {"policy-type": "sts", "policy-domain": "%s", "mx-host": ["mx.%s"]},
                 "summary": {"total-successful-session-count": %d, "total-failure-session-count": %d},
                 "failure-details": [%s]}""".formatted(domain, domain, successful, failed, String.join(",", details));
    }

    static String detail(String resultType, String receivingMx, long failed) {
        return """
                {"result-type": "%s", "sending-mta-ip": "192.0.2.1", "receiving-mx-hostname": "%s",
                 "failed-session-count": %d}""".formatted(resultType, receivingMx, failed);
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
