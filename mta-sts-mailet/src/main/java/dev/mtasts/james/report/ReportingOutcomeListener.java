package dev.mtasts.james.report;

import dev.mtasts.james.config.MtaStsSettings;
import dev.mtasts.james.outcome.OutcomeListener;
import dev.mtasts.outcome.OutboundSession;
import dev.mtasts.outcome.TlsOutcome;
import dev.mtasts.report.TlsReporting;

import com.google.inject.Inject;

/**
 * Hands every outcome to {@link TlsReporting}: into the next TLS report and the operators' figures, or — with
 * {@code reports.enabled=false} — into the figures only.
 */
public final class ReportingOutcomeListener implements OutcomeListener {

    private final TlsReporting reporting;
    private final boolean reportsEnabled;

    @Inject
    public ReportingOutcomeListener(TlsReporting reporting, MtaStsSettings settings) {
        this.reporting = reporting;
        this.reportsEnabled = settings.reports().enabled();
    }

    @Override
    public void onOutcome(TlsOutcome outcome) {
        if (reportsEnabled) {
            reporting.record(outcome);
        } else {
            reporting.statistics().record(outcome);
        }
    }

    @Override
    public void onEnforcementFailure(String domain) {
        reporting.statistics().recordEnforcementFailure(domain);
    }

    /** Every outbound session, of any lane, counts in the figures (not in RFC 8460 reports: no policy there). */
    @Override
    public void onSession(OutboundSession session) {
        reporting.statistics().recordSession(session);
    }
}
