package dev.mtasts.james.delivery;

import dev.mtasts.dane.DanePlanner;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.dnsservice.api.TemporaryResolutionException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * James' DNS as the DANE lane sees it: the addresses of an MX host come from the validating resolver, the one the
 * host's DANE decision was made on (RFC 7672 §2.2.2: the host's address records must be secure for DANE to
 * apply, so the addresses connected to are those). Everything else goes to James' DNS unchanged.
 */
final class DnssecAddressDnsService implements DNSService {

    private final DNSService dns;
    private final DanePlanner dane;

    DnssecAddressDnsService(DNSService dns, DanePlanner dane) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.dane = Objects.requireNonNull(dane, "dane");
    }

    @Override
    public Collection<InetAddress> getAllByName(String host) throws UnknownHostException {
        List<InetAddress> addresses = dane.addresses(host);
        if (addresses.isEmpty()) {
            throw new UnknownHostException("DANE: the validating resolver gave no address for " + host);
        }
        return addresses;
    }

    @Override
    public InetAddress getByName(String host) throws UnknownHostException {
        return getAllByName(host).iterator().next();
    }

    @Override
    public Collection<String> findMXRecords(String hostname) throws TemporaryResolutionException {
        return dns.findMXRecords(hostname);
    }

    @Override
    public Collection<String> findTXTRecords(String hostname) {
        return dns.findTXTRecords(hostname);
    }

    @Override
    public InetAddress getLocalHost() throws UnknownHostException {
        return dns.getLocalHost();
    }

    @Override
    public String getHostName(InetAddress addr) {
        return dns.getHostName(addr);
    }
}
