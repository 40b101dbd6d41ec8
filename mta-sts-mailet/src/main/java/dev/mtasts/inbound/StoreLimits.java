package dev.mtasts.inbound;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How much a {@link ReceivedReportStore} keeps; pure. RFC 8460 §5 leaves what a receiver does with the reports to it:
 * anyone can mail the report address, so both how long reports are kept and how many are taken a day are bounded.
 *
 * <ul>
 *   <li>{@link #retention()}: a report whose period (RFC 8460 §4.4 {@code date-range.start-datetime}) started more
 *       than this before now is forgotten — not loaded, and deleted. Rejections are forgotten by arrival.</li>
 *   <li>{@link #maxReportsPerDay()}: at most this many reports are kept per UTC day of arrival; past it a report is
 *       rejected ({@link RejectionReason#DAILY_LIMIT}).</li>
 * </ul>
 */
public final class StoreLimits {

    /** 400 days: the 14-day rollout rule, the 30-day summaries and a year of history fit. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(400);
    public static final int DEFAULT_MAX_REPORTS_PER_DAY = 1000;

    private static final StoreLimits UNLIMITED = new StoreLimits(null, Integer.MAX_VALUE);

    /** Null: kept forever. */
    private final Duration retention;
    private final int maxReportsPerDay;

    private StoreLimits(Duration retention, int maxReportsPerDay) {
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("retention must be positive: " + retention);
        }
        if (maxReportsPerDay < 1) {
            throw new IllegalArgumentException("maxReportsPerDay must be positive: " + maxReportsPerDay);
        }
        this.retention = retention;
        this.maxReportsPerDay = maxReportsPerDay;
    }

    public static StoreLimits of(Duration retention, int maxReportsPerDay) {
        return new StoreLimits(Objects.requireNonNull(retention, "retention"), maxReportsPerDay);
    }

    public static StoreLimits defaults() {
        return of(DEFAULT_RETENTION, DEFAULT_MAX_REPORTS_PER_DAY);
    }

    /** Keeps everything forever: for the command line, which reads files it was given. */
    public static StoreLimits unlimited() {
        return UNLIMITED;
    }

    /** How long reports are kept; {@link Duration#ZERO} stands for forever ({@link #unlimited()}). */
    public Duration retention() {
        return retention == null ? Duration.ZERO : retention;
    }

    public int maxReportsPerDay() {
        return maxReportsPerDay;
    }

    /** Reports whose period starts before this, and rejections received before it, are forgotten at {@code now}. */
    public Instant keptSince(Instant now) {
        if (retention == null || now.isBefore(Instant.MIN.plus(retention))) {
            return Instant.MIN;
        }
        return now.minus(retention);
    }

    /** Whether {@code report} is still kept at {@code now}. */
    public boolean retained(StoredReport report, Instant now) {
        return !report.report().start().isBefore(keptSince(now));
    }

    /**
     * Whether a report may be kept.
     *
     * @param alreadyStored whether one with the same key is kept
     * @param storedThatDay how many reports were kept on the report's UTC day of arrival
     */
    public Admission admit(boolean alreadyStored, int storedThatDay) {
        if (alreadyStored) {
            return Admission.DUPLICATE;
        }
        return storedThatDay >= maxReportsPerDay ? Admission.DAILY_LIMIT : Admission.STORED;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof StoreLimits)) {
            return false;
        }
        StoreLimits that = (StoreLimits) other;
        return Objects.equals(retention, that.retention) && maxReportsPerDay == that.maxReportsPerDay;
    }

    @Override
    public int hashCode() {
        return Objects.hash(retention, maxReportsPerDay);
    }

    @Override
    public String toString() {
        return "StoreLimits[retention=" + (retention == null ? "forever" : retention) + ", maxReportsPerDay="
            + maxReportsPerDay + "]";
    }
}
