package dev.mtasts.james.routing;

/**
 * What DANE (RFC 7672) says about a recipient domain in one delivery attempt, as far as the lane decision is
 * concerned. Which MX host gets which TLS demand is decided per host by {@code dev.mtasts.dane.DaneDecision}; the
 * lane only needs to know whether any host is held to DANE.
 */
public enum DaneFact {
    /** DANE is inactive (the resolver does not validate), or no MX host of the domain is held to DANE. */
    NONE,
    /**
     * At least one MX host is held to DANE: usable TLSA records, only unusable ones (encrypt without
     * authentication, RFC 7672 §3.1.3), or a bogus TLSA answer (the host is skipped, §2.1.1).
     */
    HOSTS,
    /** The MX lookup was bogus or failed: a temporary failure for the whole domain (RFC 7672 §2.2.1). */
    MX_UNANSWERED
}
