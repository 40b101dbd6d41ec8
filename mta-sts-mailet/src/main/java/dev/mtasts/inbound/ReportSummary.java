package dev.mtasts.inbound;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the received reports say about one of our domains over a period; pure.
 *
 * <p>A report counts when its period starts within {@code [since, until]} and at least one of its policies is about
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
        long count = 0;
        long successful = 0;
        long failed = 0;
        Map<String, long[]> organizations = new TreeMap<>();
        Map<String, long[]> resultTypes = new TreeMap<>();
        Map<String, long[]> mxFailures = new TreeMap<>();
        Map<String, TreeSet<String>> mxResultTypes = new TreeMap<>();
        Map<LocalDate, long[]> days = new TreeMap<>();
        for (StoredReport stored : reports) {
            Instant start = stored.report().start();
            List<ReceivedPolicy> policies = stored.policiesFor(domain);
            if (start.isBefore(since) || start.isAfter(until) || policies.isEmpty()) {
                continue;
            }
            long reportSuccessful = 0;
            long reportFailed = 0;
            for (ReceivedPolicy policy : policies) {
                reportSuccessful += policy.successfulSessions();
                reportFailed += policy.failedSessions();
                for (FailureDetail detail : policy.failureDetails()) {
                    add(resultTypes, detail.resultType(), 0, detail.failedSessions());
                    String mx = detail.receivingMxHostname().orElse(detail.receivingIp().orElse(null));
                    if (mx != null) {
                        add(mxFailures, mx, 0, detail.failedSessions());
                        mxResultTypes.computeIfAbsent(mx, key -> new TreeSet<>()).add(detail.resultType());
                    }
                }
            }
            count++;
            successful += reportSuccessful;
            failed += reportFailed;
            long[] organization = organizations.computeIfAbsent(stored.report().organization(), key -> new long[3]);
            organization[2]++;
            add(organizations, stored.report().organization(), reportSuccessful, reportFailed);
            add(days, LocalDate.ofInstant(start, ZoneOffset.UTC), reportSuccessful, reportFailed);
        }
        return new ReportSummary(domain, since, until, count, successful, failed, organizationFigures(organizations),
                resultTypeFigures(resultTypes), mxFigures(mxFailures, mxResultTypes), dayFigures(days));
    }

    private static <K> void add(Map<K, long[]> figures, K key, long successful, long failed) {
        long[] counts = figures.computeIfAbsent(key, ignored -> new long[3]);
        counts[0] += successful;
        counts[1] += failed;
    }

    private static List<OrganizationFigures> organizationFigures(Map<String, long[]> organizations) {
        List<OrganizationFigures> figures = new ArrayList<>();
        organizations.forEach((name, counts) -> figures.add(new OrganizationFigures(name, counts[2], counts[0],
                counts[1])));
        return figures;
    }

    /** Most sessions first, then by name. */
    private static List<ResultTypeFigures> resultTypeFigures(Map<String, long[]> resultTypes) {
        List<ResultTypeFigures> figures = new ArrayList<>();
        resultTypes.forEach((type, counts) -> figures.add(new ResultTypeFigures(type, counts[1])));
        figures.sort(Comparator.comparingLong(ResultTypeFigures::sessions).reversed()
                .thenComparing(ResultTypeFigures::resultType));
        return figures;
    }

    /** Most failures first, then by name. */
    private static List<ReceivingMxFigures> mxFigures(Map<String, long[]> failures,
                                                      Map<String, TreeSet<String>> resultTypes) {
        List<ReceivingMxFigures> figures = new ArrayList<>();
        failures.forEach((mx, counts) -> figures.add(new ReceivingMxFigures(mx, counts[1],
                new ArrayList<>(resultTypes.get(mx)))));
        figures.sort(Comparator.comparingLong(ReceivingMxFigures::failedSessions).reversed()
                .thenComparing(ReceivingMxFigures::receivingMx));
        return figures;
    }

    private static List<DayFigures> dayFigures(Map<LocalDate, long[]> days) {
        List<DayFigures> figures = new ArrayList<>();
        days.forEach((date, counts) -> figures.add(new DayFigures(date, counts[0], counts[1])));
        return figures;
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
