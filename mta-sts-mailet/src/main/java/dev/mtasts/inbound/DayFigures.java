package dev.mtasts.inbound;

import java.time.LocalDate;
import java.util.Objects;

/** One line of a summary's {@code days}: the sessions of the reports whose period starts that UTC day. */
public final class DayFigures {

    private final LocalDate date;
    private final long successfulSessions;
    private final long failedSessions;

    public DayFigures(LocalDate date, long successfulSessions, long failedSessions) {
        this.date = Objects.requireNonNull(date, "date");
        this.successfulSessions = successfulSessions;
        this.failedSessions = failedSessions;
    }

    public LocalDate date() {
        return date;
    }

    public long successfulSessions() {
        return successfulSessions;
    }

    public long failedSessions() {
        return failedSessions;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof DayFigures)) {
            return false;
        }
        DayFigures that = (DayFigures) other;
        return date.equals(that.date) && successfulSessions == that.successfulSessions
                && failedSessions == that.failedSessions;
    }

    @Override
    public int hashCode() {
        return Objects.hash(date, successfulSessions, failedSessions);
    }

    @Override
    public String toString() {
        return date + ": " + successfulSessions + " ok, " + failedSessions + " failed";
    }
}
