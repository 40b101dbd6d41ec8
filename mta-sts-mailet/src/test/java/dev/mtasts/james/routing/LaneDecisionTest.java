package dev.mtasts.james.routing;

import dev.mtasts.cache.CachedPolicy;
import dev.mtasts.james.config.LookupFailureAction;
import dev.mtasts.policy.Mode;
import dev.mtasts.policy.MxPattern;
import dev.mtasts.policy.Policy;
import dev.mtasts.service.PolicyLookup;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.mtasts.james.routing.DeliveryRoute.DANE;
import static dev.mtasts.james.routing.DeliveryRoute.ENFORCE;
import static dev.mtasts.james.routing.DeliveryRoute.STANDARD;
import static dev.mtasts.james.routing.DeliveryRoute.TESTING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lane decision, row by row: RFC 8461 §5 (a testing policy never stops delivery, an enforce policy never lets a
 * message go to an MX it does not permit, mode none is no policy), §5.1 (the last attempt), RFC 8689 §4.1
 * ({@code TLS-Required: No}), RFC 7672 §2.2 (a domain with a DANE host takes the DANE lane, a bogus MX answer is a
 * temporary failure), and the bound on moves.
 */
class LaneDecisionTest {

    private static final Duration RETRY_DELAY = Duration.ofMinutes(7);
    private static final int MAX_MOVES = 3;

    private static final PolicyLookup ENFORCE_POLICY = applicable(Mode.ENFORCE);
    private static final PolicyLookup TESTING_POLICY = applicable(Mode.TESTING);
    private static final PolicyLookup NONE_POLICY = PolicyLookup.noPolicy("policy mode is none (id n1)",
        Optional.empty());
    private static final PolicyLookup NO_RECORD = PolicyLookup.noPolicy("NXDOMAIN", Optional.empty());
    private static final PolicyLookup UNANSWERED = PolicyLookup.temporaryFailure("SERVFAIL");

