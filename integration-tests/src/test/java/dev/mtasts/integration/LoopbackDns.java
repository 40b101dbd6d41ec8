package dev.mtasts.integration;

import org.apache.james.dnsservice.api.DNSService;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * James' DNS for the tests: MX records of the test domains and addresses of their MX hosts, all on loopback. The
 * same names are in {@code test-hosts}, through which the JVM (and so JavaMail, connecting by MX host name)
 * resolves them.
 */
public final class LoopbackDns implements DNSService {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

    private final Map<String, List<String>> mx = new ConcurrentHashMap<>();
    private final Map<String, InetAddress> addresses = new ConcurrentHashMap<>();

    public LoopbackDns mx(String domain, String... hosts) {
        mx.put(domain.toLowerCase(Locale.ROOT), List.of(hosts));
        return this;
    }

    public LoopbackDns address(String host, String ip) {
        try {
            addresses.put(host.toLowerCase(Locale.ROOT), InetAddress.getByAddress(host, InetAddress.getByName(ip)
                .getAddress()));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
        return this;
    }

    @Override
    public Collection<String> findMXRecords(String hostname) {
        return mx.getOrDefault(hostname.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public Collection<String> findTXTRecords(String hostname) {
        return List.of();
    }

    @Override
    public Collection<InetAddress> getAllByName(String host) throws UnknownHostException {
        return List.of(getByName(host));
    }

    @Override
    public InetAddress getByName(String host) throws UnknownHostException {
        InetAddress address = addresses.get(host.toLowerCase(Locale.ROOT));
        if (address != null) {
            return address;
        }
        if (IP_LITERAL.matcher(host).matches()) {
            return InetAddress.getByName(host); // a literal: no lookup (James' network matchers ask for these)
        }
        throw new UnknownHostException(host);
    }

    @Override
    public InetAddress getLocalHost() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public String getHostName(InetAddress address) {
        return "james.test";
    }
}
