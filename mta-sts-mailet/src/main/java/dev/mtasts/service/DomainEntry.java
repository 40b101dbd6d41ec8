package dev.mtasts.service;

import dev.mtasts.fetch.FetchResult;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One domain in memory: its {@link DomainState}, when it was last looked at, until when it is served without I/O,
 * its refresh failures and fetch back-off. Immutable but for the least-recently-used stamp, a hint for eviction,
 * which a cache hit moves at most once a second (so that a hit writes no shared memory).
 */
final class DomainEntry extends DomainMemory.Slot {

    private static final long LAST_USED_RESOLUTION_MILLIS = 1_000;

    private final DomainState state;
    private final long checkedAtMillis;
    private final long servableUntilMillis;
    private final FailureCount failures;
    private final FailedFetch backoff;
    private volatile long lastUsedMillis;

    /**
     * @param recheckAt when the TXT record must be read again (RFC 8461 §5.1 grace); the state may end sooner
     */
    DomainEntry(DomainState state, Instant checkedAt, Instant recheckAt, FailureCount failures,
                Optional<FailedFetch> backoff) {
        super(0);
        this.state = Objects.requireNonNull(state, "state");
        this.checkedAtMillis = checkedAt.toEpochMilli();
        this.servableUntilMillis = state.servableUntil(recheckAt).toEpochMilli();
        this.failures = Objects.requireNonNull(failures, "failures");
        this.backoff = backoff.orElse(null);
        this.lastUsedMillis = checkedAtMillis;
    }

    private DomainEntry(DomainEntry entry, long evictedAt) {
        super(evictedAt);
        this.state = entry.state;
        this.checkedAtMillis = entry.checkedAtMillis;
        this.servableUntilMillis = entry.servableUntilMillis;
        this.failures = entry.failures;
        this.backoff = entry.backoff;
        this.lastUsedMillis = entry.lastUsedMillis;
    }

    /** This entry in a slot that carries the stamp of the domain's last eviction. */
    DomainEntry carrying(long evictedAt) {
        return evictedAt == evictedAt() ? this : new DomainEntry(this, evictedAt);
    }

    DomainState state() {
        return state;
    }

    Instant checkedAt() {
        return Instant.ofEpochMilli(checkedAtMillis);
    }

    /** The answer to serve at {@code nowMillis} without I/O, or {@code null} when DNS must be asked. */
    PolicyLookup servableAt(long nowMillis) {
        if (nowMillis >= servableUntilMillis) {
            return null;
        }
        if (nowMillis - lastUsedMillis >= LAST_USED_RESOLUTION_MILLIS) {
            lastUsedMillis = nowMillis;
        }
        return state.answer();
    }

    @Override
    DomainEntry entryOrNull() {
        return this;
    }

    /** Eviction order: domains without a policy before policies. */
    @Override
    int rank() {
        return state instanceof DomainState.Cached ? 2 : 1;
    }

    @Override
    long lastUsedMillis() {
        return lastUsedMillis;
    }

    FailureCount failures() {
        return failures;
    }

    Optional<FailedFetch> backoff() {
        return Optional.ofNullable(backoff);
    }

    DomainStatus status(String domain) {
        return new DomainStatus(domain, state.cached(), Optional.of(checkedAt()),
            Optional.ofNullable(failures.lastError()),
            failures.count());
    }

    /** Refresh failures in a row and the last error (RFC 8461 §10.2: alert on repeated refresh failures). */
    static final class FailureCount {
        static final FailureCount NONE = new FailureCount(0, null);

        private final int count;
        private final DomainStatus.LastError lastError;

        FailureCount(int count, DomainStatus.LastError lastError) {
            this.count = count;
            this.lastError = lastError;
        }

        int count() {
            return count;
        }

        DomainStatus.LastError lastError() {
            return lastError;
        }
    }

    /** RFC 8461 §3.3: after a failed fetch, the same domain and id is not fetched again until {@code retryAfter}. */
    static final class FailedFetch {
        private final String id;
        private final Instant retryAfter;
        private final FetchResult.Failed failure;

        FailedFetch(String id, Instant retryAfter, FetchResult.Failed failure) {
            this.id = Objects.requireNonNull(id, "id");
            this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
            this.failure = Objects.requireNonNull(failure, "failure");
        }

        FetchResult.Failed failure() {
            return failure;
        }

        boolean blocks(String recordId, Instant now) {
            return id.equals(recordId) && now.isBefore(retryAfter);
        }
    }
}
