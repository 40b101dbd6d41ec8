package dev.mtasts.james.tls;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.dnsservice.api.TemporaryResolutionException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * James' DNS as a lane's RemoteDelivery sees it, noting on the delivering thread's {@link MxTlsScope} which MX host
 * name each address came from ({@link MxHostNames}): James resolves each MX host through its DNSService just before
 * trying it, and then connects by address. Answers are passed on unchanged.
 */
public final class MxAddressNamingDnsService implements DNSService {

    private final DNSService dns;

    public MxAddressNamingDnsService(DNSService dns) {
        this.dns = Objects.requireNonNull(dns, "dns");
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
    public Collection<InetAddress> getAllByName(String host) throws UnknownHostException {
        Collection<InetAddress> addresses = dns.getAllByName(host);
        note(host, addresses);
        return addresses;
    }

    @Override
    public InetAddress getByName(String host) throws UnknownHostException {
        InetAddress address = dns.getByName(host);
        note(host, address == null ? List.of() : List.of(address));
        return address;
    }

    private static void note(String host, Collection<InetAddress> addresses) {
        if (host != null && addresses != null) {
            MxTlsScope.current().ifPresent(scope -> scope.mxHostNames().resolved(host, addresses));
        }
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
