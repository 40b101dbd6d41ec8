package dev.mtasts.audit;

import static dev.mtasts.audit.Severity.ERROR;
import static dev.mtasts.audit.Severity.INFO;
import static dev.mtasts.audit.Severity.WARNING;

/**
 * Every finding an audit can make. The codes are stable: scripts may match on them, and the README lists them
 * all. A code always has the same area and severity.
 */
public enum FindingCode {

    // RFC 8461 §3.1: the _mta-sts TXT record
    TXT_OK("txt.ok", INFO, "exactly one valid record; its id is shown"),
    TXT_MISSING("txt.missing", ERROR, "no TXT record beginning with v=STSv1;: senders see no policy"),
    TXT_MULTIPLE("txt.multiple", ERROR, "more than one v=STSv1 record; senders must treat this as no policy"),
    TXT_INVALID("txt.invalid", ERROR, "the record does not follow the grammar (or begins with a misspelt version)"),
    TXT_DNS_FAILURE("txt.dns-failure", ERROR, "the DNS server failed to answer (SERVFAIL, timeout)"),

    // RFC 8461 §3.3: the policy host
    POLICY_HOST_OK("policy-host.ok", INFO, "the policy was served properly; TLS version and certificate expiry shown"),
    POLICY_HOST_ADDRESS_MISSING("policy-host.address.missing", ERROR, "mta-sts.<domain> has no A or AAAA record"),
    POLICY_HOST_DNS_FAILURE("policy-host.dns-failure", ERROR, "the address lookup of mta-sts.<domain> failed"),
    POLICY_HOST_CONNECT_FAILED("policy-host.connect.failed", ERROR, "no address of the policy host accepts connections on port 443"),
    POLICY_HOST_TLS_FAILED("policy-host.tls.failed", ERROR, "the TLS handshake failed"),
    POLICY_HOST_TLS_VERSION("policy-host.tls.version", ERROR, "the host speaks neither TLS 1.2 nor TLS 1.3"),
    POLICY_HOST_CERT_EXPIRED("policy-host.cert.expired", ERROR, "a certificate of the chain has expired"),
    POLICY_HOST_CERT_NOT_YET_VALID("policy-host.cert.not-yet-valid", ERROR, "a certificate of the chain is not valid yet"),
    POLICY_HOST_CERT_EXPIRING("policy-host.cert.expiring", WARNING, "the certificate expires in less than 30 days"),
    POLICY_HOST_CERT_UNTRUSTED("policy-host.cert.untrusted", ERROR, "the chain does not lead to a trusted root"),
    POLICY_HOST_CERT_WRONG_HOST("policy-host.cert.wrong-host", ERROR, "the certificate has no DNS name matching mta-sts.<domain>"),
    POLICY_HOST_HTTP_FAILED("policy-host.http.failed", ERROR, "no complete HTTP response (timeout, reset, malformed)"),
    POLICY_HOST_HTTP_REDIRECT("policy-host.http.redirect", ERROR, "HTTP 3xx: senders never follow redirects"),
    POLICY_HOST_HTTP_STATUS("policy-host.http.status", ERROR, "an HTTP status other than 200"),
    POLICY_HOST_CONTENT_TYPE("policy-host.content-type", ERROR, "the Content-Type is missing or not text/plain"),
    POLICY_HOST_TOO_LARGE("policy-host.too-large", ERROR, "the body is larger than 64 KiB"),
    POLICY_HOST_LINE_ENDINGS("policy-host.line-endings", INFO, "lines end in LF (or a mix); the RFC's examples use CRLF, parsers accept both"),

    // RFC 8461 §3.2: the policy text
    POLICY_OK("policy.ok", INFO, "the policy parses; mode, mx patterns and max_age shown"),
    POLICY_INVALID("policy.invalid", ERROR, "the policy text breaks the grammar (one finding per problem)"),
    POLICY_MAX_AGE_TOO_LARGE("policy.max-age.too-large", ERROR, "max_age is above 31557600 seconds, which makes the policy invalid"),
    POLICY_MAX_AGE_TOO_SMALL("policy.max-age.too-small", ERROR, "max_age is under one day (testing and enforce)"),
    POLICY_MAX_AGE_SHORT("policy.max-age.short", WARNING, "max_age is under 14 days in mode enforce"),
    POLICY_MODE_TESTING("policy.mode.testing", INFO, "mode testing: senders report failures but deliver anyway"),
    POLICY_MODE_NONE("policy.mode.none", INFO, "mode none: senders act as if there were no policy"),

