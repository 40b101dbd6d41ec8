package dev.mtasts.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** Everything counted for one policy domain on one UTC day: the content of one RFC 8460 report. */
public final class DomainDayTally {

    private final LocalDate day;
    private final String domain;
    private final List<PolicyTally> policies;

    public DomainDayTally(LocalDate day, String domain, List<PolicyTally> policies) {
        this.day = Objects.requireNonNull(day, "day");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.policies = List.copyOf(policies);
    }

    /** The UTC day (RFC 8460 §4.1: a report covers a 24-hour UTC period). */
    public LocalDate day() {
        return day;
    }

    /** The policy domain, lower case, no trailing dot. */
    public String domain() {
        return domain;
    }

    /** The counts per policy applied that day. */
    public List<PolicyTally> policies() {
        return policies;
    }

    public long successfulSessions() {
        return policies.stream().mapToLong(PolicyTally::successfulSessions).sum();
    }

    public long failedSessions() {
        return policies.stream().mapToLong(PolicyTally::failedSessions).sum();
    }

    public boolean hasFailures() {
        return failedSessions() > 0;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof DomainDayTally)) {
            return false;
        }
        DomainDayTally that = (DomainDayTally) other;
        return day.equals(that.day) && domain.equals(that.domain) && policies.equals(that.policies);
    }

    @Override
    public int hashCode() {
        return Objects.hash(day, domain, policies);
    }
}
