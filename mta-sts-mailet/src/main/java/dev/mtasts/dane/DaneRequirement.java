package dev.mtasts.dane;

import dev.mtasts.dns.TlsaRecord;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a DANE host's certificate must satisfy (RFC 7672 §3): one of its usable TLSA records, and for DANE-TA a
 * chain to the matched certificate and a leaf that names one of the reference names. SNI is the TLSA base
 * domain (§8.1).
 */
public final class DaneRequirement {

    private final String host;
    private final List<TlsaRecord> records;
    private final List<String> referenceNames;

    public DaneRequirement(String host, List<TlsaRecord> records, List<String> referenceNames) {
        this.host = Objects.requireNonNull(host, "host");
        this.records = List.copyOf(records);
        this.referenceNames = List.copyOf(referenceNames);
        if (this.records.isEmpty()) {
            throw new IllegalArgumentException("DANE needs at least one usable TLSA record");
        }
    }

    /** The MX host: TLSA base domain and the name sent as SNI. */
    public String host() {
        return host;
    }

    /** The usable TLSA records (see {@link UsableTlsa}). */
    public List<TlsaRecord> records() {
        return records;
    }

    /**
     * RFC 7672 §3.2.2: the names a DANE-TA leaf may carry: the TLSA base domain and, when the MX answer was
     * secure, the next-hop domain.
     */
    public List<String> referenceNames() {
        return referenceNames;
    }

    /** The TLSA RRset in presentation form, one record per line: the RFC 8460 policy-string of a tlsa policy. */
    public List<String> policyStrings() {
        return records.stream().map(TlsaRecord::toString).collect(Collectors.toList());
    }

    @Override
    public String toString() {
        return "DANE for " + host + " (" + records.size() + " usable TLSA, names " + referenceNames + ")";
    }
}
