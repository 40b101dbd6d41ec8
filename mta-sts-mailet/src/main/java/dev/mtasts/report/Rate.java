package dev.mtasts.report;

import java.util.Objects;
import java.util.OptionalDouble;

/** {@code succeeded} out of {@code total}. */
public final class Rate {

    private final long succeeded;
    private final long total;

    public Rate(long succeeded, long total) {
        if (succeeded < 0 || total < succeeded) {
            throw new IllegalArgumentException("not a rate: " + succeeded + "/" + total);
        }
        this.succeeded = succeeded;
        this.total = total;
    }

    public long succeeded() {
        return succeeded;
    }

    public long total() {
        return total;
    }

    /** {@code succeeded / total}, between 0 and 1; empty when there was nothing to count. */
    public OptionalDouble ratio() {
        return total == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) succeeded / total);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Rate && succeeded == ((Rate) other).succeeded && total == ((Rate) other).total;
    }

    @Override
    public int hashCode() {
        return Objects.hash(succeeded, total);
    }

    @Override
    public String toString() {
        return succeeded + "/" + total;
    }
}
