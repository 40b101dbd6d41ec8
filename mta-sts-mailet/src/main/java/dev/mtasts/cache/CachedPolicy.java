package dev.mtasts.cache;

import dev.mtasts.policy.Policy;

import java.time.Instant;
import java.util.Objects;

/**
 * A policy as a sender caches it (RFC 8461 §3.3, §5.1).
 *
 * @param domain    the policy domain, lower-cased, no trailing dot
 * @param id        the {@code id} of the TXT record the policy was fetched under
 * @param policy    the parsed policy
 * @param text      the policy text as served (TLS reports quote it)
 * @param fetchedAt the last successful fetch
 * @param expiresAt {@code max_age} after the last successful fetch or the last time the TXT record confirmed the
 *                  same id: after this the policy no longer applies
 */
public record CachedPolicy(String domain, String id, Policy policy, String text, Instant fetchedAt, Instant expiresAt) {

    public CachedPolicy {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /**
     * The same policy, confirmed at {@code now} by a TXT record with the same id: an unchanged id means an unchanged
     * policy (RFC 8461 §3.1), so it stays valid for {@code max_age} from now.
     */
    public CachedPolicy confirmedAt(Instant now) {
        Instant extended = now.plusSeconds(policy.maxAgeSeconds());
        return extended.isAfter(expiresAt) ? new CachedPolicy(domain, id, policy, text, fetchedAt, extended) : this;
    }
}
