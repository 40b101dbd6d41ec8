package dev.mtasts.report;

import java.util.OptionalDouble;

/** {@code succeeded} out of {@code total}. */
public record Rate(long succeeded, long total) {

    public Rate {
        if (succeeded < 0 || total < succeeded) {
            throw new IllegalArgumentException("not a rate: " + succeeded + "/" + total);
        }
    }

    /** {@code succeeded / total}, between 0 and 1; empty when there was nothing to count. */
    public OptionalDouble ratio() {
        return total == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) succeeded / total);
    }

    @Override
    public String toString() {
        return succeeded + "/" + total;
    }
}
