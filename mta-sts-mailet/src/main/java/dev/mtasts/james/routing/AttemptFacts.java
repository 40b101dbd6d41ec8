package dev.mtasts.james.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * What the lane decision needs to know about one delivery attempt besides the policy lookup: where the message is
 * in its retry schedule, what it carries, and what DANE says about its domain. Collected by the James wrappers; a new
 * fact is one more field here, not a new parameter of {@link LaneDecision#decide}.
 */
public final class AttemptFacts {

    private final int retriesSoFar;
    private final boolean lastAttempt;
    private final int movesSoFar;
    private final boolean tlsRequiredNo;
    private final boolean testingFallback;
    private final Duration retryDelay;
    private final DaneFact dane;
    private final String daneDetail;

    private AttemptFacts(int retriesSoFar, boolean lastAttempt, int movesSoFar, boolean tlsRequiredNo,
                         boolean testingFallback, Duration retryDelay, DaneFact dane, String daneDetail) {
        if (retriesSoFar < 0 || movesSoFar < 0) {
            throw new IllegalArgumentException("counts cannot be negative: retries " + retriesSoFar + ", moves "
                + movesSoFar);
        }
        this.retriesSoFar = retriesSoFar;
        this.lastAttempt = lastAttempt;
        this.movesSoFar = movesSoFar;
        this.tlsRequiredNo = tlsRequiredNo;
        this.testingFallback = testingFallback;
        this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay");
        this.dane = Objects.requireNonNull(dane, "dane");
        this.daneDetail = Objects.requireNonNull(daneDetail, "daneDetail");
    }

    /** The first attempt of a message with nothing special about it. */
    public static AttemptFacts firstAttempt() {
        return new AttemptFacts(0, false, 0, false, false, Duration.ZERO, DaneFact.NONE, "");
    }

    /** @param retriesSoFar how many attempts of this message failed before; {@code lastAttempt}: none after it */
    public AttemptFacts withRetries(int retriesSoFar, boolean lastAttempt) {
        return new AttemptFacts(retriesSoFar, lastAttempt, movesSoFar, tlsRequiredNo, testingFallback, retryDelay,
            dane, daneDetail);
    }

    /** How many times the message moved between lanes before this attempt. */
    public AttemptFacts withMoves(int moves) {
        return new AttemptFacts(retriesSoFar, lastAttempt, moves, tlsRequiredNo, testingFallback, retryDelay,
            dane, daneDetail);
    }

    /** RFC 8689 §4.1: the message carries {@code TLS-Required: No}. */
    public AttemptFacts withTlsRequiredNo(boolean value) {
        return new AttemptFacts(retriesSoFar, lastAttempt, movesSoFar, value, testingFallback, retryDelay,
            dane, daneDetail);
    }

    /** The testing lane could not complete a handshake and handed the message to the standard lane. */
    public AttemptFacts withTestingFallback(boolean value) {
        return new AttemptFacts(retriesSoFar, lastAttempt, movesSoFar, tlsRequiredNo, value, retryDelay,
            dane, daneDetail);
    }

    /** How long the lane's retry schedule waits after this attempt. */
    public AttemptFacts withRetryDelay(Duration delay) {
        return new AttemptFacts(retriesSoFar, lastAttempt, movesSoFar, tlsRequiredNo, testingFallback, delay,
            dane, daneDetail);
    }

    /**
     * What DANE says about the domain in this attempt; {@code detail} says why (for a log line or the bounce: the
     * failed MX lookup, say).
     */
    public AttemptFacts withDane(DaneFact fact, String detail) {
        return new AttemptFacts(retriesSoFar, lastAttempt, movesSoFar, tlsRequiredNo, testingFallback, retryDelay,
            fact, detail);
    }

    public int retriesSoFar() {
        return retriesSoFar;
    }

    public boolean lastAttempt() {
        return lastAttempt;
    }

    public int movesSoFar() {
        return movesSoFar;
    }

    public boolean tlsRequiredNo() {
        return tlsRequiredNo;
    }

    public boolean testingFallback() {
        return testingFallback;
    }

    public Duration retryDelay() {
        return retryDelay;
    }

    public DaneFact dane() {
        return dane;
    }

    public String daneDetail() {
        return daneDetail;
    }

    @Override
    public String toString() {
        return "attempt after " + retriesSoFar + " retries" + (lastAttempt ? " (last)" : "") + ", " + movesSoFar
            + " moves" + (tlsRequiredNo ? ", TLS-Required: No" : "") + (testingFallback ? ", testing fall-back" : "")
            + (dane == DaneFact.NONE ? "" : ", DANE " + dane.name().toLowerCase(java.util.Locale.ROOT));
    }
}
