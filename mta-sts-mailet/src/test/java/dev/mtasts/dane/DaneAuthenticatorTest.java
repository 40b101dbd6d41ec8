package dev.mtasts.dane;

import dev.mtasts.dns.TlsaRecord;
import dev.mtasts.outcome.ResultType;
import dev.mtasts.testpeers.TestCertificates;
import dev.mtasts.testpeers.TestCertificates.Authority;
import dev.mtasts.testpeers.TestCertificates.Leaf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** RFC 7672 §3.1: DANE-EE matches the leaf and ignores names and dates; DANE-TA checks the chain and the names. */
class DaneAuthenticatorTest {

    private static final Instant NOW = Instant.now();
    private static final String HOST = "mx.dane.test";
    private static final Authority CA = TestCertificates.newAuthority("DANE Test CA");
    private static final Authority OTHER_CA = TestCertificates.newAuthority("Other CA");
    private static final Leaf GOOD = CA.issue(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30)), HOST, HOST);
    private static final Leaf OTHER_KEY = CA.issue(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30)), HOST, HOST);
    private static final Leaf EXPIRED = CA.issueExpired(HOST);
    private static final Leaf WRONG_NAME = CA.issue(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30)),
            "other.test", "other.test");
    private static final Leaf DOMAIN_NAME = CA.issue(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30)),
            "dane.test", "dane.test");
    private static final Leaf WILDCARD = CA.issue(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30)),
            "*.dane.test", "*.dane.test");
    private static final Leaf FOREIGN = OTHER_CA.issue(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30)),
            HOST, HOST);

    static Stream<Arguments> chains() {
        X509Certificate ca = CA.certificate();
        return Stream.of(
                arguments("DANE-EE 3 1 1 matches the key", GOOD, List.of(tlsa(3, 1, 1, GOOD.certificate())), null),
                arguments("DANE-EE 3 0 1 matches the certificate", GOOD, List.of(tlsa(3, 0, 1, GOOD.certificate())), null),
                arguments("DANE-EE 3 1 2", GOOD, List.of(tlsa(3, 1, 2, GOOD.certificate())), null),
                arguments("DANE-EE 3 0 0", GOOD, List.of(tlsa(3, 0, 0, GOOD.certificate())), null),
                arguments("DANE-EE 3 1 0", GOOD, List.of(tlsa(3, 1, 0, GOOD.certificate())), null),
                arguments("DANE-EE ignores an expired certificate", EXPIRED, List.of(tlsa(3, 1, 1, EXPIRED.certificate())), null),
                arguments("DANE-EE ignores the name", WRONG_NAME, List.of(tlsa(3, 1, 1, WRONG_NAME.certificate())), null),
                arguments("DANE-EE for another key", GOOD, List.of(tlsa(3, 1, 1, OTHER_KEY.certificate())),
                        ResultType.CERTIFICATE_NOT_TRUSTED),
                arguments("one matching record among others", GOOD,
                        List.of(tlsa(3, 1, 1, OTHER_KEY.certificate()), tlsa(3, 1, 1, GOOD.certificate())), null),
                arguments("DANE-TA 2 0 1 with the right name", GOOD, List.of(tlsa(2, 0, 1, ca)), null),
                arguments("DANE-TA 2 1 1 with the right name", GOOD, List.of(tlsa(2, 1, 1, ca)), null),
                arguments("DANE-TA 2 0 2", GOOD, List.of(tlsa(2, 0, 2, ca)), null),
                arguments("DANE-TA accepts a one-label wildcard", WILDCARD, List.of(tlsa(2, 0, 1, ca)), null),
                arguments("DANE-TA accepts the next-hop domain when the MX answer was secure", DOMAIN_NAME,
                        List.of(tlsa(2, 0, 1, ca)), null),
                arguments("DANE-TA with a wrong name", WRONG_NAME, List.of(tlsa(2, 0, 1, ca)),
                        ResultType.CERTIFICATE_HOST_MISMATCH),
                arguments("DANE-TA with an expired leaf", EXPIRED, List.of(tlsa(2, 0, 1, ca)),
                        ResultType.CERTIFICATE_EXPIRED),
                arguments("DANE-TA of another CA", FOREIGN, List.of(tlsa(2, 0, 1, ca)), ResultType.CERTIFICATE_NOT_TRUSTED),
                arguments("DANE-TA record for the leaf itself does not count", GOOD,
                        List.of(tlsa(2, 0, 1, GOOD.certificate())), ResultType.CERTIFICATE_NOT_TRUSTED),
                arguments("DANE-EE record for the CA does not count", GOOD, List.of(tlsa(3, 0, 1, ca)),
                        ResultType.CERTIFICATE_NOT_TRUSTED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chains")
    void verdict(String name, Leaf leaf, List<TlsaRecord> records, ResultType failure) {
        DaneRequirement requirement = new DaneRequirement(HOST, records, List.of(HOST, "dane.test"));

        DaneVerdict verdict = DaneAuthenticator.verify(leaf.chain().toArray(new X509Certificate[0]), requirement, NOW);

        assertThat(verdict.failure()).as(verdict.detail()).isEqualTo(Optional.ofNullable(failure));
        assertThat(verdict.authenticated()).isEqualTo(failure == null);
    }

    @Test
    void theNextHopDomainIsOnlyANameWhenGiven() {
        DaneRequirement hostOnly = new DaneRequirement(HOST, List.of(tlsa(2, 0, 1, CA.certificate())), List.of(HOST));

        DaneVerdict verdict = DaneAuthenticator.verify(DOMAIN_NAME.chain().toArray(new X509Certificate[0]), hostOnly, NOW);

        assertThat(verdict.failure()).contains(ResultType.CERTIFICATE_HOST_MISMATCH);
    }

    @Test
    void noCertificateIsNotTrusted() {
        DaneRequirement requirement = new DaneRequirement(HOST, List.of(tlsa(3, 1, 1, GOOD.certificate())), List.of(HOST));

        assertThat(DaneAuthenticator.verify(new X509Certificate[0], requirement, NOW).failure())
                .contains(ResultType.CERTIFICATE_NOT_TRUSTED);
    }

    @Test
    void aMatchingRecordIsNamedInTheVerdict() {
        TlsaRecord record = tlsa(3, 1, 1, GOOD.certificate());
        DaneRequirement requirement = new DaneRequirement(HOST, List.of(record), List.of(HOST));

        assertThat(DaneAuthenticator.verify(GOOD.chain().toArray(new X509Certificate[0]), requirement, NOW).matched())
                .contains(record);
    }

    /** An independent computation of TLSA data (the matcher's own code is under test). */
    static TlsaRecord tlsa(int usage, int selector, int matching, X509Certificate certificate) {
        try {
            byte[] selected = selector == 0 ? certificate.getEncoded() : certificate.getPublicKey().getEncoded();
            byte[] data = matching == 0 ? selected
                    : MessageDigest.getInstance(matching == 1 ? "SHA-256" : "SHA-512").digest(selected);
            return new TlsaRecord(usage, selector, matching, data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