    // RFC 8461 §4: the MX hosts
    MX_COVERED("mx.covered", INFO, "every MX host matches a policy pattern"),
    MX_NONE("mx.none", ERROR, "the domain has no MX record"),
    MX_NULL("mx.null", ERROR, "the domain publishes a null MX (RFC 7505): it accepts no mail"),
    MX_DNS_FAILURE("mx.dns-failure", ERROR, "an MX or MX address lookup failed"),
    MX_NOT_COVERED("mx.not-covered", ERROR, "an MX host matches no policy pattern: enforcing senders will not deliver to it"),
    MX_PATTERN_UNUSED("mx.pattern-unused", WARNING, "a policy pattern matches no MX host"),
    MX_ADDRESS_MISSING("mx.address.missing", ERROR, "an MX host has no A or AAAA record"),
    MX_CONNECT_FAILED("mx.connect.failed", ERROR, "no address of an MX host accepts connections on port 25"),
    MX_SMTP_FAILED("mx.smtp.failed", ERROR, "the SMTP dialogue failed before STARTTLS (greeting, EHLO)"),
    MX_STARTTLS_MISSING("mx.starttls.missing", ERROR, "an MX host does not offer STARTTLS"),
    MX_STARTTLS_REFUSED("mx.starttls.refused", ERROR, "an MX host offers STARTTLS but refuses the command"),
    MX_TLS_FAILED("mx.tls.failed", ERROR, "the TLS handshake after STARTTLS failed"),
    MX_TLS_VERSION("mx.tls.version", ERROR, "an MX host speaks neither TLS 1.2 nor TLS 1.3"),
    MX_CERT_EXPIRED("mx.cert.expired", ERROR, "a certificate of an MX host's chain has expired"),
    MX_CERT_NOT_YET_VALID("mx.cert.not-yet-valid", ERROR, "a certificate of an MX host's chain is not valid yet"),
    MX_CERT_EXPIRING("mx.cert.expiring", WARNING, "an MX host's certificate expires in less than 30 days"),
    MX_CERT_UNTRUSTED("mx.cert.untrusted", ERROR, "an MX host's chain does not lead to a trusted root"),
    MX_CERT_WRONG_HOST("mx.cert.wrong-host", ERROR, "an MX host's certificate has no DNS name matching the MX host name"),
    MX_TLS_OK("mx.tls.ok", INFO, "an MX host passed: STARTTLS, TLS version and certificate expiry shown"),

    // RFC 7672: DANE for the MX hosts
    DANE_OK("dane.ok", INFO, "an MX host's certificate matches a usable TLSA record (the record is shown)"),
    DANE_NONE("dane.none", INFO, "no MX host has DNSSEC-signed TLSA records: DANE does not apply (or the resolver does not validate)"),
    DANE_MX_SECURE("dane.mx.secure", INFO, "the MX records are DNSSEC-signed: the domain is also a DANE-TA reference name"),
    DANE_MX_INSECURE("dane.mx.insecure", INFO, "the MX records are not signed: DANE still applies to hosts with signed addresses and TLSA"),
    DANE_MX_BOGUS("dane.mx.bogus", ERROR, "the MX lookup is bogus or failed: validating senders defer all mail"),
    DANE_ADDRESS_INSECURE("dane.address.insecure", INFO, "an MX host's address is not signed: no DANE for that host"),
    DANE_ADDRESS_BOGUS("dane.address.bogus", ERROR, "an MX host's address lookup is bogus or failed: validating senders skip the host"),
    DANE_TLSA_MISSING("dane.tlsa.missing", INFO, "an MX host with a signed address publishes no TLSA record: no DANE for it"),
    DANE_TLSA_INSECURE("dane.tlsa.insecure", WARNING, "TLSA records that are not DNSSEC-signed: senders ignore them"),
    DANE_TLSA_BOGUS("dane.tlsa.bogus", ERROR, "the TLSA lookup is bogus (a bad signature) or failed: DANE senders skip the host (dnssec-invalid)"),
    DANE_TLSA_UNUSABLE("dane.tlsa.unusable", ERROR, "only unusable TLSA records: senders encrypt without authentication (tlsa-invalid)"),
    DANE_TLSA_SOME_UNUSABLE("dane.tlsa.some-unusable", WARNING, "some TLSA records are unusable (PKIX usages, unknown parameters, wrong length) and ignored"),
    DANE_TLSA_MISMATCH("dane.tlsa.mismatch", ERROR, "no usable TLSA record matches the certificate the MX host presents: DANE senders do not deliver"),
    DANE_TLSA_EXPIRING("dane.tlsa.expiring", WARNING, "the TLSA records match only a certificate that expires within 30 days"),
    DANE_TA_NAMES("dane.ta.names", INFO, "DANE-TA records: the names the certificate may carry are shown"),
    DANE_TA_WRONG_HOST("dane.ta.wrong-host", ERROR, "DANE-TA: the certificate names neither the MX host nor (with signed MX records) the domain"),
    DANE_TA_CHAIN_INVALID("dane.ta.chain-invalid", ERROR, "DANE-TA: the chain up to the matched trust anchor is invalid or expired"),
    DANE_STARTTLS_FAILED("dane.starttls.failed", ERROR, "an MX host with usable TLSA records has no working STARTTLS: DANE senders do not deliver"),

    // RFC 8460 §3: the TLS reporting record
    TLSRPT_OK("tlsrpt.ok", INFO, "exactly one valid record; where reports go is shown"),
    TLSRPT_MISSING("tlsrpt.missing", WARNING, "no TLS reporting record: you will not hear about failures"),
    TLSRPT_MULTIPLE("tlsrpt.multiple", ERROR, "more than one v=TLSRPTv1 record; reporters must ignore them"),
    TLSRPT_INVALID("tlsrpt.invalid", ERROR, "the record does not follow the grammar"),
    TLSRPT_DNS_FAILURE("tlsrpt.dns-failure", WARNING, "the DNS server failed to answer for the reporting record");

    private final String code;
    private final Severity severity;
    private final String meaning;

    FindingCode(String code, Severity severity, String meaning) {
        this.code = code;
        this.severity = severity;
        this.meaning = meaning;
    }

    /** The stable code, e.g. {@code mx.not-covered}. */
    public String code() {
        return code;
    }

    public Severity severity() {
        return severity;
    }

    /** The area, named by the code's first part. */
    public Area area() {
        String prefix = code.substring(0, code.indexOf('.'));
        for (Area area : Area.values()) {
            if (area.wireName().equals(prefix)) {
                return area;
            }
        }
        throw new IllegalStateException("no area for " + code);
    }

    /** What the code means, in a few words (the README's table). */
    public String meaning() {
        return meaning;
    }

    /** A finding of this kind. */
    public Finding finding(String message, String fix) {
        return new Finding(this, message, fix);
    }

    @Override
    public String toString() {
        return code;
    }
}
