package dev.mtasts.service;

import dev.mtasts.cache.CachedPolicy;
import dev.mtasts.outcome.ResultType;

import java.util.Objects;
import java.util.Optional;

/**
 * Which MTA-STS policy applies to a domain right now.
 *
 * <p>The hierarchy is closed: the only implementations are the nested classes below.
 */
public interface PolicyLookup {

    static Applicable applicable(CachedPolicy cached, Source source) {
        return new Applicable(cached, source);
    }

    static NoPolicy noPolicy(String detail, Optional<ResultType> failure) {
        return new NoPolicy(detail, failure);
    }

    static TemporaryFailure temporaryFailure(String detail) {
        return new TemporaryFailure(detail);
    }

    /** Where an applicable policy came from. */
    enum Source {
        /** Fetched during this lookup. */
        FRESH,
        /** From the cache, confirmed by the TXT record's id or within the re-check grace. */
        CACHED,
        /** From the cache because fetching a newer one failed or the TXT record is gone (RFC 8461 §3.3, §5.1). */
        CACHED_AFTER_FAILED_REFRESH
    }

    /** A policy applies (its mode may be testing or enforce; a policy in mode none is reported as {@link NoPolicy}). */
    final class Applicable implements PolicyLookup {
        private final CachedPolicy cached;
        private final Source source;

        Applicable(CachedPolicy cached, Source source) {
            this.cached = Objects.requireNonNull(cached, "cached");
            this.source = Objects.requireNonNull(source, "source");
        }

        public CachedPolicy cached() {
            return cached;
        }

        public Source source() {
            return source;
        }
    }

    /**
     * No policy applies: no TXT record, mode none, or a fetch failed with nothing cached (RFC 8461 §3.3: deliver as
     * though the domain had no policy).
     */
    final class NoPolicy implements PolicyLookup {
        private final String detail;
        private final Optional<ResultType> failure;

        NoPolicy(String detail, Optional<ResultType> failure) {
            this.detail = Objects.requireNonNull(detail, "detail");
            this.failure = Objects.requireNonNull(failure, "failure");
        }

        public String detail() {
            return detail;
        }

        /**
         * Set when a fetch failure is the reason: {@code sts-policy-fetch-error}, {@code sts-webpki-invalid} or
         * {@code sts-policy-invalid}.
         */
        public Optional<ResultType> failure() {
            return failure;
        }
    }

    /** The TXT lookup failed temporarily and nothing is cached: the answer is unknown. */
    final class TemporaryFailure implements PolicyLookup {
        private final String detail;

        TemporaryFailure(String detail) {
            this.detail = Objects.requireNonNull(detail, "detail");
        }

        public String detail() {
            return detail;
        }
    }
}
