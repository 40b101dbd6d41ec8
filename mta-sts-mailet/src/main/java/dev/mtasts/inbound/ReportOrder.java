package dev.mtasts.inbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The one window and order every store applies: reports by period start, rejections by arrival. */
final class ReportOrder {

    private static final Comparator<StoredReport> BY_START = Comparator
            .comparing((StoredReport stored) -> stored.report().start())
            .thenComparing(StoredReport::receivedAt)
            .thenComparing(StoredReport::key);

    private ReportOrder() {
    }

    static List<StoredReport> since(Collection<StoredReport> reports, Instant since) {
        List<StoredReport> selected = new ArrayList<>();
        for (StoredReport report : reports) {
            if (!report.report().start().isBefore(since)) {
                selected.add(report);
            }
        }
        selected.sort(BY_START);
        return selected;
    }

    static List<RejectedReport> rejectedSince(Collection<RejectedReport> rejected, Instant since) {
        List<RejectedReport> selected = new ArrayList<>();
        for (RejectedReport report : rejected) {
            if (!report.receivedAt().isBefore(since)) {
                selected.add(report);
            }
        }
        selected.sort(Comparator.comparing(RejectedReport::receivedAt));
        return selected;
    }
}
