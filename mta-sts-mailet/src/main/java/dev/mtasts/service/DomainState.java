package dev.mtasts.service;

import dev.mtasts.cache.CachedPolicy;
import dev.mtasts.service.PolicyLookup.Applicable;
import dev.mtasts.service.PolicyLookup.NoPolicy;
import dev.mtasts.service.PolicyLookup.TemporaryFailure;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the service knows of one domain's policy. Closed: {@link Cached}, {@link ModeNone}, {@link Absent},
 * {@link Unknown}; each carries the answer a lookup within the re-check grace gets.
 */
abstract class DomainState {

    private DomainState() {
    }

    /** The answer served from memory while the state is fresh. */
    abstract PolicyLookup answer();

    /** Until when the state may be served without asking DNS again, given the re-check deadline. */
    abstract Instant servableUntil(Instant recheckAt);

    Optional<CachedPolicy> cached() {
        return Optional.empty();
    }

    /** {@link #cached()} without the {@code Optional}, for scans over every domain. */
    CachedPolicy cachedOrNull() {
        return null;
    }

    /** A valid policy in mode testing or enforce (RFC 8461 §3.3, §5.1). */
    static final class Cached extends DomainState {
        /** The answer served within the grace; it carries the policy, so the policy is not held twice. */
        private final Applicable answer;
        /** When the stored copy expires: it lags behind the policy after confirmations not worth a write. */
        private final long persistedExpiresAtMillis;

        Cached(CachedPolicy policy, Instant persistedExpiresAt) {
            this(policy, persistedExpiresAt.toEpochMilli());
        }

        Cached(CachedPolicy policy, long persistedExpiresAtMillis) {
            this.answer = PolicyLookup.applicable(policy, PolicyLookup.Source.CACHED);
            this.persistedExpiresAtMillis = persistedExpiresAtMillis;
        }

        CachedPolicy policy() {
            return answer.cached();
        }

        Instant persistedExpiresAt() {
            return Instant.ofEpochMilli(persistedExpiresAtMillis);
        }

        @Override
        PolicyLookup answer() {
            return answer;
        }

        @Override
        Instant servableUntil(Instant recheckAt) {
            Instant expiresAt = policy().expiresAt();
            return recheckAt.isBefore(expiresAt) ? recheckAt : expiresAt;
        }

        @Override
        Optional<CachedPolicy> cached() {
            return Optional.of(policy());
        }

        @Override
        CachedPolicy cachedOrNull() {
            return policy();
        }
    }

    /** A fetched policy in mode none: as though there were no policy; only its id and lifetime matter (§5). */
    static final class ModeNone extends DomainState {
        private final String id;
        private final Instant expiresAt;
        private final NoPolicy answer;

        ModeNone(String id, Instant expiresAt) {
            this.id = Objects.requireNonNull(id, "id");
            this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
            this.answer = PolicyLookup.noPolicy("policy mode is none (id " + id + ")", Optional.empty());
        }

        String id() {
            return id;
        }

        boolean validAt(Instant now) {
            return now.isBefore(expiresAt);
        }

        @Override
        PolicyLookup answer() {
            return answer;
        }

        @Override
        Instant servableUntil(Instant recheckAt) {
            return recheckAt.isBefore(expiresAt) ? recheckAt : expiresAt;
        }
    }

    /**
     * No policy applies: no or an invalid TXT record, or a fetch that failed with nothing cached (RFC 8461 §3.3); the
     * fetch back-off is kept on the entry.
     */
    static final class Absent extends DomainState {
        private final NoPolicy answer;

        Absent(NoPolicy answer) {
            this.answer = Objects.requireNonNull(answer, "answer");
        }

        @Override
        PolicyLookup answer() {
            return answer;
        }

        @Override
        Instant servableUntil(Instant recheckAt) {
            return recheckAt;
        }
    }

    /** The TXT lookup failed temporarily with nothing cached: never served, the next lookup asks DNS again. */
    static final class Unknown extends DomainState {
        private final TemporaryFailure answer;
        private final Instant at;

        Unknown(TemporaryFailure answer, Instant at) {
            this.answer = Objects.requireNonNull(answer, "answer");
            this.at = Objects.requireNonNull(at, "at");
        }

        @Override
        PolicyLookup answer() {
            return answer;
        }

        @Override
        Instant servableUntil(Instant recheckAt) {
            return at;
        }
    }
}
