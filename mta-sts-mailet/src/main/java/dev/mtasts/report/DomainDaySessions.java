package dev.mtasts.report;

import java.util.Objects;

/** The sessions to one recipient domain on one UTC day, as the statistics store keeps them. */
public final class DomainDaySessions {

    private final long epochDay;
    private final DomainSessions sessions;

    public DomainDaySessions(long epochDay, DomainSessions sessions) {
        this.epochDay = epochDay;
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /** Days since 1970-01-01 (UTC). */
    public long epochDay() {
        return epochDay;
    }

    public DomainSessions sessions() {
        return sessions;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DomainDaySessions && epochDay == ((DomainDaySessions) other).epochDay
                && sessions.equals(((DomainDaySessions) other).sessions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(epochDay, sessions);
    }
}
