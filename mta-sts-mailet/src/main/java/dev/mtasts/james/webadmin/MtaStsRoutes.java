package dev.mtasts.james.webadmin;

import dev.mtasts.report.TlsReporting;
import dev.mtasts.service.CachedPolicyPage;
import dev.mtasts.service.PolicyService;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.apache.james.webadmin.utils.JsonTransformer;
import spark.Request;
import spark.Response;
import spark.Service;

import com.google.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;

import static dev.mtasts.james.webadmin.QueryParameters.badRequest;
import static dev.mtasts.james.webadmin.QueryParameters.intParameter;

/**
 * MTA-STS in James' WebAdmin, named in {@code webadmin.properties}:
 * <pre>{@code extensions.routes=dev.mtasts.james.webadmin.MtaStsRoutes}</pre>
 * <ul>
 *     <li>{@code GET /mta-sts/policies?offset=0&limit=100}: the cached policies, by domain</li>
 *     <li>{@code GET /mta-sts/policies/{domain}}: the policy, its id, when it was fetched and expires, the last error</li>
 *     <li>{@code POST /mta-sts/policies/{domain}?action=refresh}: fetch the policy again now</li>
 *     <li>{@code DELETE /mta-sts/policies/{domain}}: forget the domain</li>
 *     <li>{@code GET /mta-sts/report?since=2024-01-01T00:00:00Z} (or {@code since=PT24H}): the four figures</li>
 *     <li>{@code POST /mta-sts/reports?action=send}: make and send the TLS reports that are due now</li>
 * </ul>
 * Errors have James' WebAdmin error body; a malformed domain is 400, an unknown one 404.
 */
public final class MtaStsRoutes implements Routes {

    public static final String BASE_PATH = "/mta-sts";
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

    private final PolicyService policies;
    private final TlsReporting reporting;
    private final Clock clock;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public MtaStsRoutes(PolicyService policies, TlsReporting reporting, Clock clock) {
        this.policies = policies;
        this.reporting = reporting;
        this.clock = clock;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH + "/policies", this::listPolicies, json);
        service.get(BASE_PATH + "/policies/:domain", this::getPolicy, json);
        service.post(BASE_PATH + "/policies/:domain", this::refreshPolicy, json);
        service.delete(BASE_PATH + "/policies/:domain", this::evictPolicy);
        service.get(BASE_PATH + "/report", this::report, json);
        service.post(BASE_PATH + "/reports", this::sendReports, json);
    }

    private Object listPolicies(Request request, Response response) {
        int offset = intParameter(request, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParameter(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        CachedPolicyPage cached = policies.cachedPolicies(offset, limit);
        List<Dtos.PolicyDto> page = cached.policies().stream().map(Dtos.PolicyDto::of)
            .collect(Collectors.toUnmodifiableList());
        return new Dtos.PolicyPage(cached.total(), offset, limit, page);
    }

    private Object getPolicy(Request request, Response response) {
        String domain = domain(request);
        return policies.status(domain).map(Dtos.StatusDto::of)
            .orElseThrow(() -> notFound(domain));
    }

    private Object refreshPolicy(Request request, Response response) {
        String domain = domain(request);
        requireAction(request, "refresh");
        policies.refresh(domain);
        return policies.status(domain).map(Dtos.StatusDto::of).orElseThrow(() -> notFound(domain));
    }

    private Object evictPolicy(Request request, Response response) {
        String domain = domain(request);
        if (!policies.evict(domain)) {
            throw notFound(domain);
        }
        response.status(204);
        return "";
    }

    private Object report(Request request, Response response) {
        Instant since = since(request.queryParams("since"));
        return Dtos.ReportDto.of(reporting.statistics().report(since));
    }

    private Object sendReports(Request request, Response response) {
        requireAction(request, "send");
        return Dtos.RunDto.of(reporting.runOnce());
    }

    private Instant since(String raw) {
        if (raw == null || raw.isBlank()) {
            return clock.instant().minus(DEFAULT_WINDOW);
        }
        try {
            if (raw.startsWith("P") || raw.startsWith("p")) {
                Duration window = Duration.parse(raw);
                if (window.isNegative()) {
                    throw badRequest("'since' must not be a negative duration: " + raw);
                }
                return clock.instant().minus(window);
            }
            return Instant.parse(raw);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw badRequest("'since' must be an instant (2024-01-01T00:00:00Z) or a duration (PT24H): " + raw);
        }
    }

    private static String domain(Request request) {
        String raw = request.params("domain");
        return DomainParameter.parse(raw).orElseThrow(() -> badRequest("not a domain name: " + raw));
    }

    private static void requireAction(Request request, String expected) {
        String action = request.queryParams("action");
        if (!expected.equals(action)) {
            throw badRequest("'action' must be '" + expected + "', was " + (action == null ? "absent" : action));
        }
    }

    private static RuntimeException notFound(String domain) {
        return ErrorResponder.builder()
            .statusCode(404)
            .type(ErrorType.NOT_FOUND)
            .message("no MTA-STS state for " + domain)
            .haltError();
    }
}
