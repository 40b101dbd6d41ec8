package dev.mtasts.report;

/**
 * The result types of RFC 8460 §4.3 that an MTA-STS sender can meet. One vocabulary for logs, metrics tags,
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
    STS_WEBPKI_INVALID("sts-webpki-invalid");

    private final String wireName;

    ResultType(String wireName) {
        this.wireName = wireName;
    }

    /** The string RFC 8460 uses, e.g. {@code sts-webpki-invalid}. */
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
