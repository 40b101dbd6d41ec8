package dev.mtasts.james.inbound;

import dev.mtasts.inbound.Admission;
import dev.mtasts.inbound.FailureDetail;
import dev.mtasts.inbound.ParseOutcome;
import dev.mtasts.inbound.ReceivedPolicy;
import dev.mtasts.inbound.ReceivedReportStore;
import dev.mtasts.inbound.RejectedReport;
import dev.mtasts.inbound.RejectionReason;
import dev.mtasts.inbound.ReportAcceptance;
import dev.mtasts.inbound.ReportMailReader;
import dev.mtasts.inbound.StoredReport;
import dev.mtasts.james.config.InboundReportSettings;
import dev.mtasts.james.metrics.MtaStsMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One report mail taken in: read (bounded, RFC 8460 §5.3), checked (our domains, DKIM), stored once, counted. Never
 * throws for anything a sender put in the mail: every failure is a {@link RejectedReport} with a reason.
 */
public final class ReportIntake {

    private static final Logger LOGGER = LoggerFactory.getLogger(ReportIntake.class);

    private final ReportMailReader reader;
    private final ReceivedReportStore store;
    private final InboundReportSettings settings;
    private final LocalDomains localDomains;
    private final MtaStsMetrics metrics;
    private final Clock clock;

    public ReportIntake(ReportMailReader reader, ReceivedReportStore store, InboundReportSettings settings,
                        LocalDomains localDomains, MtaStsMetrics metrics, Clock clock) {
        this.reader = reader;
        this.store = store;
        this.settings = settings;
        this.localDomains = localDomains;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * What became of one mail: accepted (reason empty) or the rejection.
     *
     * @throws IOException when an accepted report could not be stored: nothing is kept or recorded, and the mail must
     *                     not be consumed, so that it is not lost and can be taken again
     */
    public Optional<RejectionReason> take(MimeMessage message, long size, String sender, String recipientDomain,
                                          String dkim) throws IOException {
        Instant now = clock.instant();
        Optional<ParseOutcome.Rejected> rejection;
        StoredReport stored = null;
        try {
            if (size > settings.limits().maxMailBytes()) {
                rejection = Optional.of(ParseOutcome.rejected(RejectionReason.TOO_LARGE,
                    "the mail has " + size + " bytes, the limit is " + settings.limits().maxMailBytes()));
            } else {
                ParseOutcome outcome = reader.read(message);
                if (outcome instanceof ParseOutcome.Rejected) {
                    rejection = Optional.of((ParseOutcome.Rejected) outcome);
                } else {
                    stored = new StoredReport(((ParseOutcome.Parsed) outcome).report(), now, dkim,
                        Optional.of(recipientDomain));
                    rejection = ReportAcceptance.check(stored, ourDomains(), settings.requireDkim());
                    if (rejection.isEmpty()) {
                        rejection = admitted(store.keep(stored), stored);
                    }
                }
            }
        } catch (RuntimeException e) {
            // Nothing a sender sends may crash the mailet or block the spool.
            LOGGER.warn("TLS report from <{}> could not be read", sender, e);
            rejection = Optional.of(ParseOutcome.rejected(RejectionReason.NOT_A_REPORT, "unreadable: " + e));
        }
        if (rejection.isPresent()) {
            record(now, sender, recipientDomain, rejection.get());
            return Optional.of(rejection.get().reason());
        }
        LOGGER.info("TLS report {} from {} for {} stored ({} successful, {} failed sessions)",
            stored.report().reportId(), stored.report().organization(), stored.domains(),
            stored.report().successfulSessions(), stored.report().failedSessions());
        countSessions(stored);
        return Optional.empty();
    }

    /** The store's answer as a rejection: a duplicate, or one report too many today (the store's cap). */
    private Optional<ParseOutcome.Rejected> admitted(Admission admission, StoredReport stored) {
        switch (admission) {
            case DUPLICATE:
                return Optional.of(ParseOutcome.rejected(RejectionReason.DUPLICATE, "already stored: " + stored.key()));
            case DAILY_LIMIT:
                return Optional.of(ParseOutcome.rejected(RejectionReason.DAILY_LIMIT, settings.storage()
                    .maxReportsPerDay() + " reports were stored today (UTC) already, not " + stored.key()));
            default:
                return Optional.empty();
        }
    }

    /** A mail James could not even hand over (its message unreadable): recorded as not a report. */
    public void unreadable(String sender, String recipientDomain, String detail) {
        record(clock.instant(), sender, recipientDomain,
            ParseOutcome.rejected(RejectionReason.NOT_A_REPORT, "unreadable: " + detail));
    }

    private void record(Instant now, String sender, String recipientDomain, ParseOutcome.Rejected rejected) {
        LOGGER.info("TLS report from <{}> to {} rejected: {} ({})", sender, recipientDomain,
            rejected.reason().code(), rejected.detail());
        try {
            store.reject(new RejectedReport(now, sender, rejected.reason(), rejected.detail()));
        } catch (RuntimeException e) {
            LOGGER.warn("the rejection of a TLS report from <{}> could not be recorded", sender, e);
        }
        metrics.onReportRejected(rejected.reason().code());
    }

    /** James' domains and {@code reports.inbound.domains}. */
    public Set<String> ourDomains() {
        Set<String> domains = new TreeSet<>(localDomains.all());
        domains.addAll(settings.domains());
        return domains;
    }

    private void countSessions(StoredReport stored) {
        metrics.onReportAccepted();
        for (ReceivedPolicy policy : stored.report().policies()) {
            metrics.onReportedSessions("success", policy.successfulSessions());
            for (FailureDetail detail : policy.failureDetails()) {
                metrics.onReportedSessions(detail.resultType(), detail.failedSessions());
            }
        }
    }
}
