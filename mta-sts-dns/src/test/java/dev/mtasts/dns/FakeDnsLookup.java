package dev.mtasts.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link DnsLookup} answering from a table, for tests. Names are matched exactly as given; a name not in the
 * table is NXDOMAIN. Every question is recorded as {@code "TYPE name"}.
 */
public final class FakeDnsLookup implements DnsLookup {

    private final Map<String, DnsAnswer<String>> txt = new HashMap<>();
    private final Map<String, DnsAnswer<MxHost>> mx = new HashMap<>();
    private final Map<String, DnsAnswer<InetAddress>> addresses = new HashMap<>();
    private final List<String> questions = new ArrayList<>();

    /** TXT records of {@code name}, each already joined as {@link DnsLookup#txt} promises. */
    public FakeDnsLookup txt(String name, String... records) {
        return txt(name, new DnsAnswer.Found<>(List.of(records)));
    }

    public FakeDnsLookup txt(String name, DnsAnswer<String> answer) {
        txt.put(name, answer);
        return this;
    }

    public FakeDnsLookup mx(String domain, DnsAnswer<MxHost> answer) {
        mx.put(domain, answer);
        return this;
    }

    public FakeDnsLookup addresses(String host, DnsAnswer<InetAddress> answer) {
        addresses.put(host, answer);
        return this;
    }

    /** The questions asked so far, in order: {@code "TXT _mta-sts.example.com"}. */
    public synchronized List<String> questions() {
        return List.copyOf(questions);
    }

    @Override
    public DnsAnswer<String> txt(String name) {
        return answer("TXT", name, txt);
    }

    @Override
    public DnsAnswer<MxHost> mx(String domain) {
        return answer("MX", domain, mx);
    }

    @Override
    public DnsAnswer<InetAddress> addresses(String host) {
        return answer("A/AAAA", host, addresses);
    }

    private synchronized <T> DnsAnswer<T> answer(String type, String name, Map<String, DnsAnswer<T>> table) {
        questions.add(type + " " + name);
        DnsAnswer<T> answer = table.get(name);
        return answer != null ? answer : new DnsAnswer.NotFound<>(type + " " + name + ": NXDOMAIN");
    }
}
