package dev.mtasts.inbound;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A parsed RFC 8460 §4 report, as another sender mailed it to us. */
public final class ReceivedReport {

    private final String organization;
    private final Optional<String> contactInfo;
    private final String reportId;
    private final Instant start;
    private final Instant end;
    private final List<ReceivedPolicy> policies;

    public ReceivedReport(String organization, Optional<String> contactInfo, String reportId, Instant start,
                          Instant end, List<ReceivedPolicy> policies) {
        this.organization = Objects.requireNonNull(organization, "organization");
        this.contactInfo = Objects.requireNonNull(contactInfo, "contactInfo");
        this.reportId = Objects.requireNonNull(reportId, "reportId");
        this.start = Objects.requireNonNull(start, "start");
        this.end = Objects.requireNonNull(end, "end");
        this.policies = List.copyOf(policies);
    }

    /** RFC 8460 §4.4 {@code organization-name}. */
    public String organization() {
        return organization;
    }

    /** RFC 8460 §4.4 {@code contact-info}; {@code null} as sent by some is absent. */
    public Optional<String> contactInfo() {
        return contactInfo;
    }

    /** RFC 8460 §4.4 {@code report-id}. */
    public String reportId() {
        return reportId;
    }

    /** RFC 8460 §4.4 {@code date-range.start-datetime}; a timestamp without a zone is read as UTC. */
    public Instant start() {
        return start;
    }

    /** RFC 8460 §4.4 {@code date-range.end-datetime}: {@code 23:59:59Z} or the next day's {@code 00:00:00Z}. */
    public Instant end() {
        return end;
    }

    public List<ReceivedPolicy> policies() {
        return policies;
    }

    /** The sum of the policies' successful sessions. */
    public long successfulSessions() {
        long sum = 0;
        for (ReceivedPolicy policy : policies) {
            sum += policy.successfulSessions();
        }
        return sum;
    }

    /** The sum of the policies' failed sessions (their summaries, not their failure details). */
    public long failedSessions() {
        long sum = 0;
        for (ReceivedPolicy policy : policies) {
            sum += policy.failedSessions();
        }
        return sum;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ReceivedReport)) {
            return false;
        }
        ReceivedReport that = (ReceivedReport) other;
        return organization.equals(that.organization) && contactInfo.equals(that.contactInfo)
                && reportId.equals(that.reportId) && start.equals(that.start) && end.equals(that.end)
                && policies.equals(that.policies);
    }

    @Override
    public int hashCode() {
        return Objects.hash(organization, contactInfo, reportId, start, end, policies);
    }

    @Override
    public String toString() {
        return "ReceivedReport[" + organization + " " + reportId + " " + start + ".." + end + ", " + policies + "]";
    }
}
