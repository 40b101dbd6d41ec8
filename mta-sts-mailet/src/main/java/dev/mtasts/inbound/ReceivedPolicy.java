package dev.mtasts.inbound;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a report's {@code policies} (RFC 8460 §4.2, §4.3): the policy the sender applied and what happened.
 */
public final class ReceivedPolicy {

    private final String policyType;
    private final Optional<String> policyDomain;
    private final List<String> policyStrings;
    private final List<String> mxHosts;
    private final long successfulSessions;
    private final long failedSessions;
    private final List<FailureDetail> failureDetails;

    public ReceivedPolicy(String policyType, Optional<String> policyDomain, List<String> policyStrings,
                          List<String> mxHosts, long successfulSessions, long failedSessions,
                          List<FailureDetail> failureDetails) {
        this.policyType = Objects.requireNonNull(policyType, "policyType");
        this.policyDomain = Objects.requireNonNull(policyDomain, "policyDomain");
        this.policyStrings = List.copyOf(policyStrings);
        this.mxHosts = List.copyOf(mxHosts);
        this.successfulSessions = successfulSessions;
        this.failedSessions = failedSessions;
        this.failureDetails = List.copyOf(failureDetails);
    }

    /** RFC 8460 §4.2 {@code policy-type}: {@code sts}, {@code tlsa}, {@code no-policy-found}, kept as sent. */
    public String policyType() {
        return policyType;
    }

    /** RFC 8460 §4.2 {@code policy-domain}, normalised; absent in some senders' {@code no-policy-found} entries. */
    public Optional<String> policyDomain() {
        return policyDomain;
    }

    /** RFC 8460 §4.2 {@code policy-string}: the policy's lines as the sender saw them. */
    public List<String> policyStrings() {
        return policyStrings;
    }

    /** RFC 8460 §4.2 {@code mx-host}: sent as an array, or by some senders as one string. */
    public List<String> mxHosts() {
        return mxHosts;
    }

    /** RFC 8460 §4.3 {@code total-successful-session-count}. */
    public long successfulSessions() {
        return successfulSessions;
    }

    /** RFC 8460 §4.3 {@code total-failure-session-count}. */
    public long failedSessions() {
        return failedSessions;
    }

    public List<FailureDetail> failureDetails() {
        return failureDetails;
    }

    /**
     * Whether the failure details' {@code failed-session-count}s do not add up to
     * {@code total-failure-session-count}. Both are kept: the total is what the summary counts.
     */
    public boolean detailsDisagreeWithSummary() {
        if (failureDetails.isEmpty()) {
            return false;
        }
        long sum = 0;
        for (FailureDetail detail : failureDetails) {
            sum += detail.failedSessions();
        }
        return sum != failedSessions;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ReceivedPolicy)) {
            return false;
        }
        ReceivedPolicy that = (ReceivedPolicy) other;
        return policyType.equals(that.policyType) && policyDomain.equals(that.policyDomain)
                && policyStrings.equals(that.policyStrings) && mxHosts.equals(that.mxHosts)
                && successfulSessions == that.successfulSessions && failedSessions == that.failedSessions
                && failureDetails.equals(that.failureDetails);
    }

    @Override
    public int hashCode() {
        return Objects.hash(policyType, policyDomain, policyStrings, mxHosts, successfulSessions, failedSessions,
                failureDetails);
    }

    @Override
    public String toString() {
        return policyType + " " + policyDomain.orElse("(no domain)") + ": " + successfulSessions + " ok, "
                + failedSessions + " failed";
    }
}
