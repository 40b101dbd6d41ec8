package dev.mtasts.dane;

import java.util.Objects;

/**
 * What DNS said about one MX host of a next-hop domain: whether the MX answer was secure, the DNSSEC status of
 * the host's addresses, and its TLSA records (RFC 7672 §2.2).
 */
public final class HostFacts {

    private final String nextHopDomain;
    private final boolean mxSecure;
    private final String host;
    private final DnssecStatus addresses;
    private final TlsaFacts tlsa;

    public HostFacts(String nextHopDomain, boolean mxSecure, String host, DnssecStatus addresses, TlsaFacts tlsa) {
        this.nextHopDomain = Objects.requireNonNull(nextHopDomain, "nextHopDomain");
        this.mxSecure = mxSecure;
        this.host = Objects.requireNonNull(host, "host");
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.tlsa = Objects.requireNonNull(tlsa, "tlsa");
    }

    public String nextHopDomain() {
        return nextHopDomain;
    }

    /** Whether the MX RRset of the next-hop domain was secure (then the domain is a DANE-TA reference name). */
    public boolean mxSecure() {
        return mxSecure;
    }

    /** The MX host name: the TLSA base domain and the SNI name (RFC 7672 §2.2.3, §8.1). */
    public String host() {
        return host;
    }

    public DnssecStatus addresses() {
        return addresses;
    }

    public TlsaFacts tlsa() {
        return tlsa;
    }

    @Override
    public String toString() {
        return host + " (MX " + (mxSecure ? "secure" : "insecure") + ", address " + addresses + ", TLSA " + tlsa + ")";
    }
}
