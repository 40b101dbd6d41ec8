package dev.mtasts.inbound;

import java.util.Optional;

/** What {@link ReceivedReportStore#keep} did with a report. */
public enum Admission {
    /** Kept (and, in the file store, on disk). */
    STORED,
    /** One with the same {@link StoredReport#key()} is kept already. */
    DUPLICATE,
    /** {@link StoreLimits#maxReportsPerDay()} reports were kept on its UTC day of arrival already. */
    DAILY_LIMIT;

    /** The rejection this is, empty for {@link #STORED}. */
    public Optional<RejectionReason> rejection() {
        switch (this) {
            case DUPLICATE:
                return Optional.of(RejectionReason.DUPLICATE);
            case DAILY_LIMIT:
                return Optional.of(RejectionReason.DAILY_LIMIT);
            default:
                return Optional.empty();
        }
    }
}
