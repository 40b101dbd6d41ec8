package dev.mtasts.report;

import java.util.List;
import java.util.Objects;

/** The counts for one policy of one domain on one day: one entry of an RFC 8460 report's {@code policies}. */
public final class PolicyTally {

    private final ReportedPolicy policy;
    private final long successfulSessions;
    private final long failedSessions;
    private final List<FailureCount> failures;

    public PolicyTally(ReportedPolicy policy, long successfulSessions, long failedSessions,
                       List<FailureCount> failures) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.failures = List.copyOf(failures);
        if (successfulSessions < 0 || failedSessions < 0) {
            throw new IllegalArgumentException("negative session count");
        }
        this.successfulSessions = successfulSessions;
        this.failedSessions = failedSessions;
    }

    /** The policy the sessions were held to. */
    public ReportedPolicy policy() {
        return policy;
    }

    /** RFC 8460 {@code total-successful-session-count}. */
    public long successfulSessions() {
        return successfulSessions;
    }

    /**
     * RFC 8460 {@code total-failure-session-count}; at least the sum of {@code failures} (more when the number of
     * distinct failure details hit its limit).
     */
    public long failedSessions() {
        return failedSessions;
    }

    /** The failed sessions by kind. */
    public List<FailureCount> failures() {
        return failures;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof PolicyTally)) {
            return false;
        }
        PolicyTally that = (PolicyTally) other;
        return policy.equals(that.policy) && successfulSessions == that.successfulSessions
                && failedSessions == that.failedSessions && failures.equals(that.failures);
    }

    @Override
    public int hashCode() {
        return Objects.hash(policy, successfulSessions, failedSessions, failures);
    }
}
