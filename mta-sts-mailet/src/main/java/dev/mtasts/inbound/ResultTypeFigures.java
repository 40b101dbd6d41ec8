package dev.mtasts.inbound;

import java.util.Objects;

/** One line of a summary's {@code byResultType}: failed sessions of one RFC 8460 §4.3 result type. */
public final class ResultTypeFigures {

    private final String resultType;
    private final long sessions;

    public ResultTypeFigures(String resultType, long sessions) {
        this.resultType = Objects.requireNonNull(resultType, "resultType");
        this.sessions = sessions;
    }

    public String resultType() {
        return resultType;
    }

    public long sessions() {
        return sessions;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ResultTypeFigures)) {
            return false;
        }
        ResultTypeFigures that = (ResultTypeFigures) other;
        return resultType.equals(that.resultType) && sessions == that.sessions;
    }

    @Override
    public int hashCode() {
        return Objects.hash(resultType, sessions);
    }

    @Override
    public String toString() {
        return resultType + " x" + sessions;
    }
}
