package dev.mtasts.report;

import java.util.List;

/** Everything {@link DeliveryStatistics} holds, as a {@link TlsReportStore} keeps it. */
public record StatisticsSnapshot(List<HourlyCounts> hours) {

    public StatisticsSnapshot {
        hours = List.copyOf(hours);
    }
}
