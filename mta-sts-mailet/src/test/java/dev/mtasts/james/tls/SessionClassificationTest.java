package dev.mtasts.james.tls;

import dev.mtasts.outcome.OutboundSession;
import dev.mtasts.outcome.ResultType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SessionClassificationTest {

    private static final Instant AT = Instant.parse("2026-12-01T12:00:00Z");
    private static final Optional<EstablishedTls> VALID = Optional.of(new EstablishedTls("TLSv1.3",
        "TLS_AES_128_GCM_SHA256", Optional.empty()));

    private static Optional<EstablishedTls> failing(ResultType failure) {
        return Optional.of(new EstablishedTls("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            Optional.of(failure)));
    }

    static Stream<Arguments> sessions() {
        return Stream.of(
            // name, lane, over TLS, handshake, expected (null: not counted)
            Arguments.of("standard, no STARTTLS offered", "standard", false, Optional.empty(),
                "lane=standard domain=d.test mx=mx.d.test tls=none"),
            Arguments.of("standard, handshake failed, went on in clear text", "standard", false, Optional.empty(),
                "lane=standard domain=d.test mx=mx.d.test tls=none"),
            Arguments.of("standard, valid certificate", "standard", true, VALID,
                "lane=standard domain=d.test mx=mx.d.test tls=TLSv1.3 cipher=TLS_AES_128_GCM_SHA256"
                    + " certificate=valid"),
            Arguments.of("standard, self-signed certificate accepted", "standard", true,
                failing(ResultType.CERTIFICATE_NOT_TRUSTED),
                "lane=standard domain=d.test mx=mx.d.test tls=TLSv1.2"
                    + " cipher=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 certificate=invalid"),
            Arguments.of("standard, certificate for another host accepted", "standard", true,
                failing(ResultType.CERTIFICATE_HOST_MISMATCH),
                "lane=standard domain=d.test mx=mx.d.test tls=TLSv1.2"
                    + " cipher=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 certificate=invalid"),
            Arguments.of("testing, expired certificate delivered anyway", "testing", true,
                failing(ResultType.CERTIFICATE_EXPIRED),
                "lane=testing domain=d.test mx=mx.d.test tls=TLSv1.2"
                    + " cipher=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 certificate=invalid"),
            Arguments.of("testing, STARTTLS stripped", "testing", false, Optional.empty(),
                "lane=testing domain=d.test mx=mx.d.test tls=none"),
            Arguments.of("enforce, validated TLS", "enforce", true, VALID,
                "lane=enforce domain=d.test mx=mx.d.test tls=TLSv1.3 cipher=TLS_AES_128_GCM_SHA256"
                    + " certificate=valid"),
            Arguments.of("a TLS channel without a handshake seen", "standard", true, Optional.empty(), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void classifiesASessionThatCarriesTheMessage(String name, String lane, boolean overTls,
                                                 Optional<EstablishedTls> tls, String expected) {
        Optional<OutboundSession> session = SessionClassification.classify(lane, AT, "d.test", "mx.d.test", overTls,
            tls);

        assertThat(session.map(OutboundSession::toString)).isEqualTo(Optional.ofNullable(expected));
        session.ifPresent(counted -> {
            assertThat(counted.at()).isEqualTo(AT);
            assertThat(counted.isEncrypted()).isEqualTo(overTls);
        });
    }
}
