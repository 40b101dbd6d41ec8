package dev.mtasts.audit;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * All findings about one domain, ordered by {@link Area} and, within an area, in the order they were made.
 */
public record AuditReport(String domain, List<Finding> findings) {

    public AuditReport {
        Objects.requireNonNull(domain, "domain");
        findings = findings.stream().sorted(Comparator.comparing(Finding::area)).toList();
    }

    public long count(Severity severity) {
        return findings.stream().filter(finding -> finding.severity() == severity).count();
    }

    public boolean hasErrors() {
        return count(Severity.ERROR) > 0;
    }

    /** The findings of one area, in report order. */
    public List<Finding> in(Area area) {
        return findings.stream().filter(finding -> finding.area() == area).toList();
    }
}