    /** One row: the lane, the lookup, the facts, the lookup-failure setting and the verdict expected. */
    record Row(String name, DeliveryRoute lane, PolicyLookup lookup, UnaryOperator<AttemptFacts> facts,
               LookupFailureAction onLookupFailure, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Row row(String name, DeliveryRoute lane, PolicyLookup lookup, UnaryOperator<AttemptFacts> facts,
                           String expected) {
        return new Row(name, lane, lookup, facts, LookupFailureAction.ENFORCE, expected);
    }

    private static UnaryOperator<AttemptFacts> first() {
        return facts -> facts;
    }

    private static UnaryOperator<AttemptFacts> last() {
        return facts -> facts.withRetries(5, true);
    }

    private static UnaryOperator<AttemptFacts> moves(int moves, boolean lastAttempt) {
        return facts -> facts.withRetries(lastAttempt ? 5 : 1, lastAttempt).withMoves(moves);
    }

    static Stream<Row> rows() {
        return Stream.of(
            // RFC 8461 §5: each lane delivers the mail its policy calls for.
            row("standard lane, no record: deliver to any MX", STANDARD, NO_RECORD, first(), "deliver any"),
            row("standard lane, mode none: deliver to any MX", STANDARD, NONE_POLICY, first(), "deliver any"),
            row("testing lane, testing policy: deliver to any MX (never stops delivery)", TESTING, TESTING_POLICY,
                first(), "deliver any"),
            row("enforce lane, enforce policy: deliver to the policy's MX hosts only (§4.1)", ENFORCE,
                ENFORCE_POLICY, first(), "deliver e1"),
            row("enforce lane, enforce policy, last attempt: still deliver (§5.1 re-check passed)", ENFORCE,
                ENFORCE_POLICY, last(), "deliver e1"),
            // A policy that changed moves the message, with no delay and no retry counted.
            row("standard lane, enforce policy: move to enforce", STANDARD, ENFORCE_POLICY, first(),
                "move enforce PT0S"),
            row("standard lane, testing policy: move to testing", STANDARD, TESTING_POLICY, first(),
                "move testing PT0S"),
            row("testing lane, enforce policy: move to enforce", TESTING, ENFORCE_POLICY, first(),
                "move enforce PT0S"),
            row("testing lane, no record: move to standard", TESTING, NO_RECORD, first(), "move standard PT0S"),
            row("enforce lane, testing policy: move to testing", ENFORCE, TESTING_POLICY, first(),
                "move testing PT0S"),
            row("enforce lane, mode none: move to standard (§5: none is no policy)", ENFORCE, NONE_POLICY, first(),
                "move standard PT0S"),
            row("enforce lane, no record: move to standard", ENFORCE, NO_RECORD, first(), "move standard PT0S"),
            // RFC 8461 §5.1: on the last attempt a move waits the retry delay, so a flapping lookup cannot spin.
            row("enforce lane, no record, last attempt: move after the retry delay", ENFORCE, NO_RECORD, last(),
                "move standard PT7M"),
            row("standard lane, enforce policy, last attempt: move after the retry delay", STANDARD, ENFORCE_POLICY,
                last(), "move enforce PT7M"),
            // An unanswered lookup with delivery.lookupFailure=enforce: fail closed (RFC 8461 §5).
            row("standard lane, lookup unanswered: move to enforce (fail closed)", STANDARD, UNANSWERED, first(),
                "move enforce PT0S"),
            row("enforce lane, lookup unanswered: defer", ENFORCE, UNANSWERED, first(), "defer"),
            row("enforce lane, lookup unanswered, last attempt: bounce with the cause", ENFORCE, UNANSWERED, last(),
                "bounce"),
            new Row("standard lane, lookup unanswered, lookupFailure=no-policy: deliver", STANDARD, UNANSWERED,
                first(), LookupFailureAction.NO_POLICY, "deliver any"),
            new Row("enforce lane, lookup unanswered, lookupFailure=no-policy: move to standard", ENFORCE, UNANSWERED,
                first(), LookupFailureAction.NO_POLICY, "move standard PT0S"),
            // RFC 8689 §4.1: TLS-Required: No goes through the standard lane whatever the policy says.
            row("standard lane, enforce policy, TLS-Required: No: deliver to any MX", STANDARD, ENFORCE_POLICY,
                facts -> facts.withTlsRequiredNo(true), "deliver any"),
            row("standard lane, unanswered, TLS-Required: No: deliver to any MX", STANDARD, UNANSWERED,
                facts -> facts.withTlsRequiredNo(true), "deliver any"),
            // RFC 8461 §5: the testing fall-back mark keeps a testing domain's message in the standard lane...
            row("standard lane, testing policy, testing fall-back: deliver to any MX", STANDARD, TESTING_POLICY,
                facts -> facts.withTestingFallback(true), "deliver any"),
            // ...but never exempts it from an enforce policy.
            row("standard lane, enforce policy, testing fall-back: move to enforce", STANDARD, ENFORCE_POLICY,
                facts -> facts.withTestingFallback(true), "move enforce PT0S"),
            // Moves are bounded: below the bound a move, at the bound the message stays where it is.
            row("enforce lane, no record, moves below the bound: move", ENFORCE, NO_RECORD, moves(MAX_MOVES - 1, false),
                "move standard PT0S"),
            row("enforce lane, no record, moves at the bound: defer on the normal schedule", ENFORCE, NO_RECORD,
                moves(MAX_MOVES, false), "defer"),
            row("enforce lane, no record, moves at the bound, last attempt: bounce with the cause", ENFORCE,
                NO_RECORD, moves(MAX_MOVES, true), "bounce"),
            row("standard lane, unanswered, moves at the bound: defer (an enforce domain is never delivered"
                + " unchecked)", STANDARD, UNANSWERED, moves(MAX_MOVES, false), "defer"),
            row("standard lane, unanswered, moves at the bound, last attempt: bounce", STANDARD, UNANSWERED,
                moves(MAX_MOVES, true), "bounce"),
            row("testing lane, enforce policy, moves at the bound: defer", TESTING, ENFORCE_POLICY,
                moves(MAX_MOVES, false), "defer"),
            row("testing lane, no record, moves at the bound: deliver here (neither lane enforces)", TESTING,
                NO_RECORD, moves(MAX_MOVES, false), "deliver any"),
            row("standard lane, testing policy, moves at the bound: deliver here (testing never stops delivery)",
                STANDARD, TESTING_POLICY, moves(MAX_MOVES, true), "deliver any"),
            // RFC 7672 §2.2, RFC 8461 §2: a domain with a DANE host goes to the DANE lane, whatever its MTA-STS mode.
            row("standard lane, no record, a DANE host: move to dane", STANDARD, NO_RECORD, dane(), "move dane PT0S"),
            row("testing lane, testing policy, a DANE host: move to dane", TESTING, TESTING_POLICY, dane(),
                "move dane PT0S"),
            row("enforce lane, enforce policy, a DANE host: move to dane (MTA-STS never overrides DANE)", ENFORCE,
                ENFORCE_POLICY, dane(), "move dane PT0S"),
            row("dane lane, no record, a DANE host: deliver to the hosts the DANE plan keeps", DANE,
                NO_RECORD, dane(), "deliver any"),
            row("dane lane, enforce policy, a DANE host: deliver (the plan holds each host to both)", DANE,
                ENFORCE_POLICY, dane(), "deliver any"),
            row("dane lane, lookup unanswered (lookupFailure=enforce), a DANE host: defer", DANE, UNANSWERED,
                dane(), "defer"),
            new Row("dane lane, lookup unanswered (lookupFailure=no-policy), a DANE host: deliver", DANE,
                UNANSWERED, dane(), LookupFailureAction.NO_POLICY, "deliver any"),
            row("dane lane, enforce policy, no DANE host any more: move to enforce", DANE, ENFORCE_POLICY,
                first(), "move enforce PT0S"),
            row("dane lane, no record, no DANE host any more: move to standard", DANE, NO_RECORD, first(),
                "move standard PT0S"),
            row("dane lane, no record, no DANE host, moves at the bound: defer (never delivered unchecked)",
                DANE, NO_RECORD, moves(MAX_MOVES, false), "defer"),
            row("standard lane, no record, a DANE host, moves at the bound, last attempt: bounce", STANDARD,
                NO_RECORD, facts -> moves(MAX_MOVES, true).apply(facts).withDane(DaneFact.HOSTS, ""), "bounce"),
            // RFC 7672 §2.2.1: a bogus or failed MX answer is a temporary failure, in every lane.
            row("standard lane, MX answer bogus: defer", STANDARD, NO_RECORD, mxBogus(), "defer"),
            row("enforce lane, enforce policy, MX answer bogus: defer", ENFORCE, ENFORCE_POLICY, mxBogus(), "defer"),
            row("dane lane, MX answer bogus, last attempt: bounce", DANE, NO_RECORD,
                facts -> mxBogus().apply(facts).withRetries(5, true), "bounce"),
            // RFC 8689 §4.1: TLS-Required: No asks for delivery even where DANE fails.
            row("standard lane, a DANE host, TLS-Required: No: deliver to any MX", STANDARD, NO_RECORD,
                facts -> dane().apply(facts).withTlsRequiredNo(true), "deliver any"));
    }

    private static UnaryOperator<AttemptFacts> dane() {
        return facts -> facts.withDane(DaneFact.HOSTS, "");
    }

    private static UnaryOperator<AttemptFacts> mxBogus() {
        return facts -> facts.withDane(DaneFact.MX_UNANSWERED, "SERVFAIL (bogus signature)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(Row row) {
        LaneDecision decision = new LaneDecision(row.onLookupFailure(), MAX_MOVES);
        AttemptFacts facts = row.facts().apply(AttemptFacts.firstAttempt().withRetryDelay(RETRY_DELAY));

        LaneVerdict verdict = decision.decide(row.lane(), row.lookup(), facts);

        assertThat(summary(verdict)).isEqualTo(row.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void aDeferralOrBounceSaysWhy(Row row) {
        LaneVerdict verdict = new LaneDecision(row.onLookupFailure(), MAX_MOVES).decide(row.lane(), row.lookup(),
            row.facts().apply(AttemptFacts.firstAttempt().withRetryDelay(RETRY_DELAY)));
        if (verdict instanceof LaneVerdict.Bounce bounce) {
            assertThat(bounce.reason()).isNotBlank();
            if (row.name().contains("bound")) {
                assertThat(bounce.reason()).contains("moved " + MAX_MOVES + " times");
            }
        } else if (verdict instanceof LaneVerdict.Defer defer) {
            assertThat(defer.reason()).isNotBlank();
        }
    }

    /** One row of what a failed attempt leads to: the lane, what the attempt showed, the verdict expected. */
    record FailureRow(String name, DeliveryRoute lane, FailedAttempt failed, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static FailedAttempt failed(boolean handshakeBeforeCertificate, boolean onPolicy, boolean reject) {
        return new FailedAttempt(handshakeBeforeCertificate, onPolicy, reject);
    }

    static Stream<FailureRow> failureRows() {
        return Stream.of(
            new FailureRow("testing lane, no handshake got to a certificate: move to standard (§5 never stops)",
                TESTING, failed(true, false, false), "move standard PT0S"),
            new FailureRow("testing lane, handshake failure with reject configured: still move (reject is for"
                + " enforce)", TESTING, failed(true, false, true), "move standard PT0S"),
            new FailureRow("testing lane, a certificate was shown: defer", TESTING, failed(false, false, false),
                "defer"),
            new FailureRow("enforce lane, failed on the policy, reject: bounce at once (after §5.1's re-check)",
                ENFORCE, failed(false, true, true), "bounce"),
            new FailureRow("enforce lane, handshake failure on the policy, reject: bounce at once", ENFORCE,
                failed(true, true, true), "bounce"),
            new FailureRow("enforce lane, failed on the policy, defer: retry on the schedule", ENFORCE,
                failed(false, true, false), "defer"),
            new FailureRow("enforce lane, failed otherwise (a refused recipient), reject: defer", ENFORCE,
                failed(false, false, true), "defer"),
            new FailureRow("enforce lane, handshake failure never moves the message out (§5)", ENFORCE,
                failed(true, false, false), "defer"),
            new FailureRow("standard lane, any failure: defer, James' own schedule", STANDARD,
                failed(true, true, true), "defer"),
            new FailureRow("dane lane, failed on DANE, reject: bounce at once", DANE,
                failed(false, true, true), "bounce"),
            new FailureRow("dane lane, failed on DANE, defer: retry on the schedule", DANE,
                failed(false, true, false), "defer"),
            new FailureRow("dane lane, failed otherwise, reject: defer", DANE,
                failed(false, false, true), "defer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failureRows")
    void decidesAfterAFailedAttempt(FailureRow row) {
        LaneVerdict verdict = new LaneDecision(LookupFailureAction.ENFORCE, MAX_MOVES).afterFailure(row.lane(),
            row.failed());

        assertThat(summary(verdict)).isEqualTo(row.expected());
    }

    private static String summary(LaneVerdict verdict) {
        if (verdict instanceof LaneVerdict.Deliver deliver) {
            return "deliver " + deliver.mxFilter().map(CachedPolicy::id).orElse("any");
        }
        if (verdict instanceof LaneVerdict.Move move) {
            return "move " + move.lane() + " " + move.delay();
        }
        return verdict instanceof LaneVerdict.Defer ? "defer" : "bounce";
    }

    private static PolicyLookup applicable(Mode mode) {
        String id = mode == Mode.ENFORCE ? "e1" : "t1";
        Policy policy = new Policy(mode, List.of(new MxPattern("mx.example.test")), 86_400);
        Instant fetched = Instant.parse("2026-01-01T00:00:00Z");
        return PolicyLookup.applicable(new CachedPolicy("example.test", id, policy, "", fetched,
            fetched.plusSeconds(86_400)), PolicyLookup.Source.CACHED);
    }
}
