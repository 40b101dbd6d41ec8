package dev.mtasts.service;

import dev.mtasts.fetch.FetchResult;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One domain in memory: its {@link DomainState}, when it was last looked at, until when it is served without I/O,
 * its refresh failures and fetch back-off. Immutable but for the least-recently-used stamp, a hint for eviction.
 */
final class DomainEntry {

    private final DomainState state;
    private final Instant checkedAt;
    private final long servableUntilMillis;
    private final FailureCount failures;
    private final FailedFetch backoff;
    volatile long lastUsedMillis;

    /**
     * @param recheckAt when the TXT record must be read again (RFC 8461 §5.1 grace); the state may end sooner
     */
    DomainEntry(DomainState state, Instant checkedAt, Instant recheckAt, FailureCount failures,
                Optional<FailedFetch> backoff) {
        this.state = Objects.requireNonNull(state, "state");
        this.checkedAt = Objects.requireNonNull(checkedAt, "checkedAt");
        this.servableUntilMillis = state.servableUntil(recheckAt).toEpochMilli();
        this.failures = Objects.requireNonNull(failures, "failures");
        this.backoff = backoff.orElse(null);
        this.lastUsedMillis = checkedAt.toEpochMilli();
    }

    DomainState state() {
        return state;
    }

    Instant checkedAt() {
        return checkedAt;
    }

    /** The answer to serve at {@code nowMillis} without I/O, or {@code null} when DNS must be asked. */
    PolicyLookup servableAt(long nowMillis) {
        if (nowMillis >= servableUntilMillis) {
            return null;
        }
        lastUsedMillis = nowMillis;
        return state.answer();
    }

    FailureCount failures() {
        return failures;
    }

    Optional<FailedFetch> backoff() {
        return Optional.ofNullable(backoff);
    }

    DomainStatus status(String domain) {
        return new DomainStatus(domain, state.cached(), Optional.of(checkedAt), Optional.ofNullable(failures.lastError()),
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
