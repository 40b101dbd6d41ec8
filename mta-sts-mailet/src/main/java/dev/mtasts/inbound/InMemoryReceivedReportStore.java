package dev.mtasts.inbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A store that forgets everything on restart: for tests and for the command line. */
public final class InMemoryReceivedReportStore implements ReceivedReportStore {

    private final Map<String, StoredReport> reports = new LinkedHashMap<>();
    private final List<RejectedReport> rejected = new ArrayList<>();

    @Override
    public synchronized boolean add(StoredReport report) {
        return reports.putIfAbsent(report.key(), report) == null;
    }

    @Override
    public synchronized List<StoredReport> reports(Instant since) {
        return ReportOrder.since(reports.values(), since);
    }

    @Override
    public synchronized void reject(RejectedReport report) {
        rejected.add(report);
    }

    @Override
    public synchronized List<RejectedReport> rejected(Instant since) {
        return ReportOrder.rejectedSince(rejected, since);
    }
}
