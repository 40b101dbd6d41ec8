package dev.mtasts.james.webadmin;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mtasts.cache.CachedPolicy;
import dev.mtasts.policy.MxPattern;
import dev.mtasts.report.DeliveryCounts;
import dev.mtasts.report.DeliveryFigures;
import dev.mtasts.report.DeliveryReport;
import dev.mtasts.report.Lane;
import dev.mtasts.report.Rate;
import dev.mtasts.report.ReportRunSummary;
import dev.mtasts.outcome.ResultType;
import dev.mtasts.service.DomainStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The JSON bodies of the MTA-STS WebAdmin routes. Absent values are {@code null}. Jackson writes the
 * {@code @JsonProperty} fields, in the order declared.
 */
final class Dtos {

    private Dtos() {
    }

    static final class PolicyPage {
        @JsonProperty private final int total;
        @JsonProperty private final int offset;
        @JsonProperty private final int limit;
        @JsonProperty private final List<PolicyDto> policies;

        PolicyPage(int total, int offset, int limit, List<PolicyDto> policies) {
            this.total = total;
            this.offset = offset;
            this.limit = limit;
            this.policies = policies;
        }
    }

    static final class PolicyDto {
        @JsonProperty private final String domain;
        @JsonProperty private final String id;
        @JsonProperty private final String mode;
        @JsonProperty private final List<String> mx;
        @JsonProperty private final long maxAge;
        @JsonProperty private final String text;
        @JsonProperty private final String fetchedAt;
        @JsonProperty private final String expiresAt;

        PolicyDto(String domain, String id, String mode, List<String> mx, long maxAge, String text,
                  String fetchedAt, String expiresAt) {
            this.domain = domain;
            this.id = id;
            this.mode = mode;
            this.mx = mx;
            this.maxAge = maxAge;
            this.text = text;
            this.fetchedAt = fetchedAt;
            this.expiresAt = expiresAt;
        }

        static PolicyDto of(CachedPolicy cached) {
            return new PolicyDto(cached.domain(), cached.id(), cached.policy().mode().wireName(),
                cached.policy().mx().stream().map(MxPattern::toString).collect(Collectors.toUnmodifiableList()),
                cached.policy().maxAgeSeconds(), cached.text(), instant(cached.fetchedAt()),
                instant(cached.expiresAt()));
        }
    }

    static final class ErrorDto {
        @JsonProperty private final String type;
        @JsonProperty private final String detail;
        @JsonProperty private final String at;

        ErrorDto(String type, String detail, String at) {
            this.type = type;
            this.detail = detail;
            this.at = at;
        }
    }

    static final class StatusDto {
        @JsonProperty private final String domain;
        @JsonProperty private final PolicyDto policy;
        @JsonProperty private final String lastCheckedAt;
        @JsonProperty private final ErrorDto lastError;
        @JsonProperty private final int consecutiveFailures;

        StatusDto(String domain, PolicyDto policy, String lastCheckedAt, ErrorDto lastError,
                  int consecutiveFailures) {
            this.domain = domain;
            this.policy = policy;
            this.lastCheckedAt = lastCheckedAt;
            this.lastError = lastError;
            this.consecutiveFailures = consecutiveFailures;
        }

        static StatusDto of(DomainStatus status) {
            return new StatusDto(status.domain(), status.cached().map(PolicyDto::of).orElse(null),
                status.lastCheckedAt().map(Dtos::instant).orElse(null),
                status.lastError().map(error -> new ErrorDto(error.type().map(ResultType::wireName).orElse("dns"),
                    error.detail(), instant(error.at()))).orElse(null),
                status.consecutiveFailures());
        }
    }

    static final class RateDto {
        @JsonProperty private final long succeeded;
        @JsonProperty private final long total;
        @JsonProperty private final Double ratio;

        RateDto(long succeeded, long total, Double ratio) {
            this.succeeded = succeeded;
            this.total = total;
            this.ratio = ratio;
        }

        static RateDto of(Rate rate) {
            return new RateDto(rate.succeeded(), rate.total(),
                rate.ratio().isPresent() ? rate.ratio().getAsDouble() : null);
        }
    }

    static final class FiguresDto {
        @JsonProperty private final RateDto tlsEnforcementSuccess;
        @JsonProperty private final RateDto encryptedDelivery;
        @JsonProperty private final Map<String, RateDto> encryptedDeliveryByLane;
        @JsonProperty private final RateDto policyRetrieval;
        @JsonProperty private final RateDto policyValidation;
        @JsonProperty private final long enforcementFailures;
        @JsonProperty private final DeliveryCounts counts;

        FiguresDto(RateDto tlsEnforcementSuccess, RateDto encryptedDelivery,
                   Map<String, RateDto> encryptedDeliveryByLane, RateDto policyRetrieval,
                   RateDto policyValidation, long enforcementFailures, DeliveryCounts counts) {
            this.tlsEnforcementSuccess = tlsEnforcementSuccess;
            this.encryptedDelivery = encryptedDelivery;
            this.encryptedDeliveryByLane = encryptedDeliveryByLane;
            this.policyRetrieval = policyRetrieval;
            this.policyValidation = policyValidation;
            this.enforcementFailures = enforcementFailures;
            this.counts = counts;
        }

        static FiguresDto of(DeliveryFigures figures) {
            Map<String, RateDto> byLane = new LinkedHashMap<>();
            for (Lane lane : Lane.values()) {
                byLane.put(lane.wireName(), RateDto.of(figures.encryptedDelivery(lane)));
            }
            return new FiguresDto(RateDto.of(figures.tlsEnforcementSuccess()), RateDto.of(figures.encryptedDelivery()),
                byLane, RateDto.of(figures.policyRetrieval()), RateDto.of(figures.policyValidation()),
                figures.enforcementFailures(), figures.counts());
        }
    }

    static final class ReportDto {
        @JsonProperty private final String since;
        @JsonProperty private final String until;
        @JsonProperty private final FiguresDto overall;
        @JsonProperty private final Map<String, FiguresDto> domains;

        ReportDto(String since, String until, FiguresDto overall, Map<String, FiguresDto> domains) {
            this.since = since;
            this.until = until;
            this.overall = overall;
            this.domains = domains;
        }

        static ReportDto of(DeliveryReport report) {
            Map<String, FiguresDto> domains = new TreeMap<>();
            report.domains().forEach((domain, figures) -> domains.put(domain, FiguresDto.of(figures)));
            return new ReportDto(instant(report.since()), instant(report.until()), FiguresDto.of(report.overall()),
                domains);
        }
    }

    static final class RunDto {
        @JsonProperty private final List<String> closedDays;
        @JsonProperty private final int reportsMade;
        @JsonProperty private final int delivered;
        @JsonProperty private final int notWanted;
        @JsonProperty private final int retrying;
        @JsonProperty private final int abandoned;

        RunDto(List<String> closedDays, int reportsMade, int delivered, int notWanted, int retrying,
               int abandoned) {
            this.closedDays = closedDays;
            this.reportsMade = reportsMade;
            this.delivered = delivered;
            this.notWanted = notWanted;
            this.retrying = retrying;
            this.abandoned = abandoned;
        }

        static RunDto of(ReportRunSummary summary) {
            return new RunDto(summary.closedDays().stream().map(LocalDate::toString)
                .collect(Collectors.toUnmodifiableList()), summary.reportsMade(), summary.delivered(),
                summary.notWanted(), summary.retrying(), summary.abandoned());
        }
    }

    private static String instant(Instant instant) {
        return instant.toString();
    }
}
