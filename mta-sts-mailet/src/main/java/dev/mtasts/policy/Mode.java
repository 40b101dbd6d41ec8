package dev.mtasts.policy;

import java.util.Optional;

/** A policy's {@code mode} (RFC 8461 §3.2, §5). */
public enum Mode {
    /** Deliver only to a matching MX over validated TLS. */
    ENFORCE("enforce"),
    /** Deliver as usual, report what would have failed. */
    TESTING("testing"),
    /** As though there were no policy. */
    NONE("none");

    private final String wireName;

    Mode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Matched exactly: RFC 8461 §3.2 spells the values in lower case, and a policy that does not is rejected, not guessed at. */
    public static Optional<Mode> fromWireName(String value) {
        for (Mode mode : values()) {
            if (mode.wireName.equals(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
