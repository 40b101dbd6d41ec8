package dev.mtasts.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResultTypeTest {

    static Stream<Arguments> wireNames() {
        return Stream.of(
                Arguments.of("starttls-not-supported", ResultType.STARTTLS_NOT_SUPPORTED, false),
                Arguments.of("certificate-host-mismatch", ResultType.CERTIFICATE_HOST_MISMATCH, false),
                Arguments.of("certificate-expired", ResultType.CERTIFICATE_EXPIRED, false),
                Arguments.of("certificate-not-trusted", ResultType.CERTIFICATE_NOT_TRUSTED, false),
                Arguments.of("validation-failure", ResultType.VALIDATION_FAILURE, false),
                Arguments.of("sts-policy-fetch-error", ResultType.STS_POLICY_FETCH_ERROR, true),
                Arguments.of("sts-policy-invalid", ResultType.STS_POLICY_INVALID, true),
                Arguments.of("sts-webpki-invalid", ResultType.STS_WEBPKI_INVALID, true),
                Arguments.of("tlsa-invalid", ResultType.TLSA_INVALID, false),
                Arguments.of("dnssec-invalid", ResultType.DNSSEC_INVALID, false),
                Arguments.of("dane-required", ResultType.DANE_REQUIRED, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wireNames")
    void wireNameRoundTrip(String wireName, ResultType type, boolean policyFailure) {
        assertThat(ResultType.fromWireName(wireName)).contains(type);
        assertThat(type.wireName()).isEqualTo(wireName);
        assertThat(type.isPolicyFailure()).isEqualTo(policyFailure);
    }

    @Test
    void everyTypeIsCoveredAndUnknownNamesAreNot() {
        assertThat(wireNames()).hasSize(ResultType.values().length);
        assertThat(ResultType.fromWireName("tlsa-invalid ")).isEmpty();
        assertThat(ResultType.fromWireName("Certificate-Expired")).isEmpty();
        assertThat(Arrays.stream(ResultType.values()).map(ResultType::toString))
                .allSatisfy(name -> assertThat(ResultType.fromWireName(name)).isPresent());
    }
}
