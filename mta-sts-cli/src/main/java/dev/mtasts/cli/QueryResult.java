package dev.mtasts.cli;

import dev.mtasts.discovery.StsDiscovery;
import dev.mtasts.policy.Policy;
import dev.mtasts.outcome.ResultType;

import java.util.Optional;

/**
 * What {@code mta-sts query} found.
 *
 * @param result  {@code policy}, {@code none}, {@code temporary-failure} or an RFC 8460 policy failure type
 * @param record  the TXT record, when exactly one valid record was found
 * @param policy  the policy, when it was fetched and parsed
 * @param detail  why there is no policy, for a person
 */
record QueryResult(String domain, String result, Optional<StsDiscovery.Found> record, Optional<Policy> policy,
                   Optional<String> detail, int exitCode) {

    static final String POLICY = "policy";
    static final String NONE = "none";
    static final String TEMPORARY_FAILURE = "temporary-failure";

    static QueryResult policy(String domain, StsDiscovery.Found record, Policy policy) {
        return new QueryResult(domain, POLICY, Optional.of(record), Optional.of(policy), Optional.empty(),
            ExitCodes.POLICY_FOUND);
    }

    static QueryResult none(String domain, String detail) {
        return new QueryResult(domain, NONE, Optional.empty(), Optional.empty(), Optional.of(detail),
            ExitCodes.NO_POLICY);
    }

    static QueryResult temporaryFailure(String domain, String detail) {
        return new QueryResult(domain, TEMPORARY_FAILURE, Optional.empty(), Optional.empty(), Optional.of(detail),
            ExitCodes.TEMPORARY_DNS_FAILURE);
    }

    static QueryResult policyError(String domain, StsDiscovery.Found record, ResultType type, String detail) {
        return new QueryResult(domain, type.wireName(), Optional.of(record), Optional.empty(), Optional.of(detail),
            ExitCodes.POLICY_ERROR);
    }
}
