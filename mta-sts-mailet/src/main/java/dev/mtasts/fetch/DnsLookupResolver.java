package dev.mtasts.fetch;

import dev.mtasts.dns.DnsAnswer;
import dev.mtasts.dns.DnsLookup;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

import org.apache.http.conn.DnsResolver;

/**
 * Resolves the policy host through the project's {@link DnsLookup} rather than the JVM's resolver, so the
 * fetch asks the same DNS servers as discovery does.
 */
final class DnsLookupResolver implements DnsResolver {

    private final DnsLookup dns;

    DnsLookupResolver(DnsLookup dns) {
        this.dns = Objects.requireNonNull(dns, "dns");
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        DnsAnswer<InetAddress> answer = dns.addresses(host);
        if (answer instanceof DnsAnswer.Found) {
            return ((DnsAnswer.Found<InetAddress>) answer).records().toArray(InetAddress[]::new);
        }
        if (answer instanceof DnsAnswer.NotFound) {
            throw new UnknownHostException("no address for " + host + ": "
                    + ((DnsAnswer.NotFound<InetAddress>) answer).detail());
        }
        if (answer instanceof DnsAnswer.TemporaryFailure) {
            throw new UnknownHostException("temporary failure resolving " + host + ": "
                    + ((DnsAnswer.TemporaryFailure<InetAddress>) answer).detail());
        }
        throw new UnknownHostException("no DNS answer for " + host);
    }
}
