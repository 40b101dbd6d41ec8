package dev.mtasts.james.config;

import java.util.Locale;
import java.util.Optional;

/**
 * What the matcher and the delivery mailet do when the {@code _mta-sts} TXT lookup fails temporarily and nothing is
 * cached: the domain may or may not have a policy.
 */
public enum LookupFailureAction {
    /**
     * Treat the domain as an enforce domain: the matcher matches it, the mailet defers the message until the lookup
     * answers. The safe choice: a resolver failure (or an attacker blocking DNS) never downgrades delivery.
     */
    ENFORCE("enforce"),
    /** Treat the domain as having no policy: deliver as James would without the extension. */
    NO_POLICY("no-policy");

    private final String configName;

    LookupFailureAction(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<LookupFailureAction> fromConfigName(String value) {
        String lower = value.trim().toLowerCase(Locale.ROOT);
        for (LookupFailureAction action : values()) {
            if (action.configName.equals(lower)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
