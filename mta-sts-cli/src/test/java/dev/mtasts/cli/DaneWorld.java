package dev.mtasts.cli;

import dev.mtasts.testpeers.EximMxHosts;
import dev.mtasts.testpeers.SignedZones;
import dev.mtasts.testpeers.TestCertificates;
import dev.mtasts.testpeers.TestCertificates.Authority;
import dev.mtasts.testpeers.TestCertificates.Leaf;
import dev.mtasts.testpeers.UnboundServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * DANE on loopback for {@code mta-sts query} and {@code check}: a validating unbound over zones signed at test time
 * ({@code test.} as trust anchor, {@code dane.test.} a signed child, {@code insecure.test.} a delegation without
 * DS) and a real exim serving the MX hosts' certificates on port 25 of 127.0.105.25-28. TLSA values are computed
 * from the certificates exim presents. One domain per scenario, {@code <scenario>.dane.test}.
 */
final class DaneWorld implements AutoCloseable {

    static final String DNS_ADDRESS = "127.0.105.53";
    static final String EE_HOST = "127.0.105.25";
    static final String TA_HOST = "127.0.105.26";
    static final String EXPIRING_HOST = "127.0.105.27";
    static final String EXPIRED_HOST = "127.0.105.28";

    private final Path directory;
    private final UnboundServer dns;
    private final EximMxHosts exim;

    private DaneWorld(Path directory, UnboundServer dns, EximMxHosts exim) {
        this.directory = directory;
        this.dns = dns;
        this.exim = exim;
    }

    static DaneWorld start() {
        Instant now = Instant.now();
        Path directory;
        try {
            directory = Files.createTempDirectory("dane-world-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Authority ca = TestCertificates.newAuthority("DANE World CA");
        Leaf ee = ca.issue(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(90)), "mx.good.dane.test",
                "mx.good.dane.test");
        Leaf other = ca.issue(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(90)), "mx.good.dane.test",
                "mx.good.dane.test");
        Leaf ta = ca.issue(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(90)), "mx.ta.dane.test",
                "mx.ta.dane.test");
        Leaf expiring = ca.issue(now.minus(Duration.ofDays(80)), now.plus(Duration.ofDays(10)),
                "mx.expiring.dane.test", "mx.expiring.dane.test");
        Leaf expired = ca.issueExpired("mx.expired.dane.test");
        String eeKey = SignedZones.tlsa(3, 1, 1, ee.certificate());
        String caCert = SignedZones.tlsa(2, 0, 1, ca.certificate());

