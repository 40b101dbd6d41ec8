package dev.mtasts.inbound;

import java.time.Instant;
import java.util.List;

/**
 * Where received reports and rejections are kept. The embedded default is {@link FileReceivedReportStore}; the
 * interface lets a shared store be added for a cluster. Implementations are thread-safe.
 */
public interface ReceivedReportStore {

    /** Stores {@code report}; false when one with the same {@link StoredReport#key()} is already stored. */
    boolean add(StoredReport report);

    /** The reports whose period starts at or after {@code since}, oldest first. */
    List<StoredReport> reports(Instant since);

    /** Records a rejection. */
    void reject(RejectedReport rejected);

    /** The rejections received at or after {@code since}, oldest first. */
    List<RejectedReport> rejected(Instant since);
}
