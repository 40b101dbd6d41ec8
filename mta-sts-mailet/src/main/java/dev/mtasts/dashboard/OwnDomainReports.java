package dev.mtasts.dashboard;

import dev.mtasts.inbound.ReportSummary;
import dev.mtasts.inbound.RolloutAdvice;

import java.util.Objects;
import java.util.Optional;

/** What the TLS reports received about one of our own domains say, and the rollout verdict, if one was made. */
public final class OwnDomainReports {

    private final ReportSummary summary;
    private final Optional<RolloutAdvice> advice;

    public OwnDomainReports(ReportSummary summary, Optional<RolloutAdvice> advice) {
        this.summary = Objects.requireNonNull(summary, "summary");
        this.advice = Objects.requireNonNull(advice, "advice");
    }

    public ReportSummary summary() {
        return summary;
    }

    /** Empty when no verdict could be made now (DNS did not answer). */
    public Optional<RolloutAdvice> advice() {
        return advice;
    }
}
