package dev.mtasts.dane;

import dev.mtasts.policy.Mode;

import java.util.Objects;

/** What the MTA-STS policy of the next-hop domain says about one MX host: its mode, and whether it lists the host. */
public final class StsFacts {

    private static final StsFacts NONE = new StsFacts(Mode.NONE, false);

    private final Mode mode;
    private final boolean hostInPolicy;

    private StsFacts(Mode mode, boolean hostInPolicy) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.hostInPolicy = hostInPolicy;
    }

    /** No policy, or a policy in mode {@code none}. */
    public static StsFacts none() {
        return NONE;
    }

    /** A policy in {@code mode}; {@code hostInPolicy} whether one of its mx patterns matches the host (RFC 8461 §4.1). */
    public static StsFacts of(Mode mode, boolean hostInPolicy) {
        return mode == Mode.NONE ? NONE : new StsFacts(mode, hostInPolicy);
    }

    /** The facts of {@code host} under {@code policy} (RFC 8461 §4.1 matching), or none without a policy. */
    public static StsFacts of(java.util.Optional<dev.mtasts.policy.Policy> policy, String host) {
        return policy.map(p -> of(p.mode(), p.permits(host))).orElse(NONE);
    }

    public Mode mode() {
        return mode;
    }

    public boolean hostInPolicy() {
        return hostInPolicy;
    }

    @Override
    public String toString() {
        return mode == Mode.NONE ? "no MTA-STS" : "MTA-STS " + mode.wireName() + (hostInPolicy ? ", host listed" : ", host not listed");
    }
}
