package dev.mtasts.james.config;

import dev.mtasts.dane.DaneMode;

import java.util.Objects;

/**
 * {@code dane.enabled} ({@code auto}, {@code true}, {@code false}) and {@code dane.validationProbe}: the name
 * whose SOA must come back with the AD bit for the resolver ({@code dns.servers}) to count as validating.
 */
public final class DaneSettings {

    private final DaneMode mode;
    private final String validationProbe;

    public DaneSettings(DaneMode mode, String validationProbe) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.validationProbe = Objects.requireNonNull(validationProbe, "validationProbe");
    }

    public DaneMode mode() {
        return mode;
    }

    public String validationProbe() {
        return validationProbe;
    }

    @Override
    public String toString() {
        return "DaneSettings[enabled=" + mode + ", validationProbe=" + validationProbe + "]";
    }
}
