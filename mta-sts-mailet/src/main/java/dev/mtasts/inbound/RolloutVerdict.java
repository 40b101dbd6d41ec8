package dev.mtasts.inbound;

/** What {@link RolloutAdvice} says about switching a domain's policy to {@code enforce} (RFC 8461 §5). */
public enum RolloutVerdict {
    /** Mode {@code testing} and every rule holds. */
    READY_TO_ENFORCE("ready-to-enforce"),
    /** Mode {@code testing} and at least one rule fails; the reasons name each. */
    NOT_READY("not-ready"),
    /** Mode {@code testing} and no report about the domain yet. */
    NO_DATA("no-data"),
    /** The policy is in mode {@code enforce} already. */
    ALREADY_ENFORCED("already-enforced"),
    /** No usable policy is published, or its mode is {@code none}. */
    NO_POLICY("no-policy");

    private final String code;

    RolloutVerdict(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
