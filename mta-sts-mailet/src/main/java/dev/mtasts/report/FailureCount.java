package dev.mtasts.report;

import java.util.Objects;

/**
 * How many sessions failed in one way: one RFC 8460 {@code failure-details} entry and its
 * {@code failed-session-count}.
 */
public record FailureCount(SessionFailure failure, long sessions) {

    public FailureCount {
        Objects.requireNonNull(failure, "failure");
        if (sessions < 0) {
            throw new IllegalArgumentException("negative session count: " + sessions);
        }
    }
}
