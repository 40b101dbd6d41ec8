package dev.mtasts.inbound;

/** Thrown inside the reader and parser to end reading with a rejection; never leaves the package. */
final class ReportRejection extends Exception {

    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;

    ReportRejection(RejectionReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    ParseOutcome.Rejected outcome() {
        return ParseOutcome.rejected(reason, getMessage());
    }
}
