package dev.mtasts.james.guice;

import com.google.inject.Inject;
import dev.mtasts.fetch.PolicyFetcher;
import dev.mtasts.report.TlsReporting;
import dev.mtasts.service.PolicyRefresher;
import org.apache.james.metrics.api.GaugeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.PreDestroy;

/**
 * Owns everything of the extension that runs on its own threads or holds a pool, and closes it when James stops:
 * the policy refresher ({@code mta-sts-refresh-*} threads), the policy fetcher's HTTPS connection pool and TLS
 * reporting ({@code mta-sts-tls-reports}, which also writes the report counts to their store so none is lost across
 * a restart).
 *
 * <p>James' Guice server calls {@code @PreDestroy} methods of the objects its injectors construct when it stops
 * (its {@code Stager<PreDestroy>}, which also sees the extensions' child injector), but not of objects returned by
 * {@code @Provides} methods: hence this class, constructed by Guice and bound as an eager singleton. The jakarta
 * build rewrites the annotation to {@code jakarta.annotation.PreDestroy}, which is what James 3.9 reads.
 */
public final class MtaStsLifecycle {

    private static final Logger LOGGER = LoggerFactory.getLogger(MtaStsLifecycle.class);
    /** Outcomes TLS reports could not count: late for their day, or beyond the aggregator's limits. */
    public static final String UNCOUNTED_OUTCOMES_GAUGE = "mtasts.reports.outcomes.uncounted";

    private final PolicyRefresher refresher;
    private final PolicyFetcher fetcher;
    private final TlsReporting reporting;

    @Inject
    public MtaStsLifecycle(PolicyRefresher refresher, PolicyFetcher fetcher, TlsReporting reporting) {
        this.refresher = refresher;
        this.fetcher = fetcher;
        this.reporting = reporting;
    }

    /** RFC 8460 §4: what the reports leave out is worth watching; a gauge where James has a registry. */
    @Inject(optional = true)
    void registerGauges(GaugeRegistry gauges) {
        gauges.register(UNCOUNTED_OUTCOMES_GAUGE, () -> reporting.aggregator().uncountedOutcomes());
    }

    @PreDestroy
    public void stop() {
        // The refresher first: it uses the fetcher.
        close("the policy refresher", refresher);
        if (fetcher instanceof AutoCloseable) {
            close("the policy fetcher", (AutoCloseable) fetcher);
        }
        close("TLS reporting", reporting);
        LOGGER.info("MTA-STS stopped");
    }

    private static void close(String what, AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception | LinkageError e) {
            LOGGER.warn("MTA-STS: could not close {}", what, e);
        }
    }
}
