package dev.mtasts.inbound;

import java.util.List;
import java.util.Objects;

/** One line of a summary's {@code byReceivingMx}: the failures senders met at one of our MX hosts. */
public final class ReceivingMxFigures {

    private final String receivingMx;
    private final long failedSessions;
    private final List<String> resultTypes;

    public ReceivingMxFigures(String receivingMx, long failedSessions, List<String> resultTypes) {
        this.receivingMx = Objects.requireNonNull(receivingMx, "receivingMx");
        this.failedSessions = failedSessions;
        this.resultTypes = List.copyOf(resultTypes);
    }

    /** The {@code receiving-mx-hostname}, or the {@code receiving-ip} where a sender named no host. */
    public String receivingMx() {
        return receivingMx;
    }

    public long failedSessions() {
        return failedSessions;
    }

    /** The result types met there, sorted. */
    public List<String> resultTypes() {
        return resultTypes;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ReceivingMxFigures)) {
            return false;
        }
        ReceivingMxFigures that = (ReceivingMxFigures) other;
        return receivingMx.equals(that.receivingMx) && failedSessions == that.failedSessions
                && resultTypes.equals(that.resultTypes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(receivingMx, failedSessions, resultTypes);
    }

    @Override
    public String toString() {
        return receivingMx + ": " + failedSessions + " failed " + resultTypes;
    }
}
