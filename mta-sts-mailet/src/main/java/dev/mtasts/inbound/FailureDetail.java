package dev.mtasts.inbound;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a policy's {@code failure-details} (RFC 8460 §4.3). Only {@code result-type} and
 * {@code failed-session-count} are required; real senders leave out the rest (Microsoft's
 * {@code sts-policy-fetch-error} entries name no IP), and an empty string counts as absent.
 */
public final class FailureDetail {

    private final String resultType;
    private final Optional<String> sendingMtaIp;
    private final Optional<String> receivingMxHostname;
    private final Optional<String> receivingIp;
    private final long failedSessions;
    private final Optional<String> failureReasonCode;

    public FailureDetail(String resultType, Optional<String> sendingMtaIp, Optional<String> receivingMxHostname,
                         Optional<String> receivingIp, long failedSessions, Optional<String> failureReasonCode) {
        this.resultType = Objects.requireNonNull(resultType, "resultType");
        this.sendingMtaIp = Objects.requireNonNull(sendingMtaIp, "sendingMtaIp");
        this.receivingMxHostname = Objects.requireNonNull(receivingMxHostname, "receivingMxHostname");
        this.receivingIp = Objects.requireNonNull(receivingIp, "receivingIp");
        this.failedSessions = failedSessions;
        this.failureReasonCode = Objects.requireNonNull(failureReasonCode, "failureReasonCode");
    }

    /** RFC 8460 §4.3 {@code result-type}, as sent (free text is kept: §4.3 lets the list grow). */
    public String resultType() {
        return resultType;
    }

    public Optional<String> sendingMtaIp() {
        return sendingMtaIp;
    }

    public Optional<String> receivingMxHostname() {
        return receivingMxHostname;
    }

    public Optional<String> receivingIp() {
        return receivingIp;
    }

    /** RFC 8460 §4.3 {@code failed-session-count}. */
    public long failedSessions() {
        return failedSessions;
    }

    /** RFC 8460 §4.3 {@code failure-reason-code}: free text. */
    public Optional<String> failureReasonCode() {
        return failureReasonCode;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof FailureDetail)) {
            return false;
        }
        FailureDetail that = (FailureDetail) other;
        return resultType.equals(that.resultType) && sendingMtaIp.equals(that.sendingMtaIp)
                && receivingMxHostname.equals(that.receivingMxHostname) && receivingIp.equals(that.receivingIp)
                && failedSessions == that.failedSessions && failureReasonCode.equals(that.failureReasonCode);
    }

    @Override
    public int hashCode() {
        return Objects.hash(resultType, sendingMtaIp, receivingMxHostname, receivingIp, failedSessions,
                failureReasonCode);
    }

    @Override
    public String toString() {
        return resultType + " x" + failedSessions + receivingMxHostname.map(mx -> " at " + mx).orElse("");
    }
}
