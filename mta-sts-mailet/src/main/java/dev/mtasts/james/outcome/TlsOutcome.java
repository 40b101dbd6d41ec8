package dev.mtasts.james.outcome;

import dev.mtasts.policy.Mode;
import dev.mtasts.report.ResultType;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one SMTP session (or one would-be session) with an MX host of a policy domain: the unit that
 * RFC 8460 §4 counts in a TLS report.
 *
 * @param at       when it happened
 * @param domain   the policy domain (the recipient domain)
 * @param mode     the policy's mode, enforce or testing
 * @param policyId the {@code id} of the TXT record the applied policy was fetched under
 * @param mxHost   the MX host name
 * @param failure  empty on success, otherwise the RFC 8460 §4.3 result type
 * @param detail   for a person: the negotiated protocol and cipher on success, what went wrong on failure
 */
public record TlsOutcome(Instant at, String domain, Mode mode, String policyId, String mxHost,
                         Optional<ResultType> failure, String detail) {

    public static final String SUCCESS = "success";

    public TlsOutcome {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(mxHost, "mxHost");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean isSuccess() {
        return failure.isEmpty();
    }

    /** {@code success} or the RFC 8460 result type, e.g. {@code certificate-host-mismatch}. */
    public String result() {
        return failure.map(ResultType::wireName).orElse(SUCCESS);
    }

    /** One line of {@code key=value} pairs, the form the outcome is logged in. */
    public String toLogLine() {
        return "domain=" + domain
            + " mode=" + mode.wireName()
            + " policy_id=" + policyId
            + " mx=" + mxHost
            + " result=" + result()
            + " detail=" + quote(detail);
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", " ").replace("\n", " ") + '"';
    }
}
