package dev.mtasts.james.config;

import java.util.Locale;
import java.util.Optional;

/** What happens to a message for an enforce domain when no MX passes the policy's checks (RFC 8461 §5). */
public enum FailureAction {
    /**
     * A temporary failure: retried on RemoteDelivery's schedule, bounced with the MTA-STS cause after the last
     * retry. What RFC 8461 §5 asks for.
     */
    DEFER("defer"),
    /** Bounced at once, with the MTA-STS cause (after the TXT record is re-checked, RFC 8461 §5.1). */
    REJECT("reject");

    private final String configName;

    FailureAction(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<FailureAction> fromConfigName(String value) {
        String lower = value.trim().toLowerCase(Locale.ROOT);
        for (FailureAction action : values()) {
            if (action.configName.equals(lower)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
