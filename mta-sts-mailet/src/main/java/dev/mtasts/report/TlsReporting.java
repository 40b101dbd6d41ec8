package dev.mtasts.report;

import dev.mtasts.outcome.TlsOutcome;

import dev.mtasts.discovery.RecordDiscovery;
import dev.mtasts.fetch.TrustAnchors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * TLS reporting (RFC 8460) and the operators' figures in one piece: what a mail server wires in.
 *
 * <pre>{@code
 * TlsReporting reporting = TlsReporting.create(settings, new FileTlsReportStore(dir), discovery, trustAnchors,
 *         mailTransport, Clock.systemUTC()).start();
 * ...
 * reporting.record(outcome);                      // every delivery attempt to a policy domain
 * reporting.statistics().recordPolicyFetch(...);  // every policy fetch
 * ...
 * reporting.close();                              // on shutdown: stops, writes everything to the store
 * }</pre>
 *
 * <p>{@link #start()} runs one background daemon thread that, every {@link TlsReportSettings#flushInterval()},
 * writes counts to the store and makes and sends the reports that are due.
 */
public final class TlsReporting implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(TlsReporting.class);

    private final TlsReportSettings settings;
    private final TlsReportAggregator aggregator;
    private final DeliveryStatistics statistics;
    private final TlsReportScheduler scheduler;
    private final Optional<AutoCloseable> ownedTransport;
    private ScheduledExecutorService background;

    /** Wires everything with default limits and a random jitter seed. */
    public TlsReporting(TlsReportSettings settings, TlsReportStore store, RecordDiscovery discovery,
                        HttpsReportTransport https, MailReportTransport mail, Clock clock) {
        this(settings, store, discovery, https, mail, clock, Optional.empty());
    }

    private TlsReporting(TlsReportSettings settings, TlsReportStore store, RecordDiscovery discovery,
                         HttpsReportTransport https, MailReportTransport mail, Clock clock,
                         Optional<AutoCloseable> ownedTransport) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.aggregator = new TlsReportAggregator(store);
        this.statistics = new DeliveryStatistics(store, clock);
        TlsReportBuilder builder = new TlsReportBuilder(settings);
        this.scheduler = new TlsReportScheduler(aggregator, builder,
                new TlsReportSender(builder, discovery, https, mail), clock, new SecureRandom().nextLong());
        this.ownedTransport = ownedTransport;
    }

    /**
     * Wires everything, with {@code https:} uploads over {@link ApacheHttpsReportTransport}: the report servers'
     * certificates must chain to {@code trustAnchors}, their names are resolved through {@code discovery}'s DNS.
     */
    public static TlsReporting create(TlsReportSettings settings, TlsReportStore store, RecordDiscovery discovery,
                                      TrustAnchors trustAnchors, MailReportTransport mail, Clock clock) {
        ApacheHttpsReportTransport https = new ApacheHttpsReportTransport(settings.uploadTimeout(), trustAnchors,
                discovery.dns());
        return new TlsReporting(settings, store, discovery, https, mail, clock, Optional.of(https));
    }

    /** Counts one TLS outcome, for the reports and for the figures. Cheap, thread-safe, never throws. */
    public void record(TlsOutcome outcome) {
        try {
            aggregator.record(outcome);
            statistics.record(outcome);
        } catch (RuntimeException e) {
            LOGGER.warn("TLS outcome could not be counted: {}", outcome, e);
        }
    }

    public TlsReportSettings settings() {
        return settings;
    }

    public TlsReportAggregator aggregator() {
        return aggregator;
    }

    public DeliveryStatistics statistics() {
        return statistics;
    }

    public TlsReportScheduler scheduler() {
        return scheduler;
    }

    /** Makes and sends what is due now (operators may trigger this). Never throws. */
    public ReportRunSummary runOnce() {
        return scheduler.runOnce();
    }

    /** Starts the background work; calling it again does nothing. */
    public synchronized TlsReporting start() {
        if (background == null) {
            background = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "mta-sts-tls-reports");
                thread.setDaemon(true);
                return thread;
            });
            long period = settings.flushInterval().toMillis();
            background.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void tick() {
        try {
            statistics.flush();
            scheduler.runOnce(); // flushes the report counts too
        } catch (RuntimeException e) {
            LOGGER.error("TLS reporting background run failed", e);
        }
    }

    /** Stops the background work and writes everything to the store. */
    @Override
    public void close() {
        synchronized (this) {
            if (background != null) {
                background.shutdownNow();
                try {
                    background.awaitTermination(settings.uploadTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                background = null;
            }
        }
        aggregator.flush();
        statistics.flush();
        ownedTransport.ifPresent(transport -> {
            try {
                transport.close();
            } catch (Exception e) {
                LOGGER.debug("closing the report upload transport", e);
            }
        });
    }
}
