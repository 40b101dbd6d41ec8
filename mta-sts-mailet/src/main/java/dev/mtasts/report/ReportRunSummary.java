package dev.mtasts.report;

import java.time.LocalDate;
import java.util.List;

/**
 * What one {@link TlsReportScheduler#runOnce()} did.
 *
 * @param closedDays  the days whose counts were turned into reports
 * @param reportsMade the reports made from them
 * @param delivered   reports now delivered to every destination
 * @param notWanted   reports dropped because the domain asks for none
 * @param retrying    reports that will be tried again
 * @param abandoned   reports dropped because they could not be delivered in time
 */
public record ReportRunSummary(List<LocalDate> closedDays, int reportsMade, int delivered, int notWanted,
                               int retrying, int abandoned) {

    public static final ReportRunSummary NOTHING = new ReportRunSummary(List.of(), 0, 0, 0, 0, 0);

    public ReportRunSummary {
        closedDays = List.copyOf(closedDays);
    }
}
