package dev.mtasts.james.routing;

import dev.mtasts.cache.CachedPolicy;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one delivery attempt does, as {@link LaneDecision} says. Closed: the only implementations are the nested
 * classes, and callers handle each one.
 */
public interface LaneVerdict {

    /** Go on with the attempt in this lane; with a policy, only to the MX hosts it permits (RFC 8461 §4.1). */
    final class Deliver implements LaneVerdict {
        private final Optional<CachedPolicy> mxFilter;

        Deliver(Optional<CachedPolicy> mxFilter) {
            this.mxFilter = Objects.requireNonNull(mxFilter, "mxFilter");
        }

        /** The policy whose {@code mx} patterns the MX hosts must match; empty: every MX host DNS gives. */
        public Optional<CachedPolicy> mxFilter() {
            return mxFilter;
        }

        @Override
        public String toString() {
            return "deliver" + mxFilter.map(policy -> " to the MX hosts of policy " + policy.id()).orElse("");
        }
    }

    /** Leave this lane for {@code lane}'s queue after {@code delay}, without counting a retry. */
    final class Move implements LaneVerdict {
        private final DeliveryRoute lane;
        private final Duration delay;
        private final String reason;

        Move(DeliveryRoute lane, Duration delay, String reason) {
            this.lane = Objects.requireNonNull(lane, "lane");
            this.delay = Objects.requireNonNull(delay, "delay");
            this.reason = Objects.requireNonNull(reason, "reason");
        }

        public DeliveryRoute lane() {
            return lane;
        }

        public Duration delay() {
            return delay;
        }

        public String reason() {
            return reason;
        }

        @Override
        public String toString() {
            return "move to the " + lane + " lane" + (delay.isZero() ? "" : " in " + delay) + ": " + reason;
        }
    }

    /** A temporary failure: retried on the lane's normal schedule. */
    final class Defer implements LaneVerdict {
        private final String reason;

        Defer(String reason) {
            this.reason = Objects.requireNonNull(reason, "reason");
        }

        public String reason() {
            return reason;
        }

        @Override
        public String toString() {
            return "defer: " + reason;
        }
    }

    /** A permanent failure: bounced to the sender with {@code reason}. */
    final class Bounce implements LaneVerdict {
        private final String reason;

        Bounce(String reason) {
            this.reason = Objects.requireNonNull(reason, "reason");
        }

        public String reason() {
            return reason;
        }

        @Override
        public String toString() {
            return "bounce: " + reason;
        }
    }
}
