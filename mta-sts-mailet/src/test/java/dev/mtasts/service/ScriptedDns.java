package dev.mtasts.service;

import dev.mtasts.dns.DnsAnswer;
import dev.mtasts.dns.DnsLookup;
import dev.mtasts.dns.MxHost;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** TXT answers set by the test, counting every query; a latch can hold queries back. */
final class ScriptedDns implements DnsLookup {

    private final Map<String, DnsAnswer<String>> txt = new ConcurrentHashMap<>();
    private final AtomicInteger txtQueries = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    void stsRecord(String domain, String... records) {
        txt.put("_mta-sts." + domain, new DnsAnswer.Found<>(List.of(records)));
    }

    void noRecord(String domain) {
        txt.put("_mta-sts." + domain, new DnsAnswer.NotFound<>("NXDOMAIN"));
    }

    void servfail(String domain) {
        txt.put("_mta-sts." + domain, new DnsAnswer.TemporaryFailure<>("SERVFAIL"));
    }

    void holdQueriesUntil(CountDownLatch release) {
        this.gate = release;
    }

    int txtQueries() {
        return txtQueries.get();
    }

    @Override
    public DnsAnswer<String> txt(String name) {
        txtQueries.incrementAndGet();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return txt.getOrDefault(name, new DnsAnswer.NotFound<>("NXDOMAIN"));
    }

    @Override
    public DnsAnswer<MxHost> mx(String domain) {
        return new DnsAnswer.NotFound<>("not scripted");
    }

    @Override
    public DnsAnswer<InetAddress> addresses(String host) {
        return new DnsAnswer.NotFound<>("not scripted");
    }
}
