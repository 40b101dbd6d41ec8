package dev.mtasts.report;

import dev.mtasts.outcome.ResultType;

import java.util.Objects;
import java.util.Optional;

/**
 * What sets one kind of failed session apart from another: the key of an RFC 8460 §4.4 {@code failure-details}
 * entry. Sessions that agree on all of it are counted together.
 */
public final class SessionFailure {

    private final ResultType resultType;
    private final Optional<String> sendingMtaIp;
    private final String receivingMxHostname;
    private final Optional<String> receivingMxHelo;
    private final Optional<String> receivingIp;
    private final Optional<String> failureReasonCode;

    public SessionFailure(ResultType resultType, Optional<String> sendingMtaIp, String receivingMxHostname,
                          Optional<String> receivingMxHelo, Optional<String> receivingIp,
                          Optional<String> failureReasonCode) {
        this.resultType = Objects.requireNonNull(resultType, "resultType");
        this.sendingMtaIp = Objects.requireNonNull(sendingMtaIp, "sendingMtaIp");
        this.receivingMxHostname = Objects.requireNonNull(receivingMxHostname, "receivingMxHostname");
        this.receivingMxHelo = Objects.requireNonNull(receivingMxHelo, "receivingMxHelo");
        this.receivingIp = Objects.requireNonNull(receivingIp, "receivingIp");
        this.failureReasonCode = Objects.requireNonNull(failureReasonCode, "failureReasonCode");
    }

    /** RFC 8460 {@code result-type}. */
    public ResultType resultType() {
        return resultType;
    }

    /** {@code sending-mta-ip}, when known. */
    public Optional<String> sendingMtaIp() {
        return sendingMtaIp;
    }

    /**
     * {@code receiving-mx-hostname}: lower case, no trailing dot; empty when no MX was tried (a policy that could
     * not be obtained).
     */
    public String receivingMxHostname() {
        return receivingMxHostname;
    }

    /** {@code receiving-mx-helo}, when known. */
    public Optional<String> receivingMxHelo() {
        return receivingMxHelo;
    }

    /** {@code receiving-ip}, when known. */
    public Optional<String> receivingIp() {
        return receivingIp;
    }

    /** {@code failure-reason-code}, when given. */
    public Optional<String> failureReasonCode() {
        return failureReasonCode;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof SessionFailure)) {
            return false;
        }
        SessionFailure that = (SessionFailure) other;
        return resultType == that.resultType && sendingMtaIp.equals(that.sendingMtaIp)
                && receivingMxHostname.equals(that.receivingMxHostname) && receivingMxHelo.equals(that.receivingMxHelo)
                && receivingIp.equals(that.receivingIp) && failureReasonCode.equals(that.failureReasonCode);
    }

    @Override
    public int hashCode() {
        return Objects.hash(resultType, sendingMtaIp, receivingMxHostname, receivingMxHelo, receivingIp,
                failureReasonCode);
    }
}
