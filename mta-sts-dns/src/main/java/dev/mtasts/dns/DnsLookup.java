package dev.mtasts.dns;

import java.net.InetAddress;

/**
 * The DNS questions MTA-STS asks. Names are absolute (no search path); CNAMEs are followed; nothing is cached
 * here (the policy service caches policies, not DNS answers).
 */
public interface DnsLookup {

    /**
     * TXT records of {@code name}. Each element is one record with its character-strings joined with nothing in
     * between (RFC 8461 §3.1, RFC 7208 §3.3).
     */
    DnsAnswer<String> txt(String name);

    /** MX records of {@code domain}, sorted by preference. A domain with no MX record is {@link DnsAnswer.NotFound}. */
    DnsAnswer<MxHost> mx(String domain);

    /** A and AAAA records of {@code host} (IPv4 first). */
    DnsAnswer<InetAddress> addresses(String host);
}