        SignedZones zones = SignedZones.builder(directory.resolve("zones"))
                .signed("test.")
                .signed("dane.test.")
                .unsigned("insecure.test.")
                .record("mx.ee.dane.test. 300 IN A " + EE_HOST)
                .record("mx.ta.dane.test. 300 IN A " + TA_HOST)
                .record("mx.expiring.dane.test. 300 IN A " + EXPIRING_HOST)
                .record("mx.expired.dane.test. 300 IN A " + EXPIRED_HOST)
                // good: DANE-EE 3 1 1 of the key exim presents
                .record("good.dane.test. 300 IN MX 10 mx.good.dane.test.")
                .record("mx.good.dane.test. 300 IN A " + EE_HOST)
                .record("_25._tcp.mx.good.dane.test. 300 IN TLSA " + eeKey)
                // ta: DANE-TA 2 0 1 of the CA, the certificate names the MX host
                .record("ta.dane.test. 300 IN MX 10 mx.ta.dane.test.")
                .record("_25._tcp.mx.ta.dane.test. 300 IN TLSA " + caCert)
                // ta-wrong-name: the same certificate behind another MX host name
                .record("ta-wrong-name.dane.test. 300 IN MX 10 mx.tawrong.dane.test.")
                .record("mx.tawrong.dane.test. 300 IN A " + TA_HOST)
                .record("_25._tcp.mx.tawrong.dane.test. 300 IN TLSA " + caCert)
                // wrong-tlsa: TLSA for a different key
                .record("wrong-tlsa.dane.test. 300 IN MX 10 mx.wrong.dane.test.")
                .record("mx.wrong.dane.test. 300 IN A " + EE_HOST)
                .record("_25._tcp.mx.wrong.dane.test. 300 IN TLSA " + SignedZones.tlsa(3, 1, 1, other.certificate()))
                // bogus: the TLSA record edited after signing
                .record("bogus.dane.test. 300 IN MX 10 mx.bogus.dane.test.")
                .record("mx.bogus.dane.test. 300 IN A " + EE_HOST)
                .bogus("_25._tcp.mx.bogus.dane.test. 300 IN TLSA " + eeKey,
                        SignedZones.tlsa(3, 1, 1, other.certificate()))
                // no-tlsa: a signed zone, no TLSA
                .record("no-tlsa.dane.test. 300 IN MX 10 mx.notlsa.dane.test.")
                .record("mx.notlsa.dane.test. 300 IN A " + EE_HOST)
                // unusable: only a PKIX-EE record
                .record("unusable.dane.test. 300 IN MX 10 mx.unusable.dane.test.")
                .record("mx.unusable.dane.test. 300 IN A " + EE_HOST)
                .record("_25._tcp.mx.unusable.dane.test. 300 IN TLSA " + SignedZones.tlsa(1, 1, 1, ee.certificate()))
                // expiring: 3 0 1 of a certificate that expires in 10 days
                .record("expiring.dane.test. 300 IN MX 10 mx.expiring.dane.test.")
                .record("_25._tcp.mx.expiring.dane.test. 300 IN TLSA "
                        + SignedZones.tlsa(3, 0, 1, expiring.certificate()))
                // expired: DANE-EE ignores dates
                .record("expired.dane.test. 300 IN MX 10 mx.expired.dane.test.")
                .record("_25._tcp.mx.expired.dane.test. 300 IN TLSA " + SignedZones.tlsa(3, 1, 1, expired.certificate()))
                // mixed: one failing DANE host, one good
                .record("mixed.dane.test. 300 IN MX 10 mx.wrong.dane.test.")
                .record("mixed.dane.test. 300 IN MX 20 mx.good.dane.test.")
                // insecure: a delegation without DS
                .record("insecure.test. 300 IN MX 10 mx.insecure.test.")
                .record("mx.insecure.test. 300 IN A " + EE_HOST)
                .record("_25._tcp.mx.insecure.test. 300 IN TLSA " + eeKey)
                .build();
        UnboundServer dns = null;
        try {
            dns = zones.serve(UnboundServer.builder().address(DNS_ADDRESS)).start();
            Path certificates = directory.resolve("mx");
            Files.createDirectories(certificates);
            EximMxHosts.Builder exim = EximMxHosts.builder();
            serve(exim, certificates, EE_HOST, ee);
            serve(exim, certificates, TA_HOST, ta);
            serve(exim, certificates, EXPIRING_HOST, expiring);
            serve(exim, certificates, EXPIRED_HOST, expired);
            return new DaneWorld(directory, dns, exim.start());
        } catch (IOException | RuntimeException e) {
            if (dns != null) {
                dns.close();
            }
            deleteRecursively(directory);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static void serve(EximMxHosts.Builder exim, Path directory, String address, Leaf leaf) {
        exim.starttls(address, leaf.writeChainPem(directory.resolve(address + "-chain.pem")),
                leaf.writeKeyPem(directory.resolve(address + "-key.pem")));
    }

    String dnsServer() {
        return dns.hostAndPort();
    }

    String logs() {
        return "exim:\n" + exim.log() + "\nunbound:\n" + dns.output();
    }

    @Override
    public void close() {
        try {
            exim.close();
        } finally {
            try {
                dns.close();
            } finally {
                deleteRecursively(directory);
            }
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
