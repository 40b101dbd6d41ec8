package dev.mtasts.service;

import dev.mtasts.cache.CachedPolicy;
import dev.mtasts.service.PolicyLookup.Applicable;
import dev.mtasts.service.PolicyLookup.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Refreshes cached policies before they expire (RFC 8461 §3.3: "senders SHOULD proactively refresh cached
 * policies", daily suggested), so a domain whose policy host goes down keeps a fresh policy for as long as possible.
 *
 * <p>A scan runs periodically; each due domain is refreshed after a random jitter, at most
 * {@link PolicyServiceSettings#refreshConcurrency()} at a time, on daemon threads. Repeated failures are logged as
 * errors for domains whose policy is enforce or testing (RFC 8461 §10.2).
 */
public final class PolicyRefresher implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(PolicyRefresher.class);
    private static final Duration MIN_SCAN_PERIOD = Duration.ofSeconds(1);
    private static final Duration MAX_SCAN_PERIOD = Duration.ofMinutes(10);
    /** How many failed refreshes in a row make an alert (RFC 8461 §10.2). */
    public static final int ALERT_AFTER_FAILURES = 3;

    private final PolicyService service;
    private final ScheduledExecutorService scheduler;
    private final Set<String> scheduled = ConcurrentHashMap.newKeySet();

    public PolicyRefresher(PolicyService service) {
        this.service = Objects.requireNonNull(service, "service");
        int threads = service.settings().refreshConcurrency();
        AtomicInteger counter = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "mta-sts-refresh-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the periodic scan. */
    public PolicyRefresher start() {
        long period = scanPeriod(service.settings().refreshInterval()).toMillis();
        scheduler.scheduleWithFixedDelay(this::scanSafely, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    /** A quarter of the refresh interval, within one second and ten minutes. */
    static Duration scanPeriod(Duration refreshInterval) {
        Duration quarter = refreshInterval.dividedBy(4);
        if (quarter.compareTo(MIN_SCAN_PERIOD) < 0) {
            return MIN_SCAN_PERIOD;
        }
        return quarter.compareTo(MAX_SCAN_PERIOD) > 0 ? MAX_SCAN_PERIOD : quarter;
    }

    /** Schedules every due domain once; returns how many were newly scheduled. */
    int scan() {
        int count = 0;
        long jitterMillis = service.settings().refreshJitter().toMillis();
        for (CachedPolicy cached : service.policiesDueForRefresh()) {
            if (scheduled.add(cached.domain())) {
                long delay = jitterMillis == 0 ? 0 : ThreadLocalRandom.current().nextLong(jitterMillis + 1);
                scheduler.schedule(() -> refresh(cached.domain()), delay, TimeUnit.MILLISECONDS);
                count++;
            }
        }
        return count;
    }

    /** Whether no refresh is scheduled or running. */
    boolean isIdle() {
        return scheduled.isEmpty();
    }

    private void scanSafely() {
        try {
            scan();
        } catch (RuntimeException e) {
            LOGGER.error("MTA-STS policy refresh scan failed", e);
        }
        try {
            service.checkpointStore();
        } catch (RuntimeException e) {
            LOGGER.error("MTA-STS policy store checkpoint failed", e);
        }
    }

    private void refresh(String domain) {
        try {
            PolicyLookup result = service.refreshInBackground(domain);
            if (result instanceof Applicable && ((Applicable) result).source() == Source.CACHED_AFTER_FAILED_REFRESH) {
                service.status(domain).ifPresent(this::alertIfRepeated);
            }
        } catch (RuntimeException e) {
            LOGGER.error("MTA-STS policy refresh for {} failed", domain, e);
        } finally {
            scheduled.remove(domain);
        }
    }

    private void alertIfRepeated(DomainStatus status) {
        if (status.consecutiveFailures() >= ALERT_AFTER_FAILURES) {
            LOGGER.error("MTA-STS policy refresh for {} failed {} times in a row; last error: {}. "
                    + "The cached policy stays in force until {}", status.domain(), status.consecutiveFailures(),
                status.lastError().map(DomainStatus.LastError::detail).orElse("unknown"),
                status.cached().map(CachedPolicy::expiresAt).map(Object::toString).orElse("-"));
        }
    }

    /** Stops the scan and every refresh; a refresh blocked in I/O ends at its own timeout. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
