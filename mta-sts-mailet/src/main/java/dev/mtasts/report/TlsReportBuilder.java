package dev.mtasts.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * Writes RFC 8460 aggregate reports (§4.4) and the mail that carries one (§5.3).
 *
 * <p>Thread-safe.
 */
public final class TlsReportBuilder {

    /** RFC 8460 §4.4: the policy type of an MTA-STS policy. */
    public static final String POLICY_TYPE_STS = ReportedPolicy.STS;

    /** RFC 8460 §4.4: the policy type of a DANE TLSA RRset. */
    public static final String POLICY_TYPE_TLSA = ReportedPolicy.TLSA;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TlsReportSettings settings;
    private final Random random;

    public TlsReportBuilder(TlsReportSettings settings) {
        this(settings, new SecureRandom());
    }

    /** With the given source of report id randomness (tests). */
    public TlsReportBuilder(TlsReportSettings settings, Random random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = Objects.requireNonNull(random, "random");
    }

    public TlsReportSettings settings() {
        return settings;
    }

    /**
     * A new RFC 8460 {@code report-id}: {@code 20240301.example.com.5f3a9c2e0b1d4a77@mail.sender.example}. It has
     * the form of a message id, which the mail subject needs (§5.3), and is unique across restarts and across the
     * nodes of a cluster that share a submitter. It is chosen once per report and stored with it, so a report sent
     * again carries the same id and the receiver can recognise the duplicate.
     */
    public String newReportId(LocalDate day, String policyDomain) {
        return day.format(DateTimeFormatter.BASIC_ISO_DATE) + "." + policyDomain + "."
                + hexDigits(random.nextLong()) + "@" + settings.submitter();
    }

    public TlsReport build(PendingReport report) {
        return build(report.reportId(), report.tally());
    }

    /** The report of {@code tally} under the id {@code reportId}. */
    public TlsReport build(String reportId, DomainDayTally tally) {
        TlsReport shell = new TlsReport(reportId, settings.submitter(), tally, "");
        ObjectNode root = JSON.createObjectNode();
        // RFC 8460 §4.4
        root.put("organization-name", settings.organizationName());
        ObjectNode dateRange = root.putObject("date-range");
        dateRange.put("start-datetime", shell.startDatetime().toString());
        dateRange.put("end-datetime", shell.endDatetime().toString());
        root.put("contact-info", settings.contactInfo());
        root.put("report-id", reportId);
        ArrayNode policies = root.putArray("policies");
        for (PolicyTally policyTally : tally.policies()) {
            ObjectNode entry = policies.addObject();
            ObjectNode policy = entry.putObject("policy");
            ReportedPolicy reported = policyTally.policy();
            policy.put("policy-type", reported.policyType());
            ArrayNode policyString = policy.putArray("policy-string");
            reported.policyString().forEach(policyString::add);
            policy.put("policy-domain", tally.domain());
            ArrayNode mxHost = policy.putArray("mx-host");
            reported.mxHost().forEach(mxHost::add);
            ObjectNode summary = entry.putObject("summary");
            summary.put("total-successful-session-count", policyTally.successfulSessions());
            summary.put("total-failure-session-count", policyTally.failedSessions());
            ArrayNode failureDetails = entry.putArray("failure-details");
            for (FailureCount count : policyTally.failures()) {
                SessionFailure failure = count.failure();
                ObjectNode detail = failureDetails.addObject();
                detail.put("result-type", failure.resultType().wireName());
                putIfPresent(detail, "sending-mta-ip", failure.sendingMtaIp());
                // no MX for a policy that could not be obtained: nothing to name
                putIfPresent(detail, "receiving-mx-hostname", Optional.of(failure.receivingMxHostname())
                        .filter(name -> !name.isEmpty()));
                putIfPresent(detail, "receiving-mx-helo", failure.receivingMxHelo());
                putIfPresent(detail, "receiving-ip", failure.receivingIp());
                detail.put("failed-session-count", count.sessions());
                putIfPresent(detail, "failure-reason-code", failure.failureReasonCode());
            }
        }
        try {
            return new TlsReport(reportId, settings.submitter(), tally, JSON.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e); // cannot happen
        }
    }

    /** The mail carrying {@code report}, compressed as {@code gzipped}, to {@code recipient} (RFC 8460 §5.3). */
    public TlsReportMail mail(TlsReport report, byte[] gzipped, String recipient) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(TlsReportMail.DOMAIN_HEADER, report.policyDomain());
        headers.put(TlsReportMail.SUBMITTER_HEADER, report.submitter());
        // RFC 8460 §5.3: reports are delivered despite TLS failures; RFC 8689 says so to every MTA on the way
        headers.put(TlsReportMail.TLS_REQUIRED_HEADER, "No");
        return new TlsReportMail(recipient, report.mailSubject(), headers, gzipped, report.fileName(),
                summaryText(report), report.reportId());
    }

    /** The human-readable first part of the mail. */
    String summaryText(TlsReport report) {
        DomainDayTally tally = report.tally();
        StringBuilder text = new StringBuilder()
                .append("This is an aggregate TLS report (RFC 8460) from ").append(settings.organizationName())
                .append(" (").append(report.submitter()).append(").\n\n")
                .append("Policy domain: ").append(tally.domain()).append('\n')
                .append("Period: ").append(report.startDatetime()).append(" to ").append(report.endDatetime())
                .append('\n')
                .append("Successful sessions: ").append(tally.successfulSessions()).append('\n')
                .append("Failed sessions: ").append(tally.failedSessions()).append('\n');
        Map<String, Long> byType = new LinkedHashMap<>();
        tally.policies().stream().flatMap(policy -> policy.failures().stream())
                .forEach(count -> byType.merge(count.failure().resultType().wireName(), count.sessions(), Long::sum));
        byType.forEach((type, sessions) -> text.append("  ").append(type).append(": ").append(sessions)
                .append('\n'));
        return text.append("\nThe report is attached as ").append(report.fileName()).append(" (")
                .append(TlsReport.GZIP_MEDIA_TYPE).append(").\n")
                .append("Report-ID: <").append(report.reportId()).append(">\n")
                .append("Contact: ").append(settings.contactInfo()).append('\n')
                .toString();
    }

    private static void putIfPresent(ObjectNode node, String field, Optional<String> value) {
        value.ifPresent(text -> node.put(field, text));
    }

    /** {@code value} as 16 lower-case hex digits. */
    private static String hexDigits(long value) {
        char[] digits = new char[16];
        for (int i = digits.length - 1; i >= 0; i--) {
            digits[i] = Character.forDigit((int) (value & 0xf), 16);
            value >>>= 4;
        }
        return new String(digits);
    }
}
