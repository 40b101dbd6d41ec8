package dev.mtasts.dane;

import dev.mtasts.dns.ResolverValidation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The current {@link DaneActivation}: the resolver is probed at most once per {@code reprobeInterval} (so a
 * resolver that starts validating later is noticed, and one that stops is too), and {@code changes} hears each
 * change once (the glue logs it). With {@link DaneMode#OFF} the resolver is never probed.
 */
public final class DaneState {

    public static final Duration DEFAULT_REPROBE_INTERVAL = Duration.ofMinutes(5);

    private final DaneMode mode;
    private final Supplier<ResolverValidation> probe;
    private final Clock clock;
    private final Duration reprobeInterval;
    private final Consumer<DaneActivation> changes;
    private DaneActivation current;
    private Instant probedAt;

    public DaneState(DaneMode mode, Supplier<ResolverValidation> probe, Clock clock, Duration reprobeInterval,
            Consumer<DaneActivation> changes) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reprobeInterval = Objects.requireNonNull(reprobeInterval, "reprobeInterval");
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    /** DANE off: never probes. */
    public static DaneState off() {
        return new DaneState(DaneMode.OFF, () -> ResolverValidation.notValidating("not probed"), Clock.systemUTC(),
                DEFAULT_REPROBE_INTERVAL, activation -> { });
    }

    public DaneMode mode() {
        return mode;
    }

    /** The activation now, probing the resolver first if the last probe is older than the interval. */
    public DaneActivation current() {
        if (mode == DaneMode.OFF) {
            return DaneActivation.off();
        }
        Instant now = clock.instant();
        synchronized (this) {
            if (current != null && now.isBefore(probedAt.plus(reprobeInterval))) {
                return current;
            }
        }
        ResolverValidation validation;
        try {
            validation = probe.get();
        } catch (RuntimeException e) {
            validation = ResolverValidation.notValidating("the validation probe failed: " + e);
        }
        DaneActivation activation = DaneActivation.of(mode, validation);
        DaneActivation previous;
        synchronized (this) {
            previous = current;
            current = activation;
            probedAt = now;
        }
        if (previous == null || previous.active() != activation.active()) {
            changes.accept(activation);
        }
        return activation;
    }

    /**
     * The activation as last probed, without probing (for a gauge read on a metrics thread); inactive before the
     * first probe.
     */
    public DaneActivation lastKnown() {
        if (mode == DaneMode.OFF) {
            return DaneActivation.off();
        }
        synchronized (this) {
            return current != null ? current
                    : DaneActivation.of(mode, ResolverValidation.notValidating("the resolver has not been probed yet"));
        }
    }

    /** Whether DANE applies now (see {@link #current()}). */
    public boolean active() {
        return current().active();
    }
}
