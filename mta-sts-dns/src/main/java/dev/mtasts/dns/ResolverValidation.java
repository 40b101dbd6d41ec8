package dev.mtasts.dns;

import java.util.Objects;

/**
 * Whether the configured resolver validates DNSSEC: it sets the AD bit on the SOA of a name known to be signed
 * (RFC 7672 §2.1 needs a validating resolver; without one, every answer would be insecure and DANE never
 * applies). The root is signed on the Internet; a test world probes its own signed zone.
 */
public final class ResolverValidation {

    /** The name probed unless the configuration names another: the root, signed since 2010. */
    public static final String ROOT = ".";

    private final boolean validating;
    private final String detail;

    private ResolverValidation(boolean validating, String detail) {
        this.validating = validating;
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    /** Asks {@code lookup} for the SOA of {@code signedName}; validating only if the answer is secure. */
    public static ResolverValidation probe(DnsjavaDnssecLookup lookup, String signedName) {
        DnssecAnswer<String> answer = lookup.soa(signedName);
        if (answer instanceof DnssecAnswer.Secure && ((DnssecAnswer.Secure<String>) answer).hasRecords()) {
            return new ResolverValidation(true, "the resolver validates: SOA " + signedName + " has the AD bit");
        }
        if (answer instanceof DnssecAnswer.Failed) {
            return new ResolverValidation(false, "the resolver did not answer SOA " + signedName + ": "
                    + answer.detail());
        }
        return new ResolverValidation(false, "the resolver does not validate DNSSEC: SOA " + signedName
                + " came without the AD bit (" + answer.detail() + ")");
    }

    public static ResolverValidation validating(String detail) {
        return new ResolverValidation(true, detail);
    }

    public static ResolverValidation notValidating(String detail) {
        return new ResolverValidation(false, detail);
    }

    public boolean validating() {
        return validating;
    }

    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return detail;
    }
}
