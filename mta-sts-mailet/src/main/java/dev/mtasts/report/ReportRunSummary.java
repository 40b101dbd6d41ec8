package dev.mtasts.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** What one {@link TlsReportScheduler#runOnce()} did. */
public final class ReportRunSummary {

    public static final ReportRunSummary NOTHING = new ReportRunSummary(List.of(), 0, 0, 0, 0, 0);

    private final List<LocalDate> closedDays;
    private final int reportsMade;
    private final int delivered;
    private final int notWanted;
    private final int retrying;
    private final int abandoned;

    public ReportRunSummary(List<LocalDate> closedDays, int reportsMade, int delivered, int notWanted,
                            int retrying, int abandoned) {
        this.closedDays = List.copyOf(closedDays);
        this.reportsMade = reportsMade;
        this.delivered = delivered;
        this.notWanted = notWanted;
        this.retrying = retrying;
        this.abandoned = abandoned;
    }

    /** The days whose counts were turned into reports. */
    public List<LocalDate> closedDays() {
        return closedDays;
    }

    /** The reports made from them. */
    public int reportsMade() {
        return reportsMade;
    }

    /** Reports now delivered to every destination. */
    public int delivered() {
        return delivered;
    }

    /** Reports dropped because the domain asks for none. */
    public int notWanted() {
        return notWanted;
    }

    /** Reports that will be tried again. */
    public int retrying() {
        return retrying;
    }

    /** Reports dropped because they could not be delivered in time. */
    public int abandoned() {
        return abandoned;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ReportRunSummary)) {
            return false;
        }
        ReportRunSummary that = (ReportRunSummary) other;
        return closedDays.equals(that.closedDays) && reportsMade == that.reportsMade && delivered == that.delivered
                && notWanted == that.notWanted && retrying == that.retrying && abandoned == that.abandoned;
    }

    @Override
    public int hashCode() {
        return Objects.hash(closedDays, reportsMade, delivered, notWanted, retrying, abandoned);
    }
}
