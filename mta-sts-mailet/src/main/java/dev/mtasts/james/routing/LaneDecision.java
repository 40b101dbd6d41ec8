package dev.mtasts.james.routing;

import dev.mtasts.cache.CachedPolicy;
import dev.mtasts.james.config.LookupFailureAction;
import dev.mtasts.policy.Mode;
import dev.mtasts.service.PolicyLookup;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one decision of a delivery attempt: deliver in this lane, move to another, defer or bounce — from the lane the
 * message is in, its domain's policy lookup and the {@link AttemptFacts}. Pure: no I/O, no clock, no James type; the
 * James wrappers collect the facts and carry the verdict out.
 *
 * <p>What a reader would get wrong: a move is not a retry (the message did not fail), so without a bound a lookup
 * that keeps changing its answer (DNS flapping between SERVFAIL and NXDOMAIN with nothing cached) would move a message
 * between lanes for ever. Moves are counted on the message: past {@link #maxMoves} the message stays where it is and
 * is deferred on the normal schedule, or bounced on its last attempt; a move on the last attempt waits the retry
 * delay first.
 */
public final class LaneDecision {

    /** Moves a message may make between lanes in its life; more means the policy lookup keeps changing. */
    public static final int DEFAULT_MAX_MOVES = 4;

    private final LookupFailureAction lookupFailureAction;
    private final int maxMoves;

    public LaneDecision(LookupFailureAction lookupFailureAction, int maxMoves) {
        this.lookupFailureAction = Objects.requireNonNull(lookupFailureAction, "lookupFailureAction");
        if (maxMoves < 0) {
            throw new IllegalArgumentException("maxMoves cannot be negative: " + maxMoves);
        }
        this.maxMoves = maxMoves;
    }

    public LaneDecision(LookupFailureAction lookupFailureAction) {
        this(lookupFailureAction, DEFAULT_MAX_MOVES);
    }

    public int maxMoves() {
        return maxMoves;
    }

    /**
     * The mode that governs delivery: the policy's mode, nothing for no policy (mode none is reported as no policy,
     * RFC 8461 §5), and for an unanswered lookup whatever {@link LookupFailureAction} says.
     */
    public Optional<Mode> modeOf(PolicyLookup lookup) {
        if (lookup instanceof PolicyLookup.Applicable) {
            Mode mode = ((PolicyLookup.Applicable) lookup).cached().policy().mode();
            return mode == Mode.NONE ? Optional.empty() : Optional.of(mode);
        }
        if (lookup instanceof PolicyLookup.TemporaryFailure) {
            return lookupFailureAction == LookupFailureAction.ENFORCE ? Optional.of(Mode.ENFORCE) : Optional.empty();
        }
        return Optional.empty();
    }

    /** The lane a lookup calls for. */
    public DeliveryRoute laneOf(PolicyLookup lookup) {
        return modeOf(lookup)
            .map(mode -> mode == Mode.ENFORCE ? DeliveryRoute.ENFORCE : DeliveryRoute.TESTING)
            .orElse(DeliveryRoute.STANDARD);
    }

    /**
     * What the attempt of a message in {@code lane} does, given its domain's {@code lookup} and what DANE says
     * ({@link AttemptFacts#dane()}): a domain with a DANE host belongs in the DANE lane, whatever its MTA-STS mode
     * (RFC 8461 §2: MTA-STS never overrides DANE); the DANE lane applies MTA-STS per MX host too.
     */
    public LaneVerdict decide(DeliveryRoute lane, PolicyLookup lookup, AttemptFacts facts) {
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(lookup, "lookup");
        Objects.requireNonNull(facts, "facts");
        if (lane == DeliveryRoute.STANDARD && facts.tlsRequiredNo()) {
            // RFC 8689 §4.1, RFC 8460 §5.3: the sender asked for delivery even where MTA-STS or DANE fails.
            return deliverToAnyMx();
        }
        if (facts.dane() == DaneFact.MX_UNANSWERED) {
            // RFC 7672 §2.2.1: a bogus or failed MX answer is a temporary failure for the domain, in every lane.
            return failure(facts, "the DNSSEC lookup of the MX records failed: " + facts.daneDetail());
        }
        DeliveryRoute wanted = facts.dane() == DaneFact.HOSTS ? DeliveryRoute.DANE : laneOf(lookup);
        if (wanted == DeliveryRoute.TESTING && lane == DeliveryRoute.STANDARD && facts.testingFallback()) {
            // RFC 8461 §5: a testing policy never stops delivery; the testing lane could not complete a handshake.
            return deliverToAnyMx();
        }
        if (wanted == lane) {
            return inPlace(lane, lookup, facts);
        }
        String why = wanted == DeliveryRoute.DANE
            ? "an MX host is held to DANE (RFC 7672 §2.2), which calls for the dane lane, not " + lane + " ("
                + describe(lookup) + ")"
            : "the policy lookup (" + describe(lookup) + ") calls for the " + wanted + " lane, not " + lane
                + (lane == DeliveryRoute.DANE ? " (no MX host is held to DANE any more)" : "");
        if (facts.movesSoFar() < maxMoves) {
            // A move on the last attempt waits: it gives the policy time to settle before the next last attempt.
            return new LaneVerdict.Move(wanted, facts.lastAttempt() ? facts.retryDelay() : Duration.ZERO, why);
        }
        String stuck = why + "; the message already moved " + facts.movesSoFar() + " times between lanes (at most "
            + maxMoves + "): the lookup keeps changing";
        if (!authenticates(lane) && !authenticates(wanted)) {
            // Neither lane enforces anything: delivering here is what either would do (RFC 8461 §5).
            return deliverToAnyMx();
        }
        // RFC 8461 §5, RFC 7672 §2.2: never deliver an enforce or DANE domain less strictly, nor a message of a lane
        // that authenticates its MX hosts without what that lane checks.
        return failure(facts, stuck);
    }

    private static boolean authenticates(DeliveryRoute lane) {
        return lane == DeliveryRoute.ENFORCE || lane == DeliveryRoute.DANE;
    }

    /**
     * What an attempt that failed leads to, when James puts the message back for a retry:
     * <ul>
     *     <li>the testing lane could not complete any TLS handshake (no certificate was even shown, e.g. an MX that
     *     speaks no TLS 1.2): move to the standard lane, marked so it stays there (RFC 8461 §5: a testing policy
     *     never stops delivery);</li>
     *     <li>the enforce or DANE lane failed on the policy or the TLSA records and {@code failureAction=reject}: bounce
     *     at once — for a policy, once RFC 8461 §5.1's re-check confirms the policy that failed it, which is for
     *     the caller to carry out, as it reads DNS;</li>
     *     <li>anything else: defer, retried on the lane's schedule.</li>
     * </ul>
     */
    public LaneVerdict afterFailure(DeliveryRoute lane, FailedAttempt failed) {
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(failed, "failed");
        if (lane == DeliveryRoute.TESTING && failed.handshakeFailedBeforeCertificate()) {
            return new LaneVerdict.Move(DeliveryRoute.STANDARD, Duration.ZERO, "no TLS handshake with any MX of a"
                + " testing domain got as far as a certificate: delivered as though the domain had no policy");
        }
        if (lane == DeliveryRoute.ENFORCE && failed.failedOnPolicy() && failed.rejectAtOnce()) {
            return new LaneVerdict.Bounce("no MX host passed the checks of the enforced policy (failureAction=reject)");
        }
        if (lane == DeliveryRoute.DANE && failed.failedOnPolicy() && failed.rejectAtOnce()) {
            return new LaneVerdict.Bounce("no MX host passed the checks DANE and its policy demand"
                + " (failureAction=reject)");
        }
        return new LaneVerdict.Defer("the attempt failed; retried on the lane's schedule");
    }

    private LaneVerdict inPlace(DeliveryRoute lane, PolicyLookup lookup, AttemptFacts facts) {
        if (lane == DeliveryRoute.DANE) {
            if (modeOf(lookup).orElse(Mode.NONE) == Mode.ENFORCE && !(lookup instanceof PolicyLookup.Applicable)) {
                // delivery.lookupFailure=enforce: the MX hosts without DANE could not be held to the policy.
                return failure(facts, "the policy could not be looked up (" + describe(lookup)
                    + "), so the MX hosts could not be checked against it");
            }
            // The DANE lane tries the MX hosts its plan keeps, each under its own TLS demand (RFC 7672 §2.2).
            return deliverToAnyMx();
        }
        if (lane != DeliveryRoute.ENFORCE) {
            return deliverToAnyMx();
        }
        if (lookup instanceof PolicyLookup.Applicable) {
            // RFC 8461 §4.1: only MX hosts the policy permits.
            return new LaneVerdict.Deliver(Optional.of(((PolicyLookup.Applicable) lookup).cached()));
        }
        // RFC 8461 §5: with the lookup unanswered and delivery.lookupFailure=enforce, fail closed and keep trying;
        // RFC 8461 §5.1: the last attempt re-read the TXT record, so this is as far as it goes.
        return failure(facts, "the policy could not be looked up (" + describe(lookup)
            + "), so no MX host could be checked");
    }

    private static LaneVerdict failure(AttemptFacts facts, String reason) {
        return facts.lastAttempt() ? new LaneVerdict.Bounce(reason) : new LaneVerdict.Defer(reason);
    }

    private static LaneVerdict deliverToAnyMx() {
        return new LaneVerdict.Deliver(Optional.empty());
    }

    private static String describe(PolicyLookup lookup) {
        if (lookup instanceof PolicyLookup.Applicable) {
            CachedPolicy cached = ((PolicyLookup.Applicable) lookup).cached();
            return "policy id " + cached.id() + ", mode " + cached.policy().mode().wireName();
        }
        if (lookup instanceof PolicyLookup.TemporaryFailure) {
            return "unanswered: " + ((PolicyLookup.TemporaryFailure) lookup).detail();
        }
        return "no policy: " + ((PolicyLookup.NoPolicy) lookup).detail();
    }
}
