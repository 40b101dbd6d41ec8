package dev.mtasts.james.metrics;

import dev.mtasts.dane.DaneState;
import org.apache.james.metrics.api.GaugeRegistry;

import com.google.inject.Inject;

/**
 * The gauge {@value #DANE_ACTIVE}: 1 while DANE is applied (the resolver validates and {@code dane.enabled} is not
 * false), else 0. Read from the last probe: reading it never waits for DNS.
 */
public final class DaneGauge {

    public static final String DANE_ACTIVE = "mtasts.dane.active";

    @Inject
    public DaneGauge(GaugeRegistry gauges, DaneState dane) {
        gauges.register(DANE_ACTIVE, () -> dane.lastKnown().active() ? 1 : 0);
    }
}
