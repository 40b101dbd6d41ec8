package dev.mtasts.integration;

import dev.mtasts.integration.BenchmarkPeers.Domain;
import dev.mtasts.integration.BenchmarkPeers.Publishes;
import dev.mtasts.integration.BenchmarkPeers.Workload;
import dev.mtasts.testpeers.EximServer;
import dev.mtasts.testpeers.SignedZones;
import dev.mtasts.testpeers.TestCertificates;
import dev.mtasts.testpeers.UnboundServer;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real servers of the DANE end-to-end benchmark (RFC 7672), on 127.0.108.x with the real ports:
 *
 * <pre>
 * 127.0.108.102   mx-plain.danebench.test   no STARTTLS: the senders' MX, where bounces would land
 * 127.0.108.111   mx1.danebench.test        STARTTLS, a certificate from the test CA for its name
 * 127.0.108.153   unbound, validating: zone danebench.test. signed at start (the trust anchor), with the MX,
 *                 address and TLSA 3 1 1 records of the DANE domain
 * </pre>
 *
 * The one recipient domain {@code single.danebench.test} has a secure MX answer and a usable TLSA record for its
 * one MX host, so MtaStsRemoteDelivery delivers it by the DANE lane (DNSSEC lookups, TLSA authentication); the
 * certificate also chains to the test CA, so James' own RemoteDelivery with {@code startTLS} delivers it over
 * validated TLS too. exim offers TLS session tickets, as in {@link BenchmarkPeers}.
 */
final class DaneBenchmarkPeers implements AutoCloseable {

    static final String ZONE = "danebench.test";
    static final String PROBE = ZONE + ".";
    static final String SENDER_DOMAIN = "sender." + ZONE;
    static final String SENDER = "alice@" + SENDER_DOMAIN;
    static final String MX = "mx1." + ZONE;
    static final String MX_ADDRESS = "127.0.108.111";
    static final String MX_PLAIN = "mx-plain." + ZONE;
    static final String PLAIN_ADDRESS = "127.0.108.102";
    static final String DNS_ADDRESS = "127.0.108.153";

    private final TestCertificates.Authority authority = TestCertificates.newAuthority("DANE Benchmark Test CA");
    private final Path directory;
    private final List<AutoCloseable> running = new ArrayList<>();
    private EximServer exim;
    private UnboundServer dns;

    private DaneBenchmarkPeers(Path directory) {
        this.directory = directory;
    }

    /** The benchmark's one DANE domain. */
    static Workload singleDaneDomain() {
        return new Workload(List.of(new Domain("single." + ZONE, Publishes.DANE, MX)));
    }

    /** Starts exim and the validating unbound; skips when they are not installed or we are not root. */
    static DaneBenchmarkPeers start(Path directory) throws IOException {
        Assumptions.assumeTrue(EximServer.isAvailable(), "exim and root are needed (scripts/install-test-deps.sh)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/unbound"))
                && Files.isExecutable(Path.of("/usr/bin/dnssec-signzone")),
            "unbound and dnssec-signzone are needed (scripts/install-test-deps.sh)");
        DaneBenchmarkPeers peers = new DaneBenchmarkPeers(directory);
        try {
            peers.startAll();
            return peers;
        } catch (RuntimeException | IOException e) {
            peers.close();
            throw e;
        }
    }

    private void startAll() throws IOException {
        Files.createDirectories(directory);
        TestCertificates.Leaf certificate = authority.issue(MX);
        exim = EximServer.start(List.of(EximServer.Listener.withoutStartTls(PLAIN_ADDRESS),
            EximServer.Listener.startTls(MX_ADDRESS, certificate)), true);
        running.add(exim);
        SignedZones.Builder zone = SignedZones.builder(directory.resolve("zones")).signed(PROBE)
            .record(MX + ". 3600 IN A " + MX_ADDRESS)
            .record("_25._tcp." + MX + ". 3600 IN TLSA " + SignedZones.tlsa(3, 1, 1, certificate.certificate()))
            .record(MX_PLAIN + ". 3600 IN A " + PLAIN_ADDRESS)
            .record(SENDER_DOMAIN + ". 3600 IN MX 10 " + MX_PLAIN + ".");
        for (Domain domain : singleDaneDomain().domains()) {
            zone.record(domain.name() + ". 3600 IN MX 10 " + domain.mx() + ".");
        }
        dns = zone.build().serve(UnboundServer.builder().address(DNS_ADDRESS).port(53)).start();
        running.add(dns);
    }

    /** James' own DNS (side B, and the lanes without DANE): the MX records and addresses, as the zone has them. */
    LoopbackDns jamesDns(Workload workload) {
        LoopbackDns loopback = new LoopbackDns().mx(SENDER_DOMAIN, MX_PLAIN).address(MX_PLAIN, PLAIN_ADDRESS)
            .address(MX, MX_ADDRESS);
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
