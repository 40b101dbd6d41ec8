package dev.mtasts.dane;

import dev.mtasts.dns.ResolverValidation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** dane.enabled × whether the resolver validates (RFC 7672 §2.1). */
class DaneActivationTest {

    @ParameterizedTest(name = "dane.enabled={0}, validates={1}: active {2}, degraded {3}")
    @CsvSource({
            "AUTO, true, true, false",
            "AUTO, false, false, false",
            "REQUIRED, true, true, false",
            "REQUIRED, false, false, true",
            "OFF, true, false, false",
            "OFF, false, false, false",
    })
    void activation(DaneMode mode, boolean validates, boolean active, boolean degraded) {
        ResolverValidation validation = validates ? ResolverValidation.validating("AD")
                : ResolverValidation.notValidating("no AD");

        DaneActivation activation = DaneActivation.of(mode, validation);

        assertThat(activation.active()).isEqualTo(active);
        assertThat(activation.degraded().isPresent()).isEqualTo(degraded);
    }

    @Test
    void theResolverIsProbedOncePerIntervalAndChangesAreHeardOnce() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        AtomicBoolean validates = new AtomicBoolean(false);
        AtomicInteger probes = new AtomicInteger();
        List<DaneActivation> changes = new ArrayList<>();
        DaneState state = new DaneState(DaneMode.AUTO, () -> {
            probes.incrementAndGet();
            return validates.get() ? ResolverValidation.validating("AD") : ResolverValidation.notValidating("no AD");
        }, clock, Duration.ofMinutes(5), changes::add);

        assertThat(state.lastKnown().active()).isFalse();
        assertThat(probes).hasValue(0);
        assertThat(state.active()).isFalse();
        validates.set(true);
        assertThat(state.active()).isFalse();
        now.set(now.get().plus(Duration.ofMinutes(5)));
        assertThat(state.active()).isTrue();
        assertThat(state.lastKnown().active()).isTrue();
        now.set(now.get().plus(Duration.ofMinutes(5)));
        assertThat(state.active()).isTrue();

        assertThat(probes).hasValue(3);
        assertThat(changes).extracting(DaneActivation::active).containsExactly(false, true);
    }

    @Test
    void offNeverProbes() {
        DaneState state = new DaneState(DaneMode.OFF, () -> {
            throw new AssertionError("probed");
        }, Clock.systemUTC(), Duration.ofMinutes(5), activation -> { });

        assertThat(state.active()).isFalse();
        assertThat(state.lastKnown().detail()).contains("dane.enabled=false");
    }

    @Test
    void aFailingProbeIsNotValidating() {
        DaneState state = new DaneState(DaneMode.REQUIRED, () -> {
            throw new IllegalStateException("boom");
        }, Clock.systemUTC(), Duration.ofMinutes(5), activation -> { });

        assertThat(state.current().degraded()).get().asString().contains("boom");
    }
}
