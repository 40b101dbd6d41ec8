package dev.mtasts.report;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The counts of one hour, for one domain or for all.
 *
 * @param domain    the policy domain; empty for the counts over all domains
 * @param epochHour hours since 1970-01-01T00:00Z
 */
public record HourlyCounts(Optional<String> domain, long epochHour, DeliveryCounts counts) {

    public HourlyCounts {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(counts, "counts");
    }

    public Instant start() {
        return Instant.ofEpochSecond(epochHour * 3600);
    }
}
