package dev.mtasts.service;

import dev.mtasts.cache.CachedPolicy;
import dev.mtasts.report.ResultType;

import java.util.Objects;
import java.util.Optional;

/** Which MTA-STS policy applies to a domain right now. */
public sealed interface PolicyLookup {

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
    record Applicable(CachedPolicy cached, Source source) implements PolicyLookup {
        public Applicable {
            Objects.requireNonNull(cached, "cached");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * No policy applies: no TXT record, mode none, or a fetch failed with nothing cached (RFC 8461 §3.3: deliver as
     * though the domain had no policy).
     *
     * @param failure set when a fetch failure is the reason: {@code sts-policy-fetch-error},
     *                {@code sts-webpki-invalid} or {@code sts-policy-invalid}
     */
    record NoPolicy(String detail, Optional<ResultType> failure) implements PolicyLookup {
        public NoPolicy {
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(failure, "failure");
        }
    }

    /** The TXT lookup failed temporarily and nothing is cached: the answer is unknown. */
    record TemporaryFailure(String detail) implements PolicyLookup {
        public TemporaryFailure {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
