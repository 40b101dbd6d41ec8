package dev.mtasts.james.metrics;

import dev.mtasts.dane.DaneMode;
import dev.mtasts.dane.DaneState;
import dev.mtasts.dns.ResolverValidation;
import org.apache.james.metrics.api.Gauge;
import org.apache.james.metrics.api.GaugeRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code mtasts.dane.active}: 1 while DANE applies, read without probing. */
class DaneGaugeTest {

    private final Map<String, Gauge<?>> gauges = new HashMap<>();
    private final GaugeRegistry registry = new GaugeRegistry() {
        @Override
        public <T> GaugeRegistry register(String name, Gauge<T> gauge) {
            gauges.put(name, gauge);
            return this;
        }

        @Override
        public <T> SettableGauge<T> settableGauge(String name) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void oneWhileDaneIsActive() {
        DaneState state = new DaneState(DaneMode.AUTO, () -> ResolverValidation.validating("AD"), Clock.systemUTC(),
            Duration.ofMinutes(5), activation -> { });
        new DaneGauge(registry, state);

        assertThat(gauges.get("mtasts.dane.active").get()).isEqualTo(0);
        state.current();
        assertThat(gauges.get("mtasts.dane.active").get()).isEqualTo(1);
    }

    @Test
    void zeroWhenTheResolverDoesNotValidate() {
        DaneState state = new DaneState(DaneMode.REQUIRED, () -> ResolverValidation.notValidating("no AD"),
            Clock.systemUTC(), Duration.ofMinutes(5), activation -> { });
        new DaneGauge(registry, state);
        state.current();

        assertThat(gauges.get(DaneGauge.DANE_ACTIVE).get()).isEqualTo(0);
    }
}
