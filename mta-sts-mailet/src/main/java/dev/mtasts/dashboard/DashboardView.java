package dev.mtasts.dashboard;

import dev.mtasts.report.DomainSessions;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Everything the dashboard page shows, gathered before rendering. */
public final class DashboardView {

    private final Instant now;
    private final List<FigureWindow> windows;
    private final List<DomainSessions> clearTextDomains;
    private final int policyTotal;
    private final int offset;
    private final int limit;
    private final List<PolicyRow> policies;
    private final Optional<List<OwnDomainReports>> ownDomains;

    /**
     * @param ownDomains empty when the received-reports feature is not wired in; else one entry per own domain with
     *                   reports
     */
    public DashboardView(Instant now, List<FigureWindow> windows, List<DomainSessions> clearTextDomains,
                         int policyTotal, int offset, int limit, List<PolicyRow> policies,
                         Optional<List<OwnDomainReports>> ownDomains) {
        this.now = Objects.requireNonNull(now, "now");
        this.windows = List.copyOf(windows);
        this.clearTextDomains = List.copyOf(clearTextDomains);
        this.policyTotal = policyTotal;
        this.offset = offset;
        this.limit = limit;
        this.policies = List.copyOf(policies);
        this.ownDomains = ownDomains.map(List::copyOf);
    }

    public Instant now() {
        return now;
    }

    public List<FigureWindow> windows() {
        return windows;
    }

    public List<DomainSessions> clearTextDomains() {
        return clearTextDomains;
    }

    public int policyTotal() {
        return policyTotal;
    }

    public int offset() {
        return offset;
    }

    public int limit() {
        return limit;
    }

    public List<PolicyRow> policies() {
        return policies;
    }

    public Optional<List<OwnDomainReports>> ownDomains() {
        return ownDomains;
    }
}
