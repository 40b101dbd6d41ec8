package dev.mtasts.report;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The operators' figures over a window, over all domains and per policy domain. */
public final class DeliveryReport {

    private final Instant since;
    private final Instant until;
    private final DeliveryFigures overall;
    private final Map<String, DeliveryFigures> domains;

    public DeliveryReport(Instant since, Instant until, DeliveryFigures overall, Map<String, DeliveryFigures> domains) {
        this.since = Objects.requireNonNull(since, "since");
        this.until = Objects.requireNonNull(until, "until");
        this.overall = Objects.requireNonNull(overall, "overall");
        this.domains = Collections.unmodifiableMap(new TreeMap<>(domains));
    }

    /** The window's start, as asked; counts are kept per hour, so the hour that contains it counts whole. */
    public Instant since() {
        return since;
    }

    /** When the report was made. */
    public Instant until() {
        return until;
    }

    /** The figures over all domains. */
    public DeliveryFigures overall() {
        return overall;
    }

    /** The figures per policy domain with anything counted in the window, by domain name. */
    public Map<String, DeliveryFigures> domains() {
        return domains;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof DeliveryReport)) {
            return false;
        }
        DeliveryReport that = (DeliveryReport) other;
        return since.equals(that.since) && until.equals(that.until) && overall.equals(that.overall)
                && domains.equals(that.domains);
    }

    @Override
    public int hashCode() {
        return Objects.hash(since, until, overall, domains);
    }
}
