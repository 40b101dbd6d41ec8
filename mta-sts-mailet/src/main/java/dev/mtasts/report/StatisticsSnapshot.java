package dev.mtasts.report;

import java.util.List;
import java.util.Objects;

/** Everything {@link DeliveryStatistics} holds, as a {@link TlsReportStore} keeps it. */
public final class StatisticsSnapshot {

    private final List<HourlyCounts> hours;
    private final List<DomainDaySessions> domainSessions;

    public StatisticsSnapshot(List<HourlyCounts> hours) {
        this(hours, List.of());
    }

    public StatisticsSnapshot(List<HourlyCounts> hours, List<DomainDaySessions> domainSessions) {
        this.hours = List.copyOf(hours);
        this.domainSessions = List.copyOf(domainSessions);
    }

    public List<HourlyCounts> hours() {
        return hours;
    }

    /** Sessions per recipient domain and day: the clear-text top list. */
    public List<DomainDaySessions> domainSessions() {
        return domainSessions;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StatisticsSnapshot && hours.equals(((StatisticsSnapshot) other).hours)
                && domainSessions.equals(((StatisticsSnapshot) other).domainSessions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hours, domainSessions);
    }
}
