package dev.mtasts.report;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The counts of one hour, for one domain or for all. */
public final class HourlyCounts {

    private final Optional<String> domain;
    private final long epochHour;
    private final DeliveryCounts counts;

    public HourlyCounts(Optional<String> domain, long epochHour, DeliveryCounts counts) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.epochHour = epochHour;
        this.counts = Objects.requireNonNull(counts, "counts");
    }

    /** The policy domain; empty for the counts over all domains. */
    public Optional<String> domain() {
        return domain;
    }

    /** Hours since 1970-01-01T00:00Z. */
    public long epochHour() {
        return epochHour;
    }

    public DeliveryCounts counts() {
        return counts;
    }

    public Instant start() {
        return Instant.ofEpochSecond(epochHour * 3600);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof HourlyCounts)) {
            return false;
        }
        HourlyCounts that = (HourlyCounts) other;
        return domain.equals(that.domain) && epochHour == that.epochHour && counts.equals(that.counts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, epochHour, counts);
    }
}
