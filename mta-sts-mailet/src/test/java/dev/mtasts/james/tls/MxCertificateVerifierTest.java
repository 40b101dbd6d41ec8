package dev.mtasts.james.tls;

import dev.mtasts.outcome.ResultType;
import dev.mtasts.testpeers.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class MxCertificateVerifierTest {

    private static final String MX = "mx1.example.test";
    private static final String AUTH_TYPE = "ECDHE_ECDSA";

    private static final TestCertificates.Authority TRUSTED = TestCertificates.newAuthority("Trusted Test CA");
    private static final TestCertificates.Authority UNKNOWN = TestCertificates.newAuthority("Unknown Test CA");

    private final MxCertificateVerifier verifier = new MxCertificateVerifier(pkix(TRUSTED), Clock.systemUTC());

    private static X509TrustManager pkix(TestCertificates.Authority authority) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(authority.trustStore());
            return (X509TrustManager) factory.getTrustManagers()[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate[] chain(TestCertificates.Leaf leaf) {
        return leaf.chain().toArray(X509Certificate[]::new);
    }

    @Test
    void aTrustedUnexpiredCertificateForTheMxOverTls13Passes() {
        assertThat(verifier.verify(chain(TRUSTED.issue(MX)), AUTH_TYPE, MX, "TLSv1.3")).isEmpty();
    }

    static Stream<Arguments> sessions() {
        Instant now = Instant.now();
        return Stream.of(
            Arguments.of("TLS 1.2 is enough", chain(TRUSTED.issue(MX)), "TLSv1.2", Optional.empty()),
            Arguments.of("the MX host among several names", chain(TRUSTED.issue("other.test", MX)), "TLSv1.3",
                Optional.empty()),
            Arguments.of("a wildcard for the MX's parent", chain(TRUSTED.issue("*.example.test")), "TLSv1.3",
                Optional.empty()),
            Arguments.of("host names compare without case", chain(TRUSTED.issue("MX1.Example.TEST")), "TLSv1.3",
                Optional.empty()),
            Arguments.of("TLS 1.1 is too old", chain(TRUSTED.issue(MX)), "TLSv1.1",
                Optional.of(ResultType.VALIDATION_FAILURE)),
            Arguments.of("another host's certificate", chain(TRUSTED.issue("mail.other.test")), "TLSv1.3",
                Optional.of(ResultType.CERTIFICATE_HOST_MISMATCH)),
            Arguments.of("a wildcard two labels up", chain(TRUSTED.issue("*.test")), "TLSv1.3",
                Optional.of(ResultType.CERTIFICATE_HOST_MISMATCH)),
            Arguments.of("a partial-label wildcard", chain(TRUSTED.issue("mx*.example.test")), "TLSv1.3",
                Optional.of(ResultType.CERTIFICATE_HOST_MISMATCH)),
            Arguments.of("the name only in the common name", chain(TRUSTED.issue(now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(1)), MX)), "TLSv1.3", Optional.of(ResultType.CERTIFICATE_HOST_MISMATCH)),
            Arguments.of("expired", chain(TRUSTED.issueExpired(MX)), "TLSv1.3",
                Optional.of(ResultType.CERTIFICATE_EXPIRED)),
            Arguments.of("not yet valid", chain(TRUSTED.issueNotYetValid(MX)), "TLSv1.3",
                Optional.of(ResultType.CERTIFICATE_EXPIRED)),
            Arguments.of("issued by an unknown CA", chain(UNKNOWN.issue(MX)), "TLSv1.3",
                Optional.of(ResultType.CERTIFICATE_NOT_TRUSTED)),
            Arguments.of("expired and issued by an unknown CA", chain(UNKNOWN.issueExpired(MX)), "TLSv1.3",
                Optional.of(ResultType.CERTIFICATE_EXPIRED)),
            Arguments.of("no certificate at all", new X509Certificate[0], "TLSv1.3",
                Optional.of(ResultType.CERTIFICATE_NOT_TRUSTED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void classifiesEachFailureWithItsRfc8460ResultType(String name, X509Certificate[] chain, String protocol,
                                                       Optional<ResultType> expected) {
        assertThat(verifier.verify(chain, AUTH_TYPE, MX, protocol).map(TlsFailure::type)).isEqualTo(expected);
    }

    @Test
    void aMismatchNamesTheCertificatesNamesAndTheHost() {
        Optional<TlsFailure> failure = verifier.verify(chain(TRUSTED.issue("mail.other.test")), AUTH_TYPE, MX,
            "TLSv1.3");

        assertThat(failure).get().extracting(TlsFailure::detail).asString()
            .contains("mail.other.test").contains(MX);
    }
}
