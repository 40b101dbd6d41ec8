package dev.mtasts.inbound;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the received reports say about one of our domains over a period; pure.
 *
 * <p>A report counts when its period starts within {@code [since, until)} and at least one of its policies is about
 * the domain (see {@link StoredReport#domainOf}); only those policies' sessions count, each once. Session totals come
 * from the policies' summaries (RFC 8460 §4.3), the result types and MX hosts from their failure details. A report
 * whose period spans two days counts on the UTC day it starts.
 */
public final class ReportSummary {

    private final String domain;
    private final Instant since;
    private final Instant until;
    private final long reports;
    private final long successfulSessions;
    private final long failedSessions;
    private final List<OrganizationFigures> byOrganization;
    private final List<ResultTypeFigures> byResultType;
    private final List<ReceivingMxFigures> byReceivingMx;
    private final List<DayFigures> days;

    private ReportSummary(String domain, Instant since, Instant until, long reports, long successfulSessions,
                          long failedSessions, List<OrganizationFigures> byOrganization,
                          List<ResultTypeFigures> byResultType, List<ReceivingMxFigures> byReceivingMx,
                          List<DayFigures> days) {
        this.domain = domain;
        this.since = since;
        this.until = until;
        this.reports = reports;
        this.successfulSessions = successfulSessions;
        this.failedSessions = failedSessions;
        this.byOrganization = List.copyOf(byOrganization);
        this.byResultType = List.copyOf(byResultType);
        this.byReceivingMx = List.copyOf(byReceivingMx);
        this.days = List.copyOf(days);
    }

    /** @param domain normalised, as {@code dev.mtasts.discovery.PolicyDomain} does */
    public static ReportSummary of(String domain, Instant since, Instant until, List<StoredReport> reports) {
        Objects.requireNonNull(domain, "domain");
        Tally total = new Tally();
        Map<String, Tally> organizations = new TreeMap<>();
        Map<String, Tally> resultTypes = new TreeMap<>();
        Map<String, Tally> mxHosts = new TreeMap<>();
        Map<String, TreeSet<String>> mxResultTypes = new TreeMap<>();
        Map<LocalDate, Tally> days = new TreeMap<>();
        for (StoredReport stored : reports) {
            Instant start = stored.report().start();
            List<ReceivedPolicy> policies = stored.policiesFor(domain);
            if (start.isBefore(since) || !start.isBefore(until) || policies.isEmpty()) {
                continue;
            }
            Tally report = new Tally();
            for (ReceivedPolicy policy : policies) {
                report.add(policy.successfulSessions(), policy.failedSessions());
                for (FailureDetail detail : policy.failureDetails()) {
                    tally(resultTypes, detail.resultType()).add(0, detail.failedSessions());
                    Optional<String> mx = detail.receivingMxHostname().or(detail::receivingIp);
                    if (mx.isPresent()) {
                        tally(mxHosts, mx.get()).add(0, detail.failedSessions());
                        mxResultTypes.computeIfAbsent(mx.get(), key -> new TreeSet<>()).add(detail.resultType());
                    }
                }
            }
            total.addReport(report);
            tally(organizations, stored.report().organization()).addReport(report);
            tally(days, LocalDate.ofInstant(start, ZoneOffset.UTC)).addReport(report);
        }
        List<OrganizationFigures> byOrganization = new ArrayList<>();
        organizations.forEach((name, tally) -> byOrganization.add(new OrganizationFigures(name, tally.reports,
                tally.successful, tally.failed)));
        List<ResultTypeFigures> byResultType = new ArrayList<>();
        resultTypes.forEach((type, tally) -> byResultType.add(new ResultTypeFigures(type, tally.failed)));
        byResultType.sort(Comparator.comparingLong(ResultTypeFigures::sessions).reversed()
                .thenComparing(ResultTypeFigures::resultType));
        List<ReceivingMxFigures> byReceivingMx = new ArrayList<>();
        mxHosts.forEach((mx, tally) -> byReceivingMx.add(new ReceivingMxFigures(mx, tally.failed,
                new ArrayList<>(mxResultTypes.get(mx)))));
        byReceivingMx.sort(Comparator.comparingLong(ReceivingMxFigures::failedSessions).reversed()
                .thenComparing(ReceivingMxFigures::receivingMx));
        List<DayFigures> byDay = new ArrayList<>();
        days.forEach((date, tally) -> byDay.add(new DayFigures(date, tally.successful, tally.failed)));
        return new ReportSummary(domain, since, until, total.reports, total.successful, total.failed, byOrganization,
                byResultType, byReceivingMx, byDay);
    }

    private static <K> Tally tally(Map<K, Tally> tallies, K key) {
        return tallies.computeIfAbsent(key, ignored -> new Tally());
    }

    /** Counts while summing up. */
    private static final class Tally {
        long reports;
        long successful;
        long failed;

        void add(long successfulSessions, long failedSessions) {
            successful += successfulSessions;
            failed += failedSessions;
        }

        void addReport(Tally report) {
            reports++;
            add(report.successful, report.failed);
        }
    }

    public String domain() {
        return domain;
    }

    public Instant since() {
        return since;
    }

    public Instant until() {
        return until;
    }

    /** How many reports count for the domain. */
    public long reports() {
        return reports;
    }

    public long successfulSessions() {
        return successfulSessions;
    }

    public long failedSessions() {
        return failedSessions;
    }

    /** Sorted by organization name. */
    public List<OrganizationFigures> byOrganization() {
        return byOrganization;
    }

    /** Most sessions first. */
    public List<ResultTypeFigures> byResultType() {
        return byResultType;
    }

    /** Most failed sessions first; failure details that name neither an MX host nor an IP are left out. */
    public List<ReceivingMxFigures> byReceivingMx() {
        return byReceivingMx;
    }

    /** The UTC days on which a counted report starts, oldest first. */
    public List<DayFigures> days() {
        return days;
    }

    @Override
    public String toString() {
        return "ReportSummary[" + domain + " " + since + ".." + until + ": " + reports + " reports, "
                + successfulSessions + " ok, " + failedSessions + " failed]";
    }
}
