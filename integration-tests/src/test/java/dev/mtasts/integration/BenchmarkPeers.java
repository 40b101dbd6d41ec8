package dev.mtasts.integration;

import dev.mtasts.testpeers.EximServer;
import dev.mtasts.testpeers.NginxServer;
import dev.mtasts.testpeers.TestCertificates;
import dev.mtasts.testpeers.UnboundServer;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The real servers of the end-to-end benchmarks, all on 127.0.106.x with the real ports:
 *
 * <pre>
 * 127.0.106.2          mx-plain.bench.test          no STARTTLS: the senders' MX, where bounces would land
 * 127.0.106.11 .. .14  mx1 .. mx4.bench.test        STARTTLS, each with a valid certificate for its name
 * 127.0.106.53         unbound: _mta-sts TXT records and the policy hosts' addresses (zone bench.test.)
 * 127.0.106.80         nginx: every mta-sts.&lt;domain&gt; policy host, chosen by SNI, each with its own certificate
 * </pre>
 *
 * exim offers TLS session tickets, as large receiving MXs do, so either side may resume a session. A {@link Workload} says which recipient domains exist and what each publishes: MTA-STS enforce, testing, or no
 * policy at all. Every domain's MX is one of the four STARTTLS hosts, so both sides of a comparison deliver every
 * message over validated TLS.
 */
final class BenchmarkPeers implements AutoCloseable {

    static final String ZONE = "bench.test";
    static final String SENDER_DOMAIN = "sender." + ZONE;
    static final String SENDER = "alice@" + SENDER_DOMAIN;
    static final String MX_PLAIN = "mx-plain." + ZONE;
    static final String PLAIN_ADDRESS = "127.0.106.2";
    static final String DNS_ADDRESS = "127.0.106.53";
    static final String POLICY_HOSTS_ADDRESS = "127.0.106.80";
    static final int MX_HOSTS = 4;

    /** What a recipient domain publishes: an MTA-STS policy, nothing, or DNSSEC-signed TLSA records (DANE). */
    enum Publishes { ENFORCE, TESTING, NOTHING, DANE }

    /** One recipient domain: its name, what it publishes and its one MX host. */
    record Domain(String name, Publishes publishes, String mx) {
    }

    /**
     * The recipient domains: {@code count} domains {@code d000.bench.test ...}, of which {@code enforcePercent} publish
     * an enforce policy, {@code testingPercent} a testing one and the rest nothing; domain i's MX is
     * {@code mx(i mod 4 + 1)}. Interleaved, so that any run of consecutive domains has the same mix.
     */
    record Workload(List<Domain> domains) {

        static Workload singleEnforceDomain() {
            return new Workload(List.of(new Domain("single." + ZONE, Publishes.ENFORCE, mxHost(1))));
        }

        static Workload mixed(int count, int enforcePercent, int testingPercent) {
            List<Domain> domains = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int slot = (i * 37) % 100; // spreads the kinds evenly over the list
                Publishes publishes = slot < enforcePercent ? Publishes.ENFORCE
                    : slot < enforcePercent + testingPercent ? Publishes.TESTING : Publishes.NOTHING;
                domains.add(new Domain(String.format(Locale.ROOT, "d%03d.%s", i, ZONE), publishes,
                    mxHost(i % MX_HOSTS + 1)));
            }
            return new Workload(List.copyOf(domains));
        }

        long count(Publishes publishes) {
            return domains.stream().filter(domain -> domain.publishes() == publishes).count();
        }

