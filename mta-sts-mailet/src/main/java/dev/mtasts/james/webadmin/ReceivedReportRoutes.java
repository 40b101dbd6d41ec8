package dev.mtasts.james.webadmin;

import dev.mtasts.inbound.InboundJson;
import dev.mtasts.inbound.ReceivedReportStore;
import dev.mtasts.inbound.RejectedReport;
import dev.mtasts.inbound.ReportSummary;
import dev.mtasts.inbound.RolloutAdvice;
import dev.mtasts.inbound.RolloutRules;
import dev.mtasts.inbound.StoredReport;
import dev.mtasts.james.inbound.PublishedPolicyLookup;
import dev.mtasts.james.inbound.ReportIntake;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.apache.james.webadmin.utils.JsonTransformer;
import spark.Request;
import spark.Response;
import spark.Service;

import com.google.inject.Inject;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.mtasts.james.webadmin.QueryParameters.badRequest;
import static dev.mtasts.james.webadmin.QueryParameters.intParameter;

/**
 * The owner's side in WebAdmin (bodies from {@link InboundJson}, so that {@code mta-sts reports --json} prints the
 * same): the RFC 8460 reports received about our own domains, and when a {@code testing}
 * policy is safe to enforce (RFC 8461 §5). Named in {@code webadmin.properties} next to {@link MtaStsRoutes}:
 * <ul>
 *     <li>{@code GET /mta-sts/received-reports?domain=D&since=P30D&offset=0&limit=100}</li>
 *     <li>{@code GET /mta-sts/received-reports/summary?domain=D&since=P30D}</li>
 *     <li>{@code GET /mta-sts/received-reports/rejected?since=P30D}</li>
 *     <li>{@code GET /mta-sts/rollout/D}</li>
 * </ul>
 * {@code since} is a duration ({@code P30D}, {@code PT24H}) or an instant; it bounds the reports by the start of
 * their period and rejections by when they arrived. A malformed parameter is 400, a domain that is neither one of
 * James' domains nor listed in {@code reports.inbound.domains} is 404.
 */
public final class ReceivedReportRoutes implements Routes {

    public static final Duration DEFAULT_SINCE = Duration.ofDays(30);

    private final ReceivedReportStore store;
    private final ReportIntake intake;
    private final PublishedPolicyLookup published;
    private final RolloutRules rules;
    private final Clock clock;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public ReceivedReportRoutes(ReceivedReportStore store, ReportIntake intake, PublishedPolicyLookup published,
                                RolloutRules rules, Clock clock) {
        this.store = store;
        this.intake = intake;
        this.published = published;
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public String getBasePath() {
        return MtaStsRoutes.BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(MtaStsRoutes.BASE_PATH + "/received-reports", this::list, json);
        service.get(MtaStsRoutes.BASE_PATH + "/received-reports/summary", this::summary, json);
        service.get(MtaStsRoutes.BASE_PATH + "/received-reports/rejected", this::rejected, json);
        service.get(MtaStsRoutes.BASE_PATH + "/rollout/:domain", this::rollout, json);
    }

    private Object list(Request request, Response response) {
        String domain = ourDomain(request.queryParams("domain"));
        Instant since = since(request);
        int offset = intParameter(request, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParameter(request, "limit", MtaStsRoutes.DEFAULT_LIMIT, 1, MtaStsRoutes.MAX_LIMIT);
        List<StoredReport> reports = reportsFor(domain, since);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("total", reports.size());
        page.put("reports", reports.stream().skip(offset).limit(limit)
            .map(report -> InboundJson.report(report, domain)).collect(Collectors.toUnmodifiableList()));
        return page;
    }

    private Object summary(Request request, Response response) {
        String domain = ourDomain(request.queryParams("domain"));
        Instant since = since(request);
        return InboundJson.summary(ReportSummary.of(domain, since, now(), reportsFor(domain, since)));
    }

    private Object rejected(Request request, Response response) {
        List<RejectedReport> rejected = store.rejected(since(request));
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("total", rejected.size());
        page.put("rejected", rejected.stream().map(InboundJson::rejected).collect(Collectors.toUnmodifiableList()));
        return page;
    }

    private Object rollout(Request request, Response response) {
        String domain = ourDomain(request.params("domain"));
        Instant now = now();
        PublishedPolicyLookup.Published policy = published.lookUp(domain);
        if (policy.temporaryFailure().isPresent()) {
            // Advice on a guess could tell an enforcing domain to go back to testing: no advice until DNS answers.
            throw ErrorResponder.builder()
                .statusCode(503)
                .type(ErrorType.SERVER_ERROR)
                .message("DNS could not answer (" + policy.temporaryFailure().get() + "); try again later")
                .haltError();
        }
        Instant since = now.minus(RolloutAdvice.lookBack(rules));
        RolloutAdvice advice = RolloutAdvice.advise(domain, policy.policy(), policy.id(), policy.mxHosts(),
            reportsFor(domain, since), now, rules);
        return InboundJson.rollout(advice);
    }

    private List<StoredReport> reportsFor(String domain, Instant since) {
        return store.reports(since).stream().filter(report -> report.domains().contains(domain))
            .collect(Collectors.toUnmodifiableList());
    }

    private String ourDomain(String raw) {
        if (raw == null || raw.isBlank()) {
            throw badRequest("'domain' is required");
        }
        String domain = DomainParameter.parse(raw).orElseThrow(() -> badRequest("not a domain name: " + raw));
        if (!intake.ourDomains().contains(domain)) {
            throw ErrorResponder.builder()
                .statusCode(404)
                .type(ErrorType.NOT_FOUND)
                .message(domain + " is neither a James domain nor listed in reports.inbound.domains")
                .haltError();
        }
        return domain;
    }

    private Instant since(Request request) {
        String raw = request.queryParams("since");
        if (raw == null || raw.isBlank()) {
            return now().minus(DEFAULT_SINCE);
        }
        try {
            if (raw.startsWith("P") || raw.startsWith("p")) {
                Duration window = Duration.parse(raw);
                if (window.isNegative()) {
                    throw badRequest("'since' must not be a negative duration: " + raw);
                }
                return now().minus(window);
            }
            return Instant.parse(raw);
        } catch (DateTimeException | ArithmeticException e) {
            throw badRequest("'since' must be a duration (P30D) or an instant (2024-01-01T00:00:00Z): " + raw);
        }
    }

    /** Whole seconds, as {@code mta-sts reports} prints them. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
