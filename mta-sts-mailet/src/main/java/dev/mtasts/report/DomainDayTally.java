package dev.mtasts.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Everything counted for one policy domain on one UTC day: the content of one RFC 8460 report.
 *
 * @param day      the UTC day (RFC 8460 §4.1: a report covers a 24-hour UTC period)
 * @param domain   the policy domain, lower case, no trailing dot
 * @param policies the counts per policy applied that day
 */
public record DomainDayTally(LocalDate day, String domain, List<PolicyTally> policies) {

    public DomainDayTally {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(domain, "domain");
        policies = List.copyOf(policies);
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
}
