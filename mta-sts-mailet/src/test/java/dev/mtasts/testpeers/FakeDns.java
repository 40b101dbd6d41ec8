package dev.mtasts.testpeers;

import dev.mtasts.dns.DnsAnswer;
import dev.mtasts.dns.DnsLookup;
import dev.mtasts.dns.MxHost;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link DnsLookup} answered from tables filled by the test. A name with no entry is
 * {@link DnsAnswer.NotFound}; a name marked {@link #failTemporarily(String)} is {@link DnsAnswer.TemporaryFailure}
 * for every type. Names are case-insensitive, a trailing dot is ignored.
 */
public final class FakeDns implements DnsLookup {

    private final Map<String, List<String>> txt = new ConcurrentHashMap<>();
    private final Map<String, List<MxHost>> mx = new ConcurrentHashMap<>();
    private final Map<String, List<InetAddress>> addresses = new ConcurrentHashMap<>();
    private final Map<String, String> failing = new ConcurrentHashMap<>();

    public FakeDns address(String host, InetAddress... records) {
        addresses.put(key(host), List.of(records));
        return this;
    }

    public FakeDns txt(String name, String... records) {
        txt.put(key(name), List.of(records));
        return this;
    }

    public FakeDns mx(String domain, MxHost... records) {
        mx.put(key(domain), List.of(records));
        return this;
    }

    /** Every lookup of {@code name} answers as a SERVFAIL would. */
    public FakeDns failTemporarily(String name) {
        failing.put(key(name), "SERVFAIL for " + key(name) + " (test)");
        return this;
    }

    @Override
    public DnsAnswer<String> txt(String name) {
        return answer(name, txt);
    }

    @Override
    public DnsAnswer<MxHost> mx(String domain) {
        return answer(domain, mx);
    }

    @Override
    public DnsAnswer<InetAddress> addresses(String host) {
        return answer(host, addresses);
    }

    private <T> DnsAnswer<T> answer(String name, Map<String, List<T>> table) {
        String key = key(name);
        String failure = failing.get(key);
        if (failure != null) {
            return new DnsAnswer.TemporaryFailure<>(failure);
        }
        List<T> records = table.get(key);
        if (records == null || records.isEmpty()) {
            return new DnsAnswer.NotFound<>("NXDOMAIN for " + key + " (test)");
        }
        return new DnsAnswer.Found<>(records);
    }

    private static String key(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
