package dev.mtasts.audit;

import dev.mtasts.fetch.TrustAnchors;
import dev.mtasts.testpeers.TestCertificates;
import dev.mtasts.testpeers.TestCertificates.Authority;
import dev.mtasts.testpeers.TestCertificates.Leaf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Each way a certificate can be wrong is its own finding; an expiry warning still passes. */
class CertificateAuditTest {

    private static final String HOST = "mx.example.test";
    private static final Instant NOW = Instant.now();

    private static Authority ca;
    private static Authority rogue;
    private static TrustAnchors trust;

    @BeforeAll
    static void authorities(@TempDir Path dir) throws Exception {
        ca = TestCertificates.newAuthority("Audit CA");
        rogue = TestCertificates.newAuthority("Rogue CA");
        trust = TrustAnchors.builder().withoutJdkDefaults().pemFile(ca.writePem(dir.resolve("ca.pem"))).build();
    }

    static Stream<Arguments> certificates() {
        return Stream.of(
            arguments("valid for 90 days", leaf(() -> ca, 90, HOST, HOST), true, List.of()),
            arguments("valid for 10 more days", leaf(() -> ca, 10, HOST, HOST), true, List.of("mx.cert.expiring")),
            arguments("valid for 30 more days", leaf(() -> ca, 31, HOST, HOST), true, List.of()),
            arguments("a wildcard", leaf(() -> ca, 90, "*.example.test", "*.example.test"), true, List.of()),
            arguments("expired", (Supplier<Leaf>) () -> ca.issueExpired(HOST), false, List.of("mx.cert.expired")),
            arguments("not yet valid", (Supplier<Leaf>) () -> ca.issueNotYetValid(HOST), false,
                List.of("mx.cert.not-yet-valid")),
            arguments("another host", leaf(() -> ca, 90, "www.example.test", "www.example.test"), false,
                List.of("mx.cert.wrong-host")),
            arguments("the host only in the common name", leaf(() -> ca, 90, HOST), false,
                List.of("mx.cert.wrong-host")),
            arguments("an unknown CA", leaf(() -> rogue, 90, HOST, HOST), false, List.of("mx.cert.untrusted")),
            arguments("expired, unknown CA, another host", (Supplier<Leaf>) () -> rogue.issueExpired("www.example.test"),
                false, List.of("mx.cert.expired", "mx.cert.untrusted", "mx.cert.wrong-host")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("certificates")
    void findsEachProblem(String name, Supplier<Leaf> leaf, boolean passes, List<String> codes) throws Exception {
        Leaf certificate = leaf.get();
        TlsPeer peer = new TlsPeer(InetAddress.getLoopbackAddress(), "TLSv1.3", "TLS_AES_128_GCM_SHA256",
            certificate.chain(), "ECDHE_ECDSA");
        Findings findings = new Findings();

        boolean passed = new CertificateAudit(trust, Clock.systemUTC())
            .check(peer, HOST, "MX " + HOST, CertificateCodes.MX_HOST, findings);

        assertThat(findings.list()).extracting(finding -> finding.code().code()).isEqualTo(codes);
        assertThat(passed).isEqualTo(passes);
    }

    /** A leaf valid from an hour ago for {@code days} days, with a common name and DNS names. */
    private static Supplier<Leaf> leaf(Supplier<Authority> issuer, int days, String commonName, String... dnsNames) {
        return () -> issuer.get().issue(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(days)), commonName,
            dnsNames);
    }
}
