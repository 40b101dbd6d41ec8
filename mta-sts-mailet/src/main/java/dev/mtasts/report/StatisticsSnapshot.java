package dev.mtasts.report;

import java.util.List;
import java.util.Objects;

/** Everything {@link DeliveryStatistics} holds, as a {@link TlsReportStore} keeps it. */
public final class StatisticsSnapshot {

    private final List<HourlyCounts> hours;

    public StatisticsSnapshot(List<HourlyCounts> hours) {
        this.hours = List.copyOf(hours);
    }

    public List<HourlyCounts> hours() {
        return hours;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StatisticsSnapshot && hours.equals(((StatisticsSnapshot) other).hours);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hours);
    }
}
