package dev.mtasts.inbound;

import java.time.Instant;
import java.util.Objects;

/** A report mail or file that was not accepted, as recorded for the operator. */
public final class RejectedReport {

    private final Instant receivedAt;
    private final String sender;
    private final RejectionReason reason;
    private final String detail;

    /** @param sender the envelope sender, empty for the null sender */
    public RejectedReport(Instant receivedAt, String sender, RejectionReason reason, String detail) {
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String sender() {
        return sender;
    }

    public RejectionReason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof RejectedReport)) {
            return false;
        }
        RejectedReport that = (RejectedReport) other;
        return receivedAt.equals(that.receivedAt) && sender.equals(that.sender) && reason == that.reason
                && detail.equals(that.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(receivedAt, sender, reason, detail);
    }

    @Override
    public String toString() {
        return "RejectedReport[" + receivedAt + " from " + sender + ": " + reason + " (" + detail + ")]";
    }
}
