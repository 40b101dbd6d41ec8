package dev.mtasts.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A report made for a finished day and not yet delivered everywhere. Its id is chosen once, so every attempt sends
 * the same report.
 *
 * @param reportId      RFC 8460 {@code report-id}
 * @param tally         what the report counts
 * @param madeAt        when the report was made; delivery is given up a while after (RFC 8460 §5.5)
 * @param attempts      delivery attempts so far
 * @param nextAttemptAt when to try again; empty for "at the next run"
 * @param lastError     why the last attempt did not finish, if it did not
 * @param deliveredTo   the destinations that already have it ({@code https:} URIs, {@code mailto:} addresses)
 */
public record PendingReport(String reportId, DomainDayTally tally, Instant madeAt, int attempts,
                            Optional<Instant> nextAttemptAt, Optional<String> lastError, List<String> deliveredTo) {

    public PendingReport {
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(tally, "tally");
        Objects.requireNonNull(madeAt, "madeAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lastError, "lastError");
        deliveredTo = List.copyOf(deliveredTo);
        if (attempts < 0) {
            throw new IllegalArgumentException("negative attempts: " + attempts);
        }
    }

    /** A report not yet tried. */
    public static PendingReport fresh(String reportId, DomainDayTally tally, Instant madeAt) {
        return new PendingReport(reportId, tally, madeAt, 0, Optional.empty(), Optional.empty(), List.of());
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
}
