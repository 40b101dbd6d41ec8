package dev.mtasts.outcome;

import dev.mtasts.cache.CachedPolicy;
import dev.mtasts.policy.Mode;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened in one attempt to deliver to one MX of a policy domain: one "session" in RFC 8460's counts.
 *
 * <p>The first seven components are what every outcome has. The others fill the optional parts of an RFC 8460
 * failure-details entry and name the policy the session was held to; they are set with the {@code with…} methods:
 *
 * <pre>{@code
 * new TlsOutcome(now, "example.com", Mode.ENFORCE, "20240101", "mx1.example.com",
 *         Optional.of(ResultType.CERTIFICATE_EXPIRED), "certificate expired on 2024-01-01")
 *     .withPolicy(cachedPolicy)
 *     .withReceivingIp(mxAddress)
 *     .withSendingMtaIp(localAddress);
 * }</pre>
 *
 * <p>A policy that could not be obtained ({@code sts-policy-fetch-error}, {@code sts-webpki-invalid},
 * {@code sts-policy-invalid}) is an outcome too: {@code mxHost} is then empty and there is no policy text
 * (RFC 8460 §4.3.2.2 counts such sessions as failures).
 */
public final class TlsOutcome {

    /** The {@link #result()} of a successful session. */
    public static final String SUCCESS = "success";

    private final Instant at;
    private final String domain;
    private final Mode mode;
    private final String policyId;
    private final String mxHost;
    private final Optional<ResultType> failure;
    private final String detail;
    private final Optional<CachedPolicy> policy;
    private final Optional<InetAddress> sendingMtaIp;
    private final Optional<InetAddress> receivingIp;
    private final Optional<String> receivingMxHelo;
    private final Optional<String> failureReasonCode;
    private final List<String> tlsaRecords;
    private final boolean dane;

    public TlsOutcome(Instant at, String domain, Mode mode, String policyId, String mxHost,
                      Optional<ResultType> failure, String detail,
                      Optional<CachedPolicy> policy, Optional<InetAddress> sendingMtaIp,
                      Optional<InetAddress> receivingIp, Optional<String> receivingMxHelo,
                      Optional<String> failureReasonCode) {
        this(at, domain, mode, policyId, mxHost, failure, detail, policy, sendingMtaIp, receivingIp, receivingMxHelo,
                failureReasonCode, List.of(), false);
    }

    private TlsOutcome(Instant at, String domain, Mode mode, String policyId, String mxHost,
                       Optional<ResultType> failure, String detail,
                       Optional<CachedPolicy> policy, Optional<InetAddress> sendingMtaIp,
                       Optional<InetAddress> receivingIp, Optional<String> receivingMxHelo,
                       Optional<String> failureReasonCode, List<String> tlsaRecords, boolean dane) {
        this.at = Objects.requireNonNull(at, "at");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.policyId = Objects.requireNonNull(policyId, "policyId");
        this.mxHost = Objects.requireNonNull(mxHost, "mxHost");
        this.failure = Objects.requireNonNull(failure, "failure");
        this.detail = Objects.requireNonNull(detail, "detail");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sendingMtaIp = Objects.requireNonNull(sendingMtaIp, "sendingMtaIp");
        this.receivingIp = Objects.requireNonNull(receivingIp, "receivingIp");
        this.receivingMxHelo = Objects.requireNonNull(receivingMxHelo, "receivingMxHelo");
        this.failureReasonCode = Objects.requireNonNull(failureReasonCode, "failureReasonCode");
        this.tlsaRecords = List.copyOf(tlsaRecords);
        this.dane = dane;
    }

