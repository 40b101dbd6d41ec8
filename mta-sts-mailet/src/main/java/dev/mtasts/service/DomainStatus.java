package dev.mtasts.service;

import dev.mtasts.cache.CachedPolicy;
import dev.mtasts.report.ResultType;

import java.time.Instant;
import java.util.Optional;

/**
 * What the service knows about one domain, for operators.
 *
 * @param domain              the policy domain
 * @param cached              the cached policy, if any
 * @param lastCheckedAt       when the TXT record was last looked at
 * @param lastError           the last failure (fetch or DNS) and when, if any since the last success
 * @param consecutiveFailures failed refreshes in a row (RFC 8461 §10.2: alert when they keep failing)
 */
public record DomainStatus(String domain, Optional<CachedPolicy> cached, Optional<Instant> lastCheckedAt,
                           Optional<LastError> lastError, int consecutiveFailures) {

    /** A failure remembered for operators. {@code type} is empty for DNS failures, which RFC 8460 has no type for. */
    public record LastError(Optional<ResultType> type, String detail, Instant at) {
    }
}
