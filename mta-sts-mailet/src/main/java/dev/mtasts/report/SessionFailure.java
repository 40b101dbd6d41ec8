package dev.mtasts.report;

import java.util.Objects;
import java.util.Optional;

/**
 * What sets one kind of failed session apart from another: the key of an RFC 8460 §4.4 {@code failure-details}
 * entry. Sessions that agree on all of it are counted together.
 *
 * @param resultType          RFC 8460 {@code result-type}
 * @param sendingMtaIp        {@code sending-mta-ip}, when known
 * @param receivingMxHostname {@code receiving-mx-hostname}: lower case, no trailing dot; empty when no MX was tried
 *                            (a policy that could not be obtained)
 * @param receivingMxHelo     {@code receiving-mx-helo}, when known
 * @param receivingIp         {@code receiving-ip}, when known
 * @param failureReasonCode   {@code failure-reason-code}, when given
 */
public record SessionFailure(ResultType resultType, Optional<String> sendingMtaIp, String receivingMxHostname,
                             Optional<String> receivingMxHelo, Optional<String> receivingIp,
                             Optional<String> failureReasonCode) {

    public SessionFailure {
        Objects.requireNonNull(resultType, "resultType");
        Objects.requireNonNull(sendingMtaIp, "sendingMtaIp");
        Objects.requireNonNull(receivingMxHostname, "receivingMxHostname");
        Objects.requireNonNull(receivingMxHelo, "receivingMxHelo");
        Objects.requireNonNull(receivingIp, "receivingIp");
        Objects.requireNonNull(failureReasonCode, "failureReasonCode");
    }
}
