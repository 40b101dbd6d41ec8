package dev.mtasts.dashboard;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One line of the dashboard's table of policy domains. */
public final class PolicyRow {

    private final String domain;
    private final String mode;
    private final String id;
    private final Instant expiresAt;
    private final Optional<String> lastError;
    private final int consecutiveFailures;

    public PolicyRow(String domain, String mode, String id, Instant expiresAt, Optional<String> lastError,
                     int consecutiveFailures) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.id = Objects.requireNonNull(id, "id");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.lastError = Objects.requireNonNull(lastError, "lastError");
        this.consecutiveFailures = consecutiveFailures;
    }

    public String domain() {
        return domain;
    }

    public String mode() {
        return mode;
    }

    public String id() {
        return id;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** The result type and detail of the last failed look-up, if any. */
    public Optional<String> lastError() {
        return lastError;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }
}
