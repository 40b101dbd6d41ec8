package dev.mtasts.discovery;

import dev.mtasts.dns.DnsLookup;

import java.util.Objects;

/** Finds a domain's MTA-STS and TLS reporting records. */
public final class RecordDiscovery {

    private final DnsLookup dns;

    public RecordDiscovery(DnsLookup dns) {
        this.dns = Objects.requireNonNull(dns, "dns");
    }

    /** RFC 8461 §3.1: TXT {@code _mta-sts.<domain>}; never a parent zone (§3.4). */
    public StsDiscovery sts(String domain) {
        throw new UnsupportedOperationException("not yet");
    }

    /** RFC 8460 §3: TXT {@code _smtp._tls.<domain>}. */
    public TlsRptDiscovery tlsRpt(String domain) {
        throw new UnsupportedOperationException("not yet");
    }

    public DnsLookup dns() {
        return dns;
    }
}