    /** An outcome without the optional RFC 8460 details. */
    public TlsOutcome(Instant at, String domain, Mode mode, String policyId, String mxHost,
                      Optional<ResultType> failure, String detail) {
        this(at, domain, mode, policyId, mxHost, failure, detail,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** When the session ended; its UTC day is the report it belongs to. */
    public Instant at() {
        return at;
    }

    /** The policy domain (the recipient domain, or the smart host's domain). */
    public String domain() {
        return domain;
    }

    /** The mode of the policy applied; {@link Mode#NONE} when no policy applied. */
    public Mode mode() {
        return mode;
    }

    /** The {@code id} of the policy's TXT record; empty when unknown. */
    public String policyId() {
        return policyId;
    }

    /** The MX host name attempted; empty when no MX was tried. */
    public String mxHost() {
        return mxHost;
    }

    /** The RFC 8460 result type of a failed session; empty for a success. */
    public Optional<ResultType> failure() {
        return failure;
    }

    /** A human-readable explanation, for logs; never part of a report's counting key. */
    public String detail() {
        return detail;
    }

    /** The cached policy the session was held to, for the report's policy-string and mx-host. */
    public Optional<CachedPolicy> policy() {
        return policy;
    }

    /** Our end of the connection (RFC 8460 {@code sending-mta-ip}). */
    public Optional<InetAddress> sendingMtaIp() {
        return sendingMtaIp;
    }

    /** The MX address connected to (RFC 8460 {@code receiving-ip}). */
    public Optional<InetAddress> receivingIp() {
        return receivingIp;
    }

    /** The host name the MX announced in its greeting (RFC 8460 {@code receiving-mx-helo}). */
    public Optional<String> receivingMxHelo() {
        return receivingMxHelo;
    }

    /**
     * A short, stable code for the failure (RFC 8460 {@code failure-reason-code}), such as a TLS alert name; keep
     * it free of per-session values, it is part of the counting key.
     */
    public Optional<String> failureReasonCode() {
        return failureReasonCode;
    }

    /**
     * RFC 8460 §4.4 / RFC 7672: the TLSA RRset (presentation form, one record each) a DANE session was held to;
     * empty for MTA-STS and for sessions without a policy.
     */
    public List<String> tlsaRecords() {
        return tlsaRecords;
    }

    /** Whether DANE decided the session (its report policy is of type {@code tlsa}). */
    public boolean isDane() {
        return dane;
    }

    /** The same outcome, held to the TLSA records of its MX host (RFC 7672). */
    public TlsOutcome withTlsa(List<String> records) {
        if (records.isEmpty() && failure.filter(type -> type == ResultType.DNSSEC_INVALID).isEmpty()) {
            // Only a bogus or failed TLSA lookup leaves no records to name (RFC 8460 §4.3.2.2 dnssec-invalid).
            throw new IllegalArgumentException("a DANE outcome names at least one TLSA record");
        }
        return new TlsOutcome(at, domain, mode, policyId, mxHost, failure, detail, policy,
                sendingMtaIp, receivingIp, receivingMxHelo, failureReasonCode, records, true);
    }

    public boolean isSuccess() {
        return failure.isEmpty();
    }

    /** {@value #SUCCESS}, or the failure's RFC 8460 result type ({@code certificate-expired}). */
    public String result() {
        return failure.map(ResultType::wireName).orElse(SUCCESS);
    }

    /** The same outcome, held to {@code cachedPolicy}. */
    public TlsOutcome withPolicy(CachedPolicy cachedPolicy) {
        return new TlsOutcome(at, domain, mode, policyId, mxHost, failure, detail, Optional.of(cachedPolicy),
                sendingMtaIp, receivingIp, receivingMxHelo, failureReasonCode, tlsaRecords, dane);
    }

    public TlsOutcome withSendingMtaIp(InetAddress address) {
        return new TlsOutcome(at, domain, mode, policyId, mxHost, failure, detail, policy,
                Optional.of(address), receivingIp, receivingMxHelo, failureReasonCode, tlsaRecords, dane);
    }

    public TlsOutcome withReceivingIp(InetAddress address) {
        return new TlsOutcome(at, domain, mode, policyId, mxHost, failure, detail, policy,
                sendingMtaIp, Optional.of(address), receivingMxHelo, failureReasonCode, tlsaRecords, dane);
    }

    public TlsOutcome withReceivingMxHelo(String helo) {
        return new TlsOutcome(at, domain, mode, policyId, mxHost, failure, detail, policy,
                sendingMtaIp, receivingIp, Optional.of(helo), failureReasonCode, tlsaRecords, dane);
    }

    public TlsOutcome withFailureReasonCode(String code) {
        return new TlsOutcome(at, domain, mode, policyId, mxHost, failure, detail, policy,
                sendingMtaIp, receivingIp, receivingMxHelo, Optional.of(code), tlsaRecords, dane);
    }

    /**
     * One structured log line: {@code domain=example.com mode=enforce policy_id=20240101 mx=mx1.example.com
     * result=certificate-expired detail="certificate expired on 2024-01-01"}. The detail is quoted, with
     * {@code "} and {@code \} escaped and control characters written as {@code \}{@code uXXXX}.
     */
    public String toLogLine() {
        return "domain=" + domain + " mode=" + mode.wireName() + " policy_id=" + policyId + " mx=" + mxHost
                + (isDane() ? " policy_type=tlsa" : "") + " result=" + result() + " detail=" + quoted(detail);
    }

    @Override
    public String toString() {
        return "TlsOutcome[at=" + at + ", domain=" + domain + ", mode=" + mode + ", policyId=" + policyId
                + ", mxHost=" + mxHost + ", failure=" + failure + ", detail=" + detail + ", policy=" + policy
                + ", sendingMtaIp=" + sendingMtaIp + ", receivingIp=" + receivingIp + ", receivingMxHelo="
                + receivingMxHelo + ", failureReasonCode=" + failureReasonCode + ", tlsaRecords=" + tlsaRecords + "]";
    }

    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (Character.isISOControl(c)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
