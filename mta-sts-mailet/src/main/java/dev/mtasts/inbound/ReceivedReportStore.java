package dev.mtasts.inbound;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Where received reports and rejections are kept. The embedded default is {@link FileReceivedReportStore}; the
 * interface lets a shared store be added for a cluster. Implementations are thread-safe and keep within their
 * {@link StoreLimits}.
 */
public interface ReceivedReportStore {

    /**
     * Keeps {@code report} unless one with the same {@link StoredReport#key()} is kept ({@link Admission#DUPLICATE})
     * or the day's cap is reached ({@link Admission#DAILY_LIMIT}); see {@link StoreLimits#admit}. Reports and
     * rejections past the retention at the report's arrival are forgotten.
     *
     * @throws IOException when the report could not be kept durably; it is then not kept at all, so that the mail
     *                     can be taken again
     */
    Admission keep(StoredReport report) throws IOException;

    /** The reports whose period starts at or after {@code since}, oldest first. */
    List<StoredReport> reports(Instant since);

    /** Records a rejection. */
    void reject(RejectedReport rejected);

    /** The rejections received at or after {@code since}, oldest first. */
    List<RejectedReport> rejected(Instant since);
}
