package dev.mtasts.report;

import java.util.List;
import java.util.Objects;

/**
 * The counts for one policy of one domain on one day: one entry of an RFC 8460 report's {@code policies}.
 *
 * @param policy             the policy the sessions were held to
 * @param successfulSessions RFC 8460 {@code total-successful-session-count}
 * @param failedSessions     RFC 8460 {@code total-failure-session-count}; at least the sum of {@code failures}
 *                           (more when the number of distinct failure details hit its limit)
 * @param failures           the failed sessions by kind
 */
public record PolicyTally(ReportedPolicy policy, long successfulSessions, long failedSessions,
                          List<FailureCount> failures) {

    public PolicyTally {
        Objects.requireNonNull(policy, "policy");
        failures = List.copyOf(failures);
        if (successfulSessions < 0 || failedSessions < 0) {
            throw new IllegalArgumentException("negative session count");
        }
    }
}
