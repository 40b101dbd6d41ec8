package dev.mtasts.cache;

import dev.mtasts.policy.Policy;

import java.time.Instant;
import java.util.Objects;

/**
 * A policy as a sender caches it (RFC 8461 §3.3, §5.1).
 *
 * <p>A cache holds many of these (James may know 100,000 domains), so the policy text is kept only when it differs
 * from the parsed policy's own wire form ({@link Policy#toString()}, with CRLF or with LF line ends), as most served
 * policies do not: {@link #text()} gives back the text as served either way. The two instants are kept to the
 * millisecond (an expiry is rounded down, so a policy never outlives its {@code max_age}).
 */
public final class CachedPolicy {

    private static final byte CANONICAL_CRLF = 1;
    private static final byte CANONICAL_LF = 2;
    private static final byte AS_SERVED = 3;

    private final String domain;
    private final String id;
    private final Policy policy;
    /** The text as served when it is not the policy's wire form, otherwise null. */
    private final String servedText;
    private final byte textForm;
    private final long fetchedAtMillis;
    private final long expiresAtMillis;

    public CachedPolicy(String domain, String id, Policy policy, String text, Instant fetchedAt, Instant expiresAt) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.id = Objects.requireNonNull(id, "id");
        this.policy = Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(text, "text");
        String canonical = policy.toString();
        if (text.equals(canonical)) {
            this.textForm = CANONICAL_CRLF;
            this.servedText = null;
        } else if (text.equals(canonical.replace("\r\n", "\n"))) {
            this.textForm = CANONICAL_LF;
            this.servedText = null;
        } else {
            this.textForm = AS_SERVED;
            this.servedText = text;
        }
        this.fetchedAtMillis = Objects.requireNonNull(fetchedAt, "fetchedAt").toEpochMilli();
        this.expiresAtMillis = Objects.requireNonNull(expiresAt, "expiresAt").toEpochMilli();
    }

    private CachedPolicy(CachedPolicy confirmed, long expiresAtMillis) {
        this.domain = confirmed.domain;
        this.id = confirmed.id;
        this.policy = confirmed.policy;
        this.servedText = confirmed.servedText;
        this.textForm = confirmed.textForm;
        this.fetchedAtMillis = confirmed.fetchedAtMillis;
        this.expiresAtMillis = expiresAtMillis;
    }

    /** The policy domain, lower-cased, no trailing dot. */
    public String domain() {
        return domain;
    }

    /** The {@code id} of the TXT record the policy was fetched under. */
    public String id() {
        return id;
    }

    /** The parsed policy. */
    public Policy policy() {
        return policy;
    }

    /** The policy text as served (TLS reports quote it). */
    public String text() {
        if (textForm == AS_SERVED) {
            return servedText;
        }
        String canonical = policy.toString();
        return textForm == CANONICAL_LF ? canonical.replace("\r\n", "\n") : canonical;
    }

    /** The last successful fetch. */
    public Instant fetchedAt() {
        return Instant.ofEpochMilli(fetchedAtMillis);
    }

    /**
     * {@code max_age} after the last successful fetch or the last time the TXT record confirmed the same id: after
     * this the policy no longer applies.
     */
    public Instant expiresAt() {
        return Instant.ofEpochMilli(expiresAtMillis);
    }

    /** {@link #expiresAt()} in milliseconds since the epoch. */
    public long expiresAtMillis() {
        return expiresAtMillis;
    }

    public boolean isExpiredAt(Instant now) {
        return isExpiredAtMillis(now.toEpochMilli());
    }

    /** {@link #isExpiredAt} with the time in milliseconds since the epoch; allocates nothing. */
    public boolean isExpiredAtMillis(long nowMillis) {
        return nowMillis >= expiresAtMillis;
    }

    /**
     * The same policy, confirmed at {@code now} by a TXT record with the same id: an unchanged id means an unchanged
     * policy (RFC 8461 §3.1), so it stays valid for {@code max_age} from now.
     */
    public CachedPolicy confirmedAt(Instant now) {
        long extended = now.toEpochMilli() + policy.maxAgeSeconds() * 1000;
        return extended > expiresAtMillis ? new CachedPolicy(this, extended) : this;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof CachedPolicy)) {
            return false;
        }
        CachedPolicy that = (CachedPolicy) other;
        return domain.equals(that.domain) && id.equals(that.id) && policy.equals(that.policy)
                && text().equals(that.text()) && fetchedAtMillis == that.fetchedAtMillis
                && expiresAtMillis == that.expiresAtMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, id, policy, text(), fetchedAtMillis, expiresAtMillis);
    }

    @Override
    public String toString() {
        return "CachedPolicy[domain=" + domain + ", id=" + id + ", policy=" + policy + ", text=" + text()
                + ", fetchedAt=" + fetchedAt() + ", expiresAt=" + expiresAt() + "]";
    }
}
