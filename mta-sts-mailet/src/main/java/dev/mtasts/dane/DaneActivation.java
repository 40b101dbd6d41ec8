package dev.mtasts.dane;

import dev.mtasts.dns.ResolverValidation;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether DANE is applied, from {@code dane.enabled} and the resolver's validation probe (RFC 7672 §2.1: DANE
 * needs a validating resolver). A pure function of the two:
 *
 * <table>
 *   <caption>dane.enabled × resolver</caption>
 *   <tr><th>mode</th><th>validates</th><th>does not validate</th></tr>
 *   <tr><td>{@code auto}</td><td>active</td><td>inactive, healthy</td></tr>
 *   <tr><td>{@code true}</td><td>active</td><td>inactive, health degraded with the reason</td></tr>
 *   <tr><td>{@code false}</td><td>inactive</td><td>inactive</td></tr>
 * </table>
 */
public final class DaneActivation {

    private final DaneMode mode;
    private final boolean active;
    private final Optional<String> degraded;
    private final String detail;

    private DaneActivation(DaneMode mode, boolean active, Optional<String> degraded, String detail) {
        this.mode = mode;
        this.active = active;
        this.degraded = degraded;
        this.detail = detail;
    }

    public static DaneActivation of(DaneMode mode, ResolverValidation validation) {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(validation, "validation");
        switch (mode) {
            case OFF:
                return new DaneActivation(mode, false, Optional.empty(), "DANE is off (dane.enabled=false)");
            case REQUIRED:
                return validation.validating()
                        ? new DaneActivation(mode, true, Optional.empty(), "DANE is active: " + validation.detail())
                        : new DaneActivation(mode, false, Optional.of("DANE is required (dane.enabled=true) but "
                                + validation.detail()), "DANE is inactive: " + validation.detail());
            default:
                return validation.validating()
                        ? new DaneActivation(mode, true, Optional.empty(), "DANE is active: " + validation.detail())
                        : new DaneActivation(mode, false, Optional.empty(), "DANE is inactive (dane.enabled=auto): "
                                + validation.detail());
        }
    }

    public static DaneActivation off() {
        return new DaneActivation(DaneMode.OFF, false, Optional.empty(), "DANE is off (dane.enabled=false)");
    }

    public DaneMode mode() {
        return mode;
    }

    /** Whether DANE is applied to deliveries now. */
    public boolean active() {
        return active;
    }

    /** Why the health check is degraded, if it is. */
    public Optional<String> degraded() {
        return degraded;
    }

    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return detail;
    }
}
