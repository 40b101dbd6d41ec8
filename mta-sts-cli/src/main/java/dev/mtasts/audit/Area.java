package dev.mtasts.audit;

/** What part of the publication a finding is about, in the order a report lists them. */
public enum Area {
    /** The {@code _mta-sts.<domain>} TXT record (RFC 8461 §3.1). */
    TXT("txt", "TXT record _mta-sts.%s"),
    /** {@code https://mta-sts.<domain>/.well-known/mta-sts.txt}: DNS, TLS, certificate, HTTP (RFC 8461 §3.3). */
    POLICY_HOST("policy-host", "Policy host mta-sts.%s"),
    /** The policy text and its values (RFC 8461 §3.2). */
    POLICY("policy", "Policy"),
    /** The domain's MX hosts: coverage by the policy (§4.1) and STARTTLS with a valid certificate (§4.2). */
    MX("mx", "MX hosts of %s"),
    /** DANE (RFC 7672): DNSSEC status of the MX and address records, TLSA records, match with the certificate. */
    DANE("dane", "DANE for the MX hosts of %s"),
    /** The {@code _smtp._tls.<domain>} TXT record (RFC 8460 §3). */
    TLSRPT("tlsrpt", "TLS reporting _smtp._tls.%s");

    private final String wireName;
    private final String titleFormat;

    Area(String wireName, String titleFormat) {
        this.wireName = wireName;
        this.titleFormat = titleFormat;
    }

    /** As in finding codes and the JSON output: {@code txt}, {@code policy-host}, ... */
    public String wireName() {
        return wireName;
    }

    /** A heading for a person: {@code Policy host mta-sts.example.com}. */
    public String title(String domain) {
        return titleFormat.formatted(domain);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
