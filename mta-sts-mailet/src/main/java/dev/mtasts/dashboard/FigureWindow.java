package dev.mtasts.dashboard;

import dev.mtasts.report.DeliveryCounts;
import dev.mtasts.report.DeliveryFigures;
import dev.mtasts.report.DeliveryStatistics;
import dev.mtasts.report.HourlyCounts;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The figures of one window (the last 24 hours, 7 days or 30 days), over the whole window and per bucket: per hour
 * for 24 hours, per UTC day for longer windows.
 */
public final class FigureWindow {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:00'Z'")
        .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final String name;
    private final DeliveryFigures total;
    private final List<String> bucketLabels;
    private final List<DeliveryFigures> buckets;

    FigureWindow(String name, DeliveryFigures total, List<String> bucketLabels, List<DeliveryFigures> buckets) {
        this.name = Objects.requireNonNull(name, "name");
        this.total = Objects.requireNonNull(total, "total");
        this.bucketLabels = List.copyOf(bucketLabels);
        this.buckets = List.copyOf(buckets);
    }

    /** The three windows of the dashboard, from one pass over the hourly counts of the last 30 days. */
    public static List<FigureWindow> standard(DeliveryStatistics statistics, Instant now) {
        List<HourlyCounts> hours = statistics.hourly(now.minus(Duration.ofDays(30)));
        return List.of(hourly("24h", hours, now.minus(Duration.ofHours(24))),
            daily("7d", hours, now.minus(Duration.ofDays(7))),
            daily("30d", hours, now.minus(Duration.ofDays(30))));
    }

    /** One bucket per hour from the hour containing {@code since}. */
    static FigureWindow hourly(String name, List<HourlyCounts> hours, Instant since) {
        long fromHour = Math.floorDiv(since.getEpochSecond(), 3600);
        List<String> labels = new ArrayList<>();
        List<DeliveryFigures> buckets = new ArrayList<>();
        DeliveryCounts total = DeliveryCounts.ZERO;
        for (HourlyCounts hour : hours) {
            if (hour.epochHour() >= fromHour) {
                labels.add(HOUR.format(hour.start()));
                buckets.add(DeliveryFigures.of(hour.counts()));
                total = total.plus(hour.counts());
            }
        }
        return new FigureWindow(name, DeliveryFigures.of(total), labels, buckets);
    }

    /** One bucket per UTC day from the day containing {@code since}; the window counts from that hour on. */
    static FigureWindow daily(String name, List<HourlyCounts> hours, Instant since) {
        long fromHour = Math.floorDiv(since.getEpochSecond(), 3600);
        long fromDay = Math.floorDiv(fromHour, 24);
        List<String> labels = new ArrayList<>();
        List<DeliveryFigures> buckets = new ArrayList<>();
        DeliveryCounts total = DeliveryCounts.ZERO;
        long day = Long.MIN_VALUE;
        DeliveryCounts dayCounts = DeliveryCounts.ZERO;
        for (HourlyCounts hour : hours) {
            long hourDay = Math.floorDiv(hour.epochHour(), 24);
            if (hourDay < fromDay || hour.epochHour() < fromHour) {
                continue;
            }
            if (hourDay != day) {
                if (day != Long.MIN_VALUE) {
                    buckets.add(DeliveryFigures.of(dayCounts));
                }
                day = hourDay;
                dayCounts = DeliveryCounts.ZERO;
                labels.add(DAY.format(Instant.ofEpochSecond(hourDay * 86_400)));
            }
            dayCounts = dayCounts.plus(hour.counts());
            total = total.plus(hour.counts());
        }
        if (day != Long.MIN_VALUE) {
            buckets.add(DeliveryFigures.of(dayCounts));
        }
        return new FigureWindow(name, DeliveryFigures.of(total), labels, buckets);
    }

    /** {@code 24h}, {@code 7d} or {@code 30d}. */
    public String name() {
        return name;
    }

    public DeliveryFigures total() {
        return total;
    }

    /** The buckets' labels (an hour or a day, UTC), oldest first. */
    public List<String> bucketLabels() {
        return bucketLabels;
    }

    /** The buckets' figures, in {@link #bucketLabels()} order. */
    public List<DeliveryFigures> buckets() {
        return buckets;
    }
}
