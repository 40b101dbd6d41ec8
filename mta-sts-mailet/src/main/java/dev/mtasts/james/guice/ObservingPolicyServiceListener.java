package dev.mtasts.james.guice;

import dev.mtasts.james.metrics.MtaStsMetrics;
import dev.mtasts.report.DeliveryStatistics;
import dev.mtasts.service.PolicyServiceListener;

/** Hands what the policy service does to the metrics and, for fetches, to the operators' figures. */
final class ObservingPolicyServiceListener implements PolicyServiceListener {

    private final MtaStsMetrics metrics;
    private final DeliveryStatistics statistics;

    ObservingPolicyServiceListener(MtaStsMetrics metrics, DeliveryStatistics statistics) {
        this.metrics = metrics;
        this.statistics = statistics;
    }

    @Override
    public void onCacheHit() {
        metrics.onCacheHit();
    }

    @Override
    public void onCacheMiss() {
        metrics.onCacheMiss();
    }

    @Override
    public FetchWatch onFetchStarted(String domain) {
        FetchWatch timed = metrics.onFetchStarted(domain);
        return failure -> {
            timed.ended(failure);
            statistics.recordPolicyFetch(domain, failure);
        };
    }
}
