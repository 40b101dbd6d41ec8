package dev.mtasts.report;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The operators' figures over a window, over all domains and per policy domain.
 *
 * @param since   the window's start, as asked; counts are kept per hour, so the hour that contains it counts whole
 * @param until   when the report was made
 * @param overall the figures over all domains
 * @param domains the figures per policy domain with anything counted in the window, by domain name
 */
public record DeliveryReport(Instant since, Instant until, DeliveryFigures overall,
                             Map<String, DeliveryFigures> domains) {

    public DeliveryReport {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(overall, "overall");
        domains = Collections.unmodifiableMap(new TreeMap<>(domains));
    }
}