        List<Domain> withPolicy() {
            return domains.stream().filter(domain -> domain.publishes() == Publishes.ENFORCE
                || domain.publishes() == Publishes.TESTING).toList();
        }
    }

    static String mxHost(int number) {
        return "mx" + number + "." + ZONE;
    }

    static String mxAddress(int number) {
        return "127.0.106." + (10 + number);
    }

    private final TestCertificates.Authority authority = TestCertificates.newAuthority("MTA-STS Benchmark Test CA");
    private final Path directory;
    private final List<AutoCloseable> running = new ArrayList<>();
    private EximServer exim;
    private UnboundServer dns;

    private BenchmarkPeers(Path directory) {
        this.directory = directory;
    }

    /** Starts exim, unbound and nginx for this workload; skips when they are not installed or we are not root. */
    static BenchmarkPeers start(Path directory, Workload workload) throws IOException {
        Assumptions.assumeTrue(EximServer.isAvailable(), "exim and root are needed (scripts/install-test-deps.sh)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nginx"))
                && Files.isExecutable(Path.of("/usr/sbin/unbound")),
            "unbound and nginx are needed (scripts/install-test-deps.sh)");
        BenchmarkPeers peers = new BenchmarkPeers(directory);
        try {
            peers.startAll(workload);
            return peers;
        } catch (RuntimeException | IOException e) {
            peers.close();
            throw e;
        }
    }

    private void startAll(Workload workload) throws IOException {
        Files.createDirectories(directory);
        List<EximServer.Listener> listeners = new ArrayList<>();
        listeners.add(EximServer.Listener.withoutStartTls(PLAIN_ADDRESS));
        for (int i = 1; i <= MX_HOSTS; i++) {
            listeners.add(EximServer.Listener.startTls(mxAddress(i), authority.issue(mxHost(i))));
        }
        exim = EximServer.start(listeners, true);
        running.add(exim);

        List<String> records = new ArrayList<>();
        NginxServer.Builder nginx = NginxServer.builder(directory.resolve("nginx"));
        Path certificates = Files.createDirectories(directory.resolve("policy-host-certificates"));
        for (Domain domain : workload.withPolicy()) {
            String host = "mta-sts." + domain.name();
            records.add(host + ". 3600 IN A " + POLICY_HOSTS_ADDRESS);
            records.add("_mta-sts." + domain.name() + ". 3600 IN TXT \"v=STSv1; id=20260101;\"");
            TestCertificates.Leaf certificate = authority.issue(host);
            nginx.policyHost(host, POLICY_HOSTS_ADDRESS,
                certificate.writeChainPem(certificates.resolve(host + "-chain.pem")),
                certificate.writeKeyPem(certificates.resolve(host + "-key.pem")),
                policyText(domain));
        }
        dns = UnboundServer.builder().address(DNS_ADDRESS).port(53).staticZone(ZONE + ".")
            .localData(records.toArray(String[]::new)).start();
        running.add(dns);
        if (!workload.withPolicy().isEmpty()) {
            running.add(nginx.start());
        }
    }

    /** A realistic policy: the domain's MX, a backup name and a wildcard, max_age one week (RFC 8461 §3.2). */
    static String policyText(Domain domain) {
        String mode = domain.publishes() == Publishes.ENFORCE ? "enforce" : "testing";
        return "version: STSv1\r\nmode: " + mode + "\r\nmx: " + domain.mx() + "\r\nmx: backup." + domain.name()
            + "\r\nmx: *.relay." + domain.name() + "\r\nmax_age: 604800\r\n";
    }

    /** James' own DNS for this workload: every domain's MX, the MX hosts' addresses, the senders' domain. */
    LoopbackDns jamesDns(Workload workload) {
        LoopbackDns loopback = new LoopbackDns().mx(SENDER_DOMAIN, MX_PLAIN).address(MX_PLAIN, PLAIN_ADDRESS);
        for (int i = 1; i <= MX_HOSTS; i++) {
            loopback.address(mxHost(i), mxAddress(i));
        }
        for (Domain domain : workload.domains()) {
            loopback.mx(domain.name(), domain.mx());
        }
        return loopback;
    }

    EximServer exim() {
        return exim;
    }

    UnboundServer dns() {
        return dns;
    }

    TestCertificates.Authority authority() {
        return authority;
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                // keep stopping the others
            }
        }
        running.clear();
    }
}
