package dev.mtasts.audit;

import dev.mtasts.certificate.DnsIdentity;
import dev.mtasts.fetch.TrustAnchors;
import dev.mtasts.james.tls.MxCertificateVerifier;
import dev.mtasts.james.tls.TlsFailure;
import dev.mtasts.outcome.ResultType;
import dev.mtasts.testpeers.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mta-sts check} ({@link CertificateAudit}) and the server agree on every certificate of the test worlds: the
 * MX hosts' certificates of MxPeers and MatrixPeers, the policy hosts' of ProductionWiringTest and MatrixPeers, and a
 * few more shapes (wildcards, a common name without DNS-IDs, not yet valid). The server's verdicts are those of the
 * MX check ({@link MxCertificateVerifier}) and of the policy fetch (the trust anchors' PKIX trust manager with the
 * {@link DnsIdentity} rule its host-name verifier applies).
 */
class CertificateVerdictAgreementTest {

    private static final TestCertificates.Authority AUTHORITY = TestCertificates.newAuthority("MTA-STS Test CA");
    private static final TestCertificates.Authority STRANGER = TestCertificates.newAuthority("Untrusted Test CA");
    private static TrustAnchors trust;

    /** One certificate as a server presents it for a host name, and what both checks must say. */
    record Row(String name, TestCertificates.Leaf leaf, String host, Optional<ResultType> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void trustTheTestAuthority(@TempDir Path directory) throws Exception {
        trust = TrustAnchors.builder().withoutJdkDefaults().pemFile(AUTHORITY.writePem(directory.resolve("ca.pem")))
            .build();
    }

    static Stream<Row> certificates() {
        Instant now = Instant.now();
        return Stream.of(
            // MxPeers (127.0.10.x) and MatrixPeers (127.0.70.x)
            new Row("MxPeers good", AUTHORITY.issue("mx-good.example.test"), "mx-good.example.test",
                Optional.empty()),
            new Row("MxPeers wrong name", AUTHORITY.issue("someone-else.example.test"), "mx-wrongname.example.test",
                Optional.of(ResultType.CERTIFICATE_HOST_MISMATCH)),
            new Row("MxPeers expired", AUTHORITY.issueExpired("mx-expired.example.test"), "mx-expired.example.test",
                Optional.of(ResultType.CERTIFICATE_EXPIRED)),
            new Row("MxPeers unlisted", AUTHORITY.issue("mx-unlisted.example.test"), "mx-unlisted.example.test",
                Optional.empty()),
            new Row("MatrixPeers good", AUTHORITY.issue("mx-good.matrix.test"), "mx-good.matrix.test",
                Optional.empty()),
            new Row("MatrixPeers expired", AUTHORITY.issueExpired("mx-expired.matrix.test"), "mx-expired.matrix.test",
                Optional.of(ResultType.CERTIFICATE_EXPIRED)),
            new Row("MatrixPeers wrong name", AUTHORITY.issue("someone-else.matrix.test"), "mx-wrongname.matrix.test",
                Optional.of(ResultType.CERTIFICATE_HOST_MISMATCH)),
            new Row("MatrixPeers untrusted", STRANGER.issue("mx-untrusted.matrix.test"), "mx-untrusted.matrix.test",
                Optional.of(ResultType.CERTIFICATE_NOT_TRUSTED)),
            new Row("MatrixPeers old TLS (the certificate itself is fine)", AUTHORITY.issue("mx-oldtls.matrix.test"),
                "mx-oldtls.matrix.test", Optional.empty()),
            new Row("MatrixPeers outside", AUTHORITY.issue("mx-outside.matrix.test"), "mx-outside.matrix.test",
                Optional.empty()),
            new Row("MatrixPeers good2", AUTHORITY.issue("mx-good2.matrix.test"), "mx-good2.matrix.test",
                Optional.empty()),
            // policy hosts (ProductionWiringTest, MatrixPeers: one certificate for several policy hosts)
            new Row("policy host of e2e-enforce.test", AUTHORITY.issue("mta-sts.e2e-enforce.test"),
                "mta-sts.e2e-enforce.test", Optional.empty()),
            new Row("policy hosts sharing a certificate", AUTHORITY.issue("mta-sts.a.matrix.test",
                "mta-sts.b.matrix.test"), "mta-sts.b.matrix.test", Optional.empty()),
            new Row("policy host not on a shared certificate", AUTHORITY.issue("mta-sts.a.matrix.test",
                "mta-sts.b.matrix.test"), "mta-sts.c.matrix.test", Optional.of(ResultType.CERTIFICATE_HOST_MISMATCH)),
            // RFC 6125 §6.4: DNS-IDs only; a wildcard covers exactly one left-most label
            new Row("wildcard for one label", AUTHORITY.issue("*.example.test"), "mx.example.test", Optional.empty()),
            new Row("wildcard for two labels", AUTHORITY.issue("*.example.test"), "a.mx.example.test",
                Optional.of(ResultType.CERTIFICATE_HOST_MISMATCH)),
            new Row("common name only, no DNS-ID", AUTHORITY.issue(now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(1)), "mx.cn-only.test"), "mx.cn-only.test",
                Optional.of(ResultType.CERTIFICATE_HOST_MISMATCH)),
            new Row("not yet valid", AUTHORITY.issueNotYetValid("mx.later.test"), "mx.later.test",
                Optional.of(ResultType.CERTIFICATE_EXPIRED)),
            new Row("expired and for another host", AUTHORITY.issueExpired("someone-else.test"), "mx.both.test",
                Optional.of(ResultType.CERTIFICATE_EXPIRED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("certificates")
    void theCheckerAndTheServerAgree(Row row) throws Exception {
        X509Certificate[] chain = row.leaf().chain().toArray(X509Certificate[]::new);
        String authType = "ECDHE_" + (row.leaf().certificate().getPublicKey().getAlgorithm().equals("EC") ? "ECDSA"
            : "RSA");

        Optional<ResultType> server = new MxCertificateVerifier(trust.trustManager(), Clock.systemUTC())
            .verify(chain, authType, row.host(), "TLSv1.3").map(TlsFailure::type);
        boolean policyFetchAccepts = policyFetchAccepts(chain, authType, row.host());

        Findings findings = new Findings();
        boolean checkerAccepts = new CertificateAudit(trust, Clock.systemUTC()).check(
            new TlsPeer(InetAddress.getLoopbackAddress(), "TLSv1.3", "TLS_AES_128_GCM_SHA256", List.of(chain),
                authType), row.host(), "MX " + row.host(), CertificateCodes.MX_HOST, findings);

        assertThat(server).as("the server's MX check").isEqualTo(row.expected());
        assertThat(checkerAccepts).as("mta-sts check: %s", findings.list()).isEqualTo(row.expected().isEmpty());
        assertThat(policyFetchAccepts).as("the policy fetch").isEqualTo(row.expected().isEmpty());
        assertThat(checkerTypes(findings)).as("what mta-sts check found").contains(row.expected().stream()
            .toArray(ResultType[]::new));
    }

    /** The policy fetch's rule: its PKIX trust manager, then {@link DnsIdentity} (its host-name verifier). */
    private static boolean policyFetchAccepts(X509Certificate[] chain, String authType, String host) {
        try {
            trust.trustManager().checkServerTrusted(chain, authType);
        } catch (CertificateException | RuntimeException e) {
            return false;
        }
        return DnsIdentity.matches(chain[0], host);
    }

    /** The RFC 8460 result type each failing finding of mta-sts check stands for. */
    private static Set<ResultType> checkerTypes(Findings findings) {
        CertificateCodes codes = CertificateCodes.MX_HOST;
        Set<ResultType> types = EnumSet.noneOf(ResultType.class);
        for (Finding finding : findings.list()) {
            if (finding.code() == codes.expired() || finding.code() == codes.notYetValid()) {
                types.add(ResultType.CERTIFICATE_EXPIRED);
            } else if (finding.code() == codes.untrusted()) {
                types.add(ResultType.CERTIFICATE_NOT_TRUSTED);
            } else if (finding.code() == codes.wrongHost()) {
                types.add(ResultType.CERTIFICATE_HOST_MISMATCH);
            }
        }
        return types.stream().collect(Collectors.toCollection(() -> EnumSet.noneOf(ResultType.class)));
    }
}
