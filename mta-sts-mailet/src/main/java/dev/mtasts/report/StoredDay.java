package dev.mtasts.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** What a {@link TlsReportStore} keeps for one UTC day. */
public final class StoredDay {

    private final LocalDate day;
    private final boolean closed;
    private final List<DomainDayTally> tallies;
    private final List<PendingReport> pending;

    public StoredDay(LocalDate day, boolean closed, List<DomainDayTally> tallies, List<PendingReport> pending) {
        this.day = Objects.requireNonNull(day, "day");
        this.closed = closed;
        this.tallies = List.copyOf(tallies);
        this.pending = List.copyOf(pending);
    }

    /** The UTC day. */
    public LocalDate day() {
        return day;
    }

    /** Whether the day's counts have been turned into reports; later outcomes for it are not counted. */
    public boolean closed() {
        return closed;
    }

    /** The counts of a day still open, per domain. */
    public List<DomainDayTally> tallies() {
        return tallies;
    }

    /** The reports of a closed day still to be delivered. */
    public List<PendingReport> pending() {
        return pending;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof StoredDay)) {
            return false;
        }
        StoredDay that = (StoredDay) other;
        return day.equals(that.day) && closed == that.closed && tallies.equals(that.tallies)
                && pending.equals(that.pending);
    }

    @Override
    public int hashCode() {
        return Objects.hash(day, closed, tallies, pending);
    }
}
