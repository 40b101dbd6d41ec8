package dev.mtasts.inbound;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A store that forgets everything on restart: for tests and for the command line. It also holds the file store's
 * memory, with the same limits.
 */
public final class InMemoryReceivedReportStore implements ReceivedReportStore {

    private final StoreLimits limits;
    private final Map<String, StoredReport> reports = new LinkedHashMap<>();
    private final List<RejectedReport> rejected = new ArrayList<>();
    /** Reports kept per UTC day of arrival, for {@link StoreLimits#maxReportsPerDay()}. */
    private final Map<LocalDate, Integer> storedByDay = new HashMap<>();

    /** Keeps everything ({@link StoreLimits#unlimited()}). */
    public InMemoryReceivedReportStore() {
        this(StoreLimits.unlimited());
    }

    public InMemoryReceivedReportStore(StoreLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public synchronized Admission keep(StoredReport report) {
        Admission admission = admission(report);
        if (admission == Admission.STORED) {
            put(report);
        }
        return admission;
    }

    /** {@link #keep} for callers that only tell stored from duplicate; false when not kept. */
    public boolean add(StoredReport report) {
        return keep(report) == Admission.STORED;
    }

    /** What {@link #keep} would answer, without keeping anything. */
    synchronized Admission admission(StoredReport report) {
        return limits.admit(reports.containsKey(report.key()),
            storedByDay.getOrDefault(dayOf(report.receivedAt()), 0));
    }

    /**
     * Keeps {@code report} whatever the limits (as read back from disk, or after {@link #admission}), first forgetting
     * what is past the retention at its arrival.
     *
     * @return the reports forgotten
     */
    synchronized List<StoredReport> put(StoredReport report) {
        List<StoredReport> forgotten = forgetBefore(limits.keptSince(report.receivedAt()));
        reports.put(report.key(), report);
        storedByDay.merge(dayOf(report.receivedAt()), 1, Integer::sum);
        return forgotten;
    }

    @Override
    public synchronized List<StoredReport> reports(Instant since) {
        return ReportOrder.since(reports.values(), since);
    }

    @Override
    public synchronized void reject(RejectedReport report) {
        forgetBefore(limits.keptSince(report.receivedAt()));
        rejected.add(report);
    }

    @Override
    public synchronized List<RejectedReport> rejected(Instant since) {
        return ReportOrder.rejectedSince(rejected, since);
    }

    /** Forgets the reports whose period starts before {@code boundary} and the rejections received before it. */
    private List<StoredReport> forgetBefore(Instant boundary) {
        List<StoredReport> forgotten = new ArrayList<>();
        if (boundary.equals(Instant.MIN)) {
            return forgotten;
        }
        for (Iterator<StoredReport> kept = reports.values().iterator(); kept.hasNext(); ) {
            StoredReport report = kept.next();
            if (report.report().start().isBefore(boundary)) {
                forgotten.add(report);
                kept.remove();
            }
        }
        rejected.removeIf(report -> report.receivedAt().isBefore(boundary));
        LocalDate firstDay = dayOf(boundary);
        storedByDay.keySet().removeIf(day -> day.isBefore(firstDay));
        return forgotten;
    }

    private static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
