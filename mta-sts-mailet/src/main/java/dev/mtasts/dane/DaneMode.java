package dev.mtasts.dane;

import java.util.Optional;

/** {@code dane.enabled} in {@code mta-sts.properties}: when DANE is applied. */
public enum DaneMode {
    /** DANE when the resolver validates; otherwise inactive, and the health check stays healthy. */
    AUTO("auto"),
    /** DANE required: the health check is degraded while the resolver does not validate. */
    REQUIRED("true"),
    /** No DANE. */
    OFF("false");

    private final String configName;

    DaneMode(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<DaneMode> fromConfigName(String value) {
        for (DaneMode mode : values()) {
            if (mode.configName.equalsIgnoreCase(value.trim())) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return configName;
    }
}
