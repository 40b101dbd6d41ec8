package dev.mtasts.service;

import dev.mtasts.cache.CachedPolicy;
import dev.mtasts.outcome.ResultType;

import java.time.Instant;
import java.util.Optional;

/**
 * What the service knows about one domain, for operators.
 */
public final class DomainStatus {

    private final String domain;
    private final Optional<CachedPolicy> cached;
    private final Optional<Instant> lastCheckedAt;
    private final Optional<LastError> lastError;
    private final int consecutiveFailures;

    public DomainStatus(String domain, Optional<CachedPolicy> cached, Optional<Instant> lastCheckedAt,
                        Optional<LastError> lastError, int consecutiveFailures) {
        this.domain = domain;
        this.cached = cached;
        this.lastCheckedAt = lastCheckedAt;
        this.lastError = lastError;
        this.consecutiveFailures = consecutiveFailures;
    }

    /** The policy domain. */
    public String domain() {
        return domain;
    }

    /** The cached policy, if any. */
    public Optional<CachedPolicy> cached() {
        return cached;
    }

    /** When the TXT record was last looked at. */
    public Optional<Instant> lastCheckedAt() {
        return lastCheckedAt;
    }

    /** The last failure (fetch or DNS) and when, if any since the last success. */
    public Optional<LastError> lastError() {
        return lastError;
    }

    /** Failed refreshes in a row (RFC 8461 §10.2: alert when they keep failing). */
    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** A failure remembered for operators. {@code type} is empty for DNS failures, which RFC 8460 has no type for. */
    public static final class LastError {
        private final Optional<ResultType> type;
        private final String detail;
        private final Instant at;

        public LastError(Optional<ResultType> type, String detail, Instant at) {
            this.type = type;
            this.detail = detail;
            this.at = at;
        }

        public Optional<ResultType> type() {
            return type;
        }

        public String detail() {
            return detail;
        }

        public Instant at() {
            return at;
        }
    }
}
