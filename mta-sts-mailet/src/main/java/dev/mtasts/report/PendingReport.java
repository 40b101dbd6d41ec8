package dev.mtasts.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A report made for a finished day and not yet delivered everywhere. Its id is chosen once, so every attempt sends
 * the same report.
 */
public final class PendingReport {

    private final String reportId;
    private final DomainDayTally tally;
    private final Instant madeAt;
    private final int attempts;
    private final Optional<Instant> nextAttemptAt;
    private final Optional<String> lastError;
    private final List<String> deliveredTo;

    public PendingReport(String reportId, DomainDayTally tally, Instant madeAt, int attempts,
                         Optional<Instant> nextAttemptAt, Optional<String> lastError, List<String> deliveredTo) {
        this.reportId = Objects.requireNonNull(reportId, "reportId");
        this.tally = Objects.requireNonNull(tally, "tally");
        this.madeAt = Objects.requireNonNull(madeAt, "madeAt");
        this.nextAttemptAt = Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        this.lastError = Objects.requireNonNull(lastError, "lastError");
        this.deliveredTo = List.copyOf(deliveredTo);
        if (attempts < 0) {
            throw new IllegalArgumentException("negative attempts: " + attempts);
        }
        this.attempts = attempts;
    }

    /** A report not yet tried. */
    public static PendingReport fresh(String reportId, DomainDayTally tally, Instant madeAt) {
        return new PendingReport(reportId, tally, madeAt, 0, Optional.empty(), Optional.empty(), List.of());
    }

    /** RFC 8460 {@code report-id}. */
    public String reportId() {
        return reportId;
    }

    /** What the report counts. */
    public DomainDayTally tally() {
        return tally;
    }

    /** When the report was made; delivery is given up a while after (RFC 8460 §5.5). */
    public Instant madeAt() {
        return madeAt;
    }

    /** Delivery attempts so far. */
    public int attempts() {
        return attempts;
    }

    /** When to try again; empty for "at the next run". */
    public Optional<Instant> nextAttemptAt() {
        return nextAttemptAt;
    }

    /** Why the last attempt did not finish, if it did not. */
    public Optional<String> lastError() {
        return lastError;
    }

    /** The destinations that already have it ({@code https:} URIs, {@code mailto:} addresses). */
    public List<String> deliveredTo() {
        return deliveredTo;
    }

    public LocalDate day() {
        return tally.day();
    }

    public String domain() {
        return tally.domain();
    }

    /** The same report after an attempt that did not reach every destination. */
    public PendingReport afterFailedAttempt(Instant retryAt, String error, List<String> nowDeliveredTo) {
        return new PendingReport(reportId, tally, madeAt, attempts + 1, Optional.of(retryAt), Optional.of(error),
                nowDeliveredTo);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof PendingReport)) {
            return false;
        }
        PendingReport that = (PendingReport) other;
        return reportId.equals(that.reportId) && tally.equals(that.tally) && madeAt.equals(that.madeAt)
                && attempts == that.attempts && nextAttemptAt.equals(that.nextAttemptAt)
                && lastError.equals(that.lastError) && deliveredTo.equals(that.deliveredTo);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reportId, tally, madeAt, attempts, nextAttemptAt, lastError, deliveredTo);
    }
}
