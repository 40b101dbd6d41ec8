package dev.mtasts.service;

import java.time.Duration;
import java.util.Objects;

/**
 * How the policy service paces its DNS and HTTPS work.
 */
public final class PolicyServiceSettings {

    public static final Duration DEFAULT_RECHECK_GRACE = Duration.ofSeconds(60);
    public static final Duration DEFAULT_FETCH_BACKOFF = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofDays(1);
    public static final int DEFAULT_REFRESH_CONCURRENCY = 4;
    public static final Duration DEFAULT_REFRESH_JITTER = Duration.ofMinutes(10);

    private final Duration recheckGrace;
    private final Duration fetchBackoff;
    private final Duration refreshInterval;
    private final int refreshConcurrency;
    private final Duration refreshJitter;

    public PolicyServiceSettings(Duration recheckGrace, Duration fetchBackoff, Duration refreshInterval,
                                 int refreshConcurrency, Duration refreshJitter) {
        requireNonNegative(recheckGrace, "recheckGrace");
        requireNonNegative(fetchBackoff, "fetchBackoff");
        requireNonNegative(refreshInterval, "refreshInterval");
        requireNonNegative(refreshJitter, "refreshJitter");
        if (refreshConcurrency < 1) {
            throw new IllegalArgumentException("refreshConcurrency must be at least 1, was " + refreshConcurrency);
        }
        this.recheckGrace = recheckGrace;
        this.fetchBackoff = fetchBackoff;
        this.refreshInterval = refreshInterval;
        this.refreshConcurrency = refreshConcurrency;
        this.refreshJitter = refreshJitter;
    }

    /** How long a cached policy is used without looking at the TXT record again. */
    public Duration recheckGrace() {
        return recheckGrace;
    }

    /**
     * After a failed fetch, how long before the same domain and id is fetched again (RFC 8461 §3.3: at most once
     * every five minutes).
     */
    public Duration fetchBackoff() {
        return fetchBackoff;
    }

    /** How often a cached policy is refreshed in the background (RFC 8461 §3.3 suggests daily). */
    public Duration refreshInterval() {
        return refreshInterval;
    }

    /** How many background refreshes run at once. */
    public int refreshConcurrency() {
        return refreshConcurrency;
    }

    /** Up to how much random delay is added to each background refresh. */
    public Duration refreshJitter() {
        return refreshJitter;
    }

    public static PolicyServiceSettings defaults() {
        return new PolicyServiceSettings(DEFAULT_RECHECK_GRACE, DEFAULT_FETCH_BACKOFF, DEFAULT_REFRESH_INTERVAL,
            DEFAULT_REFRESH_CONCURRENCY, DEFAULT_REFRESH_JITTER);
    }

    public PolicyServiceSettings withRecheckGrace(Duration value) {
        return new PolicyServiceSettings(value, fetchBackoff, refreshInterval, refreshConcurrency, refreshJitter);
    }

    public PolicyServiceSettings withFetchBackoff(Duration value) {
        return new PolicyServiceSettings(recheckGrace, value, refreshInterval, refreshConcurrency, refreshJitter);
    }

    public PolicyServiceSettings withRefreshInterval(Duration value) {
        return new PolicyServiceSettings(recheckGrace, fetchBackoff, value, refreshConcurrency, refreshJitter);
    }

    public PolicyServiceSettings withRefreshConcurrency(int value) {
        return new PolicyServiceSettings(recheckGrace, fetchBackoff, refreshInterval, value, refreshJitter);
    }

    public PolicyServiceSettings withRefreshJitter(Duration value) {
        return new PolicyServiceSettings(recheckGrace, fetchBackoff, refreshInterval, refreshConcurrency, value);
    }

    private static void requireNonNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }
}
