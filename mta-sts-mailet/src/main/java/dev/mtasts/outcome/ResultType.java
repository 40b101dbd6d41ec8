package dev.mtasts.outcome;

import java.util.Optional;

/**
 * The result types of RFC 8460 §4.3 that an MTA-STS or DANE sender can meet. One vocabulary for logs, metrics tags,
 * mail attributes, DSN text, TLS reports and the command line.
 */
public enum ResultType {
    // RFC 8460 §4.3.1: negotiation failures
    STARTTLS_NOT_SUPPORTED("starttls-not-supported"),
    CERTIFICATE_HOST_MISMATCH("certificate-host-mismatch"),
    CERTIFICATE_EXPIRED("certificate-expired"),
    CERTIFICATE_NOT_TRUSTED("certificate-not-trusted"),
    VALIDATION_FAILURE("validation-failure"),
    // RFC 8460 §4.3.2.2: MTA-STS specific
    STS_POLICY_FETCH_ERROR("sts-policy-fetch-error"),
    STS_POLICY_INVALID("sts-policy-invalid"),
    STS_WEBPKI_INVALID("sts-webpki-invalid"),
    // RFC 8460 §4.3.2.1: DANE specific
    TLSA_INVALID("tlsa-invalid"),
    DNSSEC_INVALID("dnssec-invalid"),
    DANE_REQUIRED("dane-required");

    private final String wireName;

    ResultType(String wireName) {
        this.wireName = wireName;
    }

    /** The string RFC 8460 uses, e.g. {@code sts-webpki-invalid}. */
    public String wireName() {
        return wireName;
    }

    /** The result type RFC 8460 spells {@code wireName}, matched exactly. */
    public static Optional<ResultType> fromWireName(String wireName) {
        for (ResultType type : values()) {
            if (type.wireName.equals(wireName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Whether the failure is about obtaining the MTA-STS policy rather than about a session with an MX. */
    public boolean isPolicyFailure() {
        return this == STS_POLICY_FETCH_ERROR || this == STS_POLICY_INVALID || this == STS_WEBPKI_INVALID;
    }

    /** Whether the failure is one of DANE's own (RFC 8460 §4.3.2.1): TLSA or DNSSEC records, not a session. */
    public boolean isDaneFailure() {
        return this == TLSA_INVALID || this == DNSSEC_INVALID || this == DANE_REQUIRED;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
