package dev.mtasts.inbound;

import java.time.Duration;
import java.util.Objects;

/** When {@link RolloutAdvice} calls a {@code testing} policy safe to enforce (RFC 8461 §5 leaves it to the owner). */
public final class RolloutRules {

    private final int minReportDays;
    private final Duration recentReportWindow;
    private final double maxFailureRate;
    private final Duration failureRateWindow;
    private final Duration minEnforceMaxAge;
    private final String reportLocalPart;

    /**
     * @param minReportDays      distinct UTC days with at least one report
     * @param recentReportWindow a report must have ended within it (reports still arrive)
     * @param maxFailureRate     failed / all sessions over {@code failureRateWindow}, e.g. 0.001 for 0.1 %
     * @param minEnforceMaxAge   the least {@code max_age} the advice proposes for the enforced policy
     * @param reportLocalPart    the local part of the address reports reach this server at, for the proposed
     *                           {@code _smtp._tls} record (RFC 8460 §3 {@code rua=mailto:})
     */
    public RolloutRules(int minReportDays, Duration recentReportWindow, double maxFailureRate,
                        Duration failureRateWindow, Duration minEnforceMaxAge, String reportLocalPart) {
        this.minReportDays = minReportDays;
        this.recentReportWindow = Objects.requireNonNull(recentReportWindow, "recentReportWindow");
        this.maxFailureRate = maxFailureRate;
        this.failureRateWindow = Objects.requireNonNull(failureRateWindow, "failureRateWindow");
        this.minEnforceMaxAge = Objects.requireNonNull(minEnforceMaxAge, "minEnforceMaxAge");
        this.reportLocalPart = Objects.requireNonNull(reportLocalPart, "reportLocalPart");
        if (minReportDays < 1 || maxFailureRate < 0 || maxFailureRate > 1 || recentReportWindow.isNegative()
                || failureRateWindow.isNegative() || minEnforceMaxAge.isNegative()) {
            throw new IllegalArgumentException("invalid rollout rules: " + this);
        }
    }

    /**
     * 14 days of reports, one in the last 2 days, at most 0.1 % failures over the last 7 days, max_age 14 days;
     * reports to {@code tls-reports@}.
     */
    public static RolloutRules defaults() {
        return new RolloutRules(14, Duration.ofDays(2), 0.001, Duration.ofDays(7), Duration.ofDays(14), "tls-reports");
    }

    public int minReportDays() {
        return minReportDays;
    }

    public Duration recentReportWindow() {
        return recentReportWindow;
    }

    public double maxFailureRate() {
        return maxFailureRate;
    }

    public Duration failureRateWindow() {
        return failureRateWindow;
    }

    public Duration minEnforceMaxAge() {
        return minEnforceMaxAge;
    }

    public String reportLocalPart() {
        return reportLocalPart;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof RolloutRules)) {
            return false;
        }
        RolloutRules that = (RolloutRules) other;
        return minReportDays == that.minReportDays && recentReportWindow.equals(that.recentReportWindow)
                && Double.compare(maxFailureRate, that.maxFailureRate) == 0
                && failureRateWindow.equals(that.failureRateWindow) && minEnforceMaxAge.equals(that.minEnforceMaxAge)
                && reportLocalPart.equals(that.reportLocalPart);
    }

    @Override
    public int hashCode() {
        return Objects.hash(minReportDays, recentReportWindow, maxFailureRate, failureRateWindow, minEnforceMaxAge,
                reportLocalPart);
    }

    @Override
    public String toString() {
        return "RolloutRules[days=" + minReportDays + ", recent=" + recentReportWindow + ", maxFailureRate="
                + maxFailureRate + " over " + failureRateWindow + ", minEnforceMaxAge=" + minEnforceMaxAge + ", reports to "
                + reportLocalPart + "@]";
    }
}
