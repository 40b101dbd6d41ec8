package dev.mtasts.report;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Decides when reports are made and sent, and sends them (RFC 8460 §4.1, §5.5).
 *
 * <ul>
 *   <li>A UTC day is closed — its counts turned into one report per policy domain — once the day has ended and
 *       the send delay plus this day's random jitter have passed. With {@link TlsReportSettings#failuresOnly()},
 *       domains without a failed session get no report.</li>
 *   <li>Each pending report is sent to every destination its domain's TLSRPT record names; destinations that
 *       fail are tried again after the retry interval, doubling each time, until the report is
 *       {@link TlsReportSettings#giveUpAfter()} old. Then it is dropped, with a warning.</li>
 * </ul>
 *
 * <p>{@link #runOnce()} does all that is due at the clock's current time; something calls it periodically
 * ({@link TlsReporting}), and operators may call it too. It never throws.
 */
public final class TlsReportScheduler {

    private static final Logger LOGGER = LoggerFactory.getLogger(TlsReportScheduler.class);
    private static final int MAX_BACKOFF_FACTOR = 8;
    /** How long a closed day is remembered, so that a late outcome for it is not counted in a second report. */
    private static final int CLOSED_DAYS_REMEMBERED = 2;

    private final TlsReportAggregator aggregator;
    private final TlsReportBuilder builder;
    private final TlsReportSender sender;
    private final TlsReportSettings settings;
    private final Clock clock;
    private final long jitterSeed;

    /**
     * @param jitterSeed picks each day's jitter; any value (a random one in service, a fixed one in tests)
     */
    public TlsReportScheduler(TlsReportAggregator aggregator, TlsReportBuilder builder, TlsReportSender sender,
                              Clock clock, long jitterSeed) {
        this.aggregator = Objects.requireNonNull(aggregator, "aggregator");
        this.builder = Objects.requireNonNull(builder, "builder");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.settings = builder.settings();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.jitterSeed = jitterSeed;
    }

    /** When the reports of {@code day} are made: the day's end, plus the send delay, plus the day's jitter. */
    public Instant dueAt(LocalDate day) {
        Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return end.plus(settings.sendDelay()).plusMillis(jitterMillis(day));
    }

    private long jitterMillis(LocalDate day) {
        long max = settings.sendJitter().toMillis();
        if (max <= 0) {
            return 0;
        }
        return new SplittableRandom(jitterSeed ^ (day.toEpochDay() * 0x9E3779B97F4A7C15L)).nextLong(max + 1);
    }

    /** Makes the reports that are due and sends the pending reports that are due. Never throws. */
    public synchronized ReportRunSummary runOnce() {
        Instant now = clock.instant();
        List<LocalDate> closedDays = new ArrayList<>();
        int made = 0;
        int delivered = 0;
        int notWanted = 0;
        int retrying = 0;
        int abandoned = 0;
        try {
            for (LocalDate day : aggregator.openDays()) {
                if (now.isBefore(dueAt(day))) {
                    continue;
                }
                List<PendingReport> reports = aggregator.closeDay(day, tally -> reportOf(tally, now));
                closedDays.add(day);
                made += reports.size();
                LOGGER.info("TLS reports for {} made: {}", day, reports.size());
            }
            for (PendingReport pending : aggregator.pendingReports()) {
                if (!now.isBefore(pending.madeAt().plus(settings.giveUpAfter()))) {
                    aggregator.removePending(pending);
                    abandoned++;
                    LOGGER.warn("TLS report {} for {} ({}) given up after {} attempts; still not delivered to "
                                    + "every destination, last error: {}", pending.reportId(), pending.domain(),
                            pending.day(), pending.attempts(), pending.lastError().orElse("none"));
                    continue;
                }
                if (pending.nextAttemptAt().map(now::isBefore).orElse(false)) {
                    retrying++;
                    continue;
                }
                ReportSendResult result = sender.send(pending);
                if (result instanceof ReportSendResult.Delivered) {
                    ReportSendResult.Delivered done = (ReportSendResult.Delivered) result;
                    aggregator.removePending(pending);
                    delivered++;
                    LOGGER.info("TLS report {} for {} ({}) delivered to {}", pending.reportId(), pending.domain(),
                            pending.day(), done.deliveredTo());
                } else if (result instanceof ReportSendResult.NotWanted) {
                    ReportSendResult.NotWanted unwanted = (ReportSendResult.NotWanted) result;
                    aggregator.removePending(pending);
                    notWanted++;
                    LOGGER.info("TLS report {} for {} ({}) not sent: {}", pending.reportId(), pending.domain(),
                            pending.day(), unwanted.reason());
                } else {
                    ReportSendResult.Incomplete incomplete = (ReportSendResult.Incomplete) result;
                    Instant retryAt = now.plus(backoff(pending.attempts() + 1));
                    aggregator.updatePending(pending.afterFailedAttempt(retryAt, incomplete.reason(),
                            incomplete.deliveredTo()));
                    retrying++;
                    LOGGER.warn("TLS report {} for {} ({}) not delivered everywhere, trying again at {}: {}",
                            pending.reportId(), pending.domain(), pending.day(), retryAt, incomplete.reason());
                }
            }
            aggregator.forgetClosedDaysBefore(TlsReportAggregator.utcDay(now).minusDays(CLOSED_DAYS_REMEMBERED));
        } catch (RuntimeException e) {
            LOGGER.error("TLS report run failed", e);
        } finally {
            aggregator.flush();
        }
        return new ReportRunSummary(closedDays, made, delivered, notWanted, retrying, abandoned);
    }

    /** The wait after the {@code attempt}-th failed attempt: the retry interval, doubled each time, capped. */
    Duration backoff(int attempt) {
        int factor = 1 << Math.min(Math.max(attempt - 1, 0), Integer.numberOfTrailingZeros(MAX_BACKOFF_FACTOR));
        return settings.retryInterval().multipliedBy(factor);
    }

    private Optional<PendingReport> reportOf(DomainDayTally tally, Instant now) {
        if (settings.failuresOnly() && !tally.hasFailures()) {
            LOGGER.debug("TLS report for {} ({}) not made: no failed session and reports are for failures only",
                    tally.domain(), tally.day());
            return Optional.empty();
        }
        return Optional.of(PendingReport.fresh(builder.newReportId(tally.day(), tally.domain()), tally, now));
    }
}
