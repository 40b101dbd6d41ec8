package dev.mtasts.dns;

import java.net.InetAddress;

/**
 * The DNS questions DANE asks (RFC 7672 §2), with the DNSSEC status a validating resolver gives each answer.
 * Names are absolute; CNAMEs are followed; a lookup never throws.
 */
public interface DnssecLookup {

    /** The TLSA base domain's port-25 TLSA records: {@code _25._tcp.<host>} (RFC 7672 §2.2.3). */
    DnssecAnswer<TlsaRecord> tlsa(String host);

    /** MX records of {@code domain}, sorted by preference (RFC 7672 §2.2.1). */
    DnssecAnswer<MxHost> mx(String domain);

    /**
     * A and AAAA records of {@code host} (RFC 7672 §2.2.2). Secure only if both answers are; failed if either
     * failed (a bogus address answer is a bogus host).
     */
    DnssecAnswer<InetAddress> addresses(String host);
}
