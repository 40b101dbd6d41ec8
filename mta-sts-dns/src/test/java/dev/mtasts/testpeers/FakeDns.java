package dev.mtasts.testpeers;

import dev.mtasts.dns.DnsAnswer;
import dev.mtasts.dns.DnsLookup;
import dev.mtasts.dns.MxHost;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A {@link DnsLookup} answered from tables filled by the test, for fast unit tests (real DNS is
 * {@link UnboundServer}). A name with no entry is {@link DnsAnswer.NotFound}; a name marked
 * {@link #failTemporarily(String)} is {@link DnsAnswer.TemporaryFailure} for every type. Names are case-insensitive,
 * a trailing dot is ignored. Every question is recorded as {@code "TYPE name"}, and a latch can hold answers back.
 */
public final class FakeDns implements DnsLookup {

    private final Map<String, DnsAnswer<String>> txt = new ConcurrentHashMap<>();
    private final Map<String, DnsAnswer<MxHost>> mx = new ConcurrentHashMap<>();
    private final Map<String, DnsAnswer<InetAddress>> addresses = new ConcurrentHashMap<>();
    private final Map<String, String> failing = new ConcurrentHashMap<>();
    private final List<String> questions = new ArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    public FakeDns address(String host, InetAddress... records) {
        addresses.put(key(host), found(List.of(records)));
        return this;
    }

    /** TXT records of {@code name}, each already joined as {@link DnsLookup#txt} promises; none is NXDOMAIN. */
    public FakeDns txt(String name, String... records) {
        txt.put(key(name), found(List.of(records)));
        return this;
    }

    /** Any TXT answer, e.g. a {@link DnsAnswer.TemporaryFailure}. */
    public FakeDns txt(String name, DnsAnswer<String> answer) {
        txt.put(key(name), answer);
        return this;
    }

    public FakeDns mx(String domain, MxHost... records) {
        mx.put(key(domain), found(List.of(records)));
        return this;
    }

    /** Every lookup of {@code name} answers as a SERVFAIL would. */
    public FakeDns failTemporarily(String name) {
        failing.put(key(name), "SERVFAIL for " + key(name) + " (test)");
        return this;
    }

    /** Lookups wait until {@code release} opens (for tests of concurrent callers). */
    public FakeDns holdAnswersUntil(CountDownLatch release) {
        this.gate = release;
        return this;
    }

    /** The questions asked so far, in order: {@code "TXT _mta-sts.example.com"}. */
    public synchronized List<String> questions() {
        return List.copyOf(questions);
    }

    /** How many questions of {@code type} ({@code TXT}, {@code MX}, {@code A/AAAA}) were asked. */
    public synchronized long questionsOfType(String type) {
        return questions.stream().filter(question -> question.startsWith(type + " ")).count();
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

    private <T> DnsAnswer<T> answer(String type, String name, Map<String, DnsAnswer<T>> table) {
        synchronized (this) {
            questions.add(type + " " + name);
        }
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String key = key(name);
        String failure = failing.get(key);
        if (failure != null) {
            return DnsAnswer.temporaryFailure(failure);
        }
        DnsAnswer<T> answer = table.get(key);
        return answer != null ? answer : DnsAnswer.notFound(type + " " + key + ": NXDOMAIN (test)");
    }

    private static <T> DnsAnswer<T> found(List<T> records) {
        return records.isEmpty() ? DnsAnswer.notFound("NODATA (test)") : DnsAnswer.found(records);
    }

    private static String key(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
