package dev.mtasts.james.webadmin;

import dev.mtasts.cache.CachedPolicy;
import dev.mtasts.dashboard.DashboardPage;
import dev.mtasts.dashboard.DashboardView;
import dev.mtasts.dashboard.FigureWindow;
import dev.mtasts.dashboard.OwnDomainReports;
import dev.mtasts.dashboard.PolicyRow;
import dev.mtasts.inbound.ReceivedReportStore;
import dev.mtasts.inbound.ReportSummary;
import dev.mtasts.inbound.RolloutAdvice;
import dev.mtasts.inbound.RolloutRules;
import dev.mtasts.inbound.StoredReport;
import dev.mtasts.james.inbound.PublishedPolicyLookup;
import dev.mtasts.james.inbound.ReportIntake;
import dev.mtasts.outcome.ResultType;
import dev.mtasts.report.TlsReporting;
import dev.mtasts.service.CachedPolicyPage;
import dev.mtasts.service.DomainStatus;
import dev.mtasts.service.PolicyService;
import org.apache.james.webadmin.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Request;
import spark.Response;
import spark.Service;

import com.google.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.mtasts.james.webadmin.QueryParameters.intParameter;

/**
 * The dashboard, one HTML page at {@code GET /mta-sts/dashboard?offset=0&limit=50} (the query parameters page the
 * table of policy domains). Named in {@code webadmin.properties} next to {@link MtaStsRoutes}, so it sits behind
 * WebAdmin's own authentication when that is on. Rendered on the server without any script: see
 * {@link DashboardPage}.
 */
public final class DashboardRoutes implements Routes {

    public static final String PATH = MtaStsRoutes.BASE_PATH + "/dashboard";
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    /** At most this many of our own domains get a rollout verdict per page: each needs a live policy look-up. */
    static final int MAX_ROLLOUT_DOMAINS = 20;
    static final Duration CLEAR_TEXT_WINDOW = Duration.ofDays(30);
    static final int CLEAR_TEXT_TOP = 20;
    static final Duration REPORT_WINDOW = Duration.ofDays(30);

    private static final Logger LOGGER = LoggerFactory.getLogger(DashboardRoutes.class);

    private final PolicyService policies;
    private final TlsReporting reporting;
    private final ReceivedReportStore receivedReports;
    private final ReportIntake intake;
    private final PublishedPolicyLookup published;
    private final RolloutRules rules;
    private final Clock clock;

    @Inject
    public DashboardRoutes(PolicyService policies, TlsReporting reporting, ReceivedReportStore receivedReports,
                           ReportIntake intake, PublishedPolicyLookup published, RolloutRules rules, Clock clock) {
        this.policies = policies;
        this.reporting = reporting;
        this.receivedReports = receivedReports;
        this.intake = intake;
        this.published = published;
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public String getBasePath() {
        return PATH;
    }

    @Override
    public void define(Service service) {
        service.get(PATH, this::page);
    }

    private Object page(Request request, Response response) {
        int offset = intParameter(request, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParameter(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        String html = DashboardPage.render(view(offset, limit));
        response.type("text/html; charset=utf-8");
        response.header("Content-Security-Policy", DashboardPage.CONTENT_SECURITY_POLICY);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Cache-Control", "no-store");
        return html;
    }

    /** What the page shows, with the policy table from {@code offset}. */
    public DashboardView view(int offset, int limit) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        CachedPolicyPage cached = policies.cachedPolicies(offset, limit);
        List<PolicyRow> rows = cached.policies().stream().map(this::row)
            .collect(Collectors.toUnmodifiableList());
        return new DashboardView(now, FigureWindow.standard(reporting.statistics(), now),
            reporting.statistics().clearTextDomains(now.minus(CLEAR_TEXT_WINDOW), CLEAR_TEXT_TOP), cached.total(),
            offset, limit, rows, Optional.of(ownDomains(now)));
    }

    private PolicyRow row(CachedPolicy cached) {
        Optional<DomainStatus> status = policies.status(cached.domain());
        Optional<String> lastError = status.flatMap(DomainStatus::lastError).map(error ->
            error.type().map(ResultType::wireName).orElse("dns") + ": " + error.detail());
        return new PolicyRow(cached.domain(), cached.policy().mode().wireName(), cached.id(), cached.expiresAt(),
            lastError, status.map(DomainStatus::consecutiveFailures).orElse(0));
    }

    private List<OwnDomainReports> ownDomains(Instant now) {
        Duration lookBack = RolloutAdvice.lookBack(rules);
        Instant earliest = now.minus(lookBack.compareTo(REPORT_WINDOW) > 0 ? lookBack : REPORT_WINDOW);
        List<StoredReport> reports = receivedReports.reports(earliest);
        List<OwnDomainReports> own = new ArrayList<>();
        for (String domain : intake.ourDomains()) {
            List<StoredReport> about = reports.stream().filter(report -> report.domains().contains(domain))
                .collect(Collectors.toUnmodifiableList());
            if (about.isEmpty()) {
                continue;
            }
            Instant since = now.minus(REPORT_WINDOW);
            ReportSummary summary = ReportSummary.of(domain, since, now, about.stream()
                .filter(report -> !report.report().start().isBefore(since))
                .collect(Collectors.toUnmodifiableList()));
            Optional<RolloutAdvice> advice = own.size() < MAX_ROLLOUT_DOMAINS ? advice(domain, about, now)
                : Optional.empty();
            own.add(new OwnDomainReports(summary, advice));
        }
        return own;
    }

    private Optional<RolloutAdvice> advice(String domain, List<StoredReport> reports, Instant now) {
        try {
            PublishedPolicyLookup.Published policy = published.lookUp(domain);
            if (policy.temporaryFailure().isPresent()) {
                return Optional.empty();
            }
            return Optional.of(RolloutAdvice.advise(domain, policy.policy(), policy.id(), policy.mxHosts(), reports,
                now, rules));
        } catch (RuntimeException e) {
            LOGGER.warn("No rollout verdict for {} on the dashboard", domain, e);
            return Optional.empty();
        }
    }
}
