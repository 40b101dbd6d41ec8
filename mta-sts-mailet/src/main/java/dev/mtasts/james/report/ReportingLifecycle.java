package dev.mtasts.james.report;

import dev.mtasts.report.TlsReporting;

import javax.annotation.PreDestroy;
import com.google.inject.Inject;

/**
 * Writes the TLS report counts and pending reports to their store when James stops, so that none is lost across a
 * restart (between stops they are written every {@code reports.flushInterval}).
 */
public final class ReportingLifecycle {

    private final TlsReporting reporting;

    @Inject
    public ReportingLifecycle(TlsReporting reporting) {
        this.reporting = reporting;
    }

    @PreDestroy
    public void stop() {
        reporting.close();
    }
}
