package dev.mtasts.report;

import java.util.Objects;

/**
 * How many sessions failed in one way: one RFC 8460 {@code failure-details} entry and its
 * {@code failed-session-count}.
 */
public final class FailureCount {

    private final SessionFailure failure;
    private final long sessions;

    public FailureCount(SessionFailure failure, long sessions) {
        Objects.requireNonNull(failure, "failure");
        if (sessions < 0) {
            throw new IllegalArgumentException("negative session count: " + sessions);
        }
        this.failure = failure;
        this.sessions = sessions;
    }

    public SessionFailure failure() {
        return failure;
    }

    public long sessions() {
        return sessions;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof FailureCount)) {
            return false;
        }
        FailureCount that = (FailureCount) other;
        return failure.equals(that.failure) && sessions == that.sessions;
    }

    @Override
    public int hashCode() {
        return Objects.hash(failure, sessions);
    }
}
