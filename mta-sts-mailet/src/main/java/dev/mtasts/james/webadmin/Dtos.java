package dev.mtasts.james.webadmin;

import dev.mtasts.cache.CachedPolicy;
import dev.mtasts.policy.MxPattern;
import dev.mtasts.report.DeliveryCounts;
import dev.mtasts.report.DeliveryFigures;
import dev.mtasts.report.DeliveryReport;
import dev.mtasts.report.Rate;
import dev.mtasts.report.ReportRunSummary;
import dev.mtasts.report.ResultType;
import dev.mtasts.service.DomainStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON bodies of the MTA-STS WebAdmin routes. Absent values are {@code null}. */
final class Dtos {

    private Dtos() {
    }

    record PolicyPage(int total, int offset, int limit, List<PolicyDto> policies) {
    }

    record PolicyDto(String domain, String id, String mode, List<String> mx, long maxAge, String text,
                     String fetchedAt, String expiresAt) {
        static PolicyDto of(CachedPolicy cached) {
            return new PolicyDto(cached.domain(), cached.id(), cached.policy().mode().wireName(),
                cached.policy().mx().stream().map(MxPattern::toString).toList(), cached.policy().maxAgeSeconds(),
                cached.text(), instant(cached.fetchedAt()), instant(cached.expiresAt()));
        }
    }

    record ErrorDto(String type, String detail, String at) {
    }

    record StatusDto(String domain, PolicyDto policy, String lastCheckedAt, ErrorDto lastError,
                     int consecutiveFailures) {
        static StatusDto of(DomainStatus status) {
            return new StatusDto(status.domain(), status.cached().map(PolicyDto::of).orElse(null),
                status.lastCheckedAt().map(Dtos::instant).orElse(null),
                status.lastError().map(error -> new ErrorDto(error.type().map(ResultType::wireName).orElse("dns"),
                    error.detail(), instant(error.at()))).orElse(null),
                status.consecutiveFailures());
        }
    }

    record RateDto(long succeeded, long total, Double ratio) {
        static RateDto of(Rate rate) {
            return new RateDto(rate.succeeded(), rate.total(),
                rate.ratio().isPresent() ? rate.ratio().getAsDouble() : null);
        }
    }

    record FiguresDto(RateDto tlsEnforcementSuccess, RateDto encryptedDelivery, RateDto policyRetrieval,
                      RateDto policyValidation, long enforcementFailures, DeliveryCounts counts) {
        static FiguresDto of(DeliveryFigures figures) {
            return new FiguresDto(RateDto.of(figures.tlsEnforcementSuccess()), RateDto.of(figures.encryptedDelivery()),
                RateDto.of(figures.policyRetrieval()), RateDto.of(figures.policyValidation()),
                figures.enforcementFailures(), figures.counts());
        }
    }

    record ReportDto(String since, String until, FiguresDto overall, Map<String, FiguresDto> domains) {
        static ReportDto of(DeliveryReport report) {
            Map<String, FiguresDto> domains = new TreeMap<>();
            report.domains().forEach((domain, figures) -> domains.put(domain, FiguresDto.of(figures)));
            return new ReportDto(instant(report.since()), instant(report.until()), FiguresDto.of(report.overall()),
                domains);
        }
    }

    record RunDto(List<String> closedDays, int reportsMade, int delivered, int notWanted, int retrying,
                  int abandoned) {
        static RunDto of(ReportRunSummary summary) {
            return new RunDto(summary.closedDays().stream().map(LocalDate::toString).toList(), summary.reportsMade(),
                summary.delivered(), summary.notWanted(), summary.retrying(), summary.abandoned());
        }
    }

    private static String instant(Instant instant) {
        return instant.toString();
    }
}
