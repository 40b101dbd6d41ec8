package dev.mtasts.dane;

import dev.mtasts.dns.DnssecAnswer;
import dev.mtasts.dns.DnssecLookup;
import dev.mtasts.dns.MxHost;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Gathers the {@link HostFacts} of an MX host in RFC 7672 §2.2's order: the address first, TLSA only when the
 * address answer is secure (an insecure address means no DANE, and the TLSA query is not even asked).
 */
public final class DaneFactsLookup {

    private final DnssecLookup lookup;

    public DaneFactsLookup(DnssecLookup lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    /** The next-hop domain's MX answer with its DNSSEC status. */
    public DnssecAnswer<MxHost> mx(String domain) {
        return lookup.mx(domain);
    }

    public HostFacts host(String nextHopDomain, boolean mxSecure, String host) {
        DnssecAnswer<InetAddress> addresses = lookup.addresses(host);
        DnssecStatus addressStatus = DnssecStatus.of(addresses);
        TlsaFacts tlsa = addressStatus == DnssecStatus.SECURE ? TlsaFacts.of(lookup.tlsa(host))
                : TlsaFacts.notLookedUp("address " + addressStatus + ": TLSA not looked up");
        return new HostFacts(nextHopDomain, mxSecure, host, addressStatus, tlsa);
    }
}
