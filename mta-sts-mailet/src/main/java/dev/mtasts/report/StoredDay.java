package dev.mtasts.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link TlsReportStore} keeps for one UTC day.
 *
 * @param day     the UTC day
 * @param closed  whether the day's counts have been turned into reports; later outcomes for it are not counted
 * @param tallies the counts of a day still open, per domain
 * @param pending the reports of a closed day still to be delivered
 */
public record StoredDay(LocalDate day, boolean closed, List<DomainDayTally> tallies, List<PendingReport> pending) {

    public StoredDay {
        Objects.requireNonNull(day, "day");
        tallies = List.copyOf(tallies);
        pending = List.copyOf(pending);
    }
}
