package dev.mtasts.james.delivery;

import dev.mtasts.dns.DnssecAnswer;
import dev.mtasts.dns.DnssecLookup;
import dev.mtasts.dns.MxHost;
import dev.mtasts.dns.TlsaRecord;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** DNSSEC answers by name; anything not set is a secure NXDOMAIN. */
final class InMemoryDnssec implements DnssecLookup {
    private final Map<String, DnssecAnswer<MxHost>> mx = new HashMap<>();
    private final Map<String, DnssecAnswer<TlsaRecord>> tlsa = new HashMap<>();
    private final Map<String, DnssecAnswer<InetAddress>> addresses = new HashMap<>();

    InMemoryDnssec secureMx(String domain, String... hosts) {
        List<MxHost> records = new ArrayList<>();
        for (int i = 0; i < hosts.length; i++) {
            records.add(new MxHost(10 * (i + 1), hosts[i]));
        }
        mx.put(domain, DnssecAnswer.secure(records, Duration.ofMinutes(5), "secure"));
        return this;
    }

    InMemoryDnssec bogusMx(String domain) {
        mx.put(domain, DnssecAnswer.failed("SERVFAIL (bogus)"));
        return this;
    }

    InMemoryDnssec secureHost(String host, List<TlsaRecord> records) {
        addresses.put(host, DnssecAnswer.secure(List.of(InetAddress.getLoopbackAddress()), Duration.ofMinutes(5),
            "secure"));
        tlsa.put(host, DnssecAnswer.secure(records, Duration.ofMinutes(5), "secure"));
        return this;
    }

    InMemoryDnssec bogusTlsa(String host) {
        addresses.put(host, DnssecAnswer.secure(List.of(InetAddress.getLoopbackAddress()), Duration.ofMinutes(5),
            "secure"));
        tlsa.put(host, DnssecAnswer.failed("SERVFAIL (bogus)"));
        return this;
    }

    @Override
    public DnssecAnswer<TlsaRecord> tlsa(String host) {
        return tlsa.getOrDefault(host, DnssecAnswer.secure(List.of(), Duration.ofMinutes(5), "NXDOMAIN"));
    }

    @Override
    public DnssecAnswer<MxHost> mx(String domain) {
        return mx.getOrDefault(domain, DnssecAnswer.secure(List.of(), Duration.ofMinutes(5), "NXDOMAIN"));
    }

    @Override
    public DnssecAnswer<InetAddress> addresses(String host) {
        return addresses.getOrDefault(host, DnssecAnswer.secure(List.of(), Duration.ofMinutes(5), "NXDOMAIN"));
    }
}
