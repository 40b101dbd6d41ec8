package dev.mtasts.report;

import dev.mtasts.outcome.ResultType;
import dev.mtasts.outcome.TlsOutcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.policy.Mode;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TlsOutcomeTest {

    private static final Instant AT = Instant.parse("2024-03-01T12:00:00Z");

    @Test
    void theSevenArgumentShapeHasNoOptionalDetails() {
        TlsOutcome outcome = new TlsOutcome(AT, "example.com", Mode.ENFORCE, "id1", "mx1.example.com",
                Optional.empty(), "ok");

        assertThat(outcome.isSuccess()).isTrue();
        assertThat(outcome.result()).isEqualTo(TlsOutcome.SUCCESS).isEqualTo("success");
        assertThat(outcome.policy()).isEmpty();
        assertThat(outcome.sendingMtaIp()).isEmpty();
        assertThat(outcome.receivingIp()).isEmpty();
        assertThat(outcome.receivingMxHelo()).isEmpty();
        assertThat(outcome.failureReasonCode()).isEmpty();
    }

    @Test
    void withersAddTheRfc8460DetailsAndKeepTheRest() {
        TlsOutcome outcome = Outcomes.failure("2024-03-01T12:00:00Z", ResultType.CERTIFICATE_EXPIRED,
                        "mx1.example.com", "192.0.2.10")
                .withSendingMtaIp(Outcomes.address("198.51.100.1"))
                .withReceivingMxHelo("mx1.example.com")
                .withFailureReasonCode("X509_V_ERR_CERT_HAS_EXPIRED");

        assertThat(outcome.isSuccess()).isFalse();
        assertThat(outcome.result()).isEqualTo("certificate-expired");
        assertThat(outcome.policy()).contains(Outcomes.enforcePolicy());
        assertThat(outcome.receivingIp()).contains(Outcomes.address("192.0.2.10"));
        assertThat(outcome.sendingMtaIp()).contains(Outcomes.address("198.51.100.1"));
        assertThat(outcome.receivingMxHelo()).contains("mx1.example.com");
        assertThat(outcome.failureReasonCode()).contains("X509_V_ERR_CERT_HAS_EXPIRED");
        assertThat(outcome.domain()).isEqualTo("example.com");
        assertThat(outcome.mode()).isEqualTo(Mode.ENFORCE);
    }

    static Stream<Arguments> logLines() {
        return Stream.of(
                Arguments.of("success",
                        new TlsOutcome(AT, "example.com", Mode.ENFORCE, "id1", "mx1.example.com", Optional.empty(),
                                "TLSv1.3"),
                        "domain=example.com mode=enforce policy_id=id1 mx=mx1.example.com result=success "
                                + "detail=\"TLSv1.3\""),
                Arguments.of("failure in testing mode",
                        new TlsOutcome(AT, "example.org", Mode.TESTING, "7", "mx.example.org",
                                Optional.of(ResultType.STARTTLS_NOT_SUPPORTED), "no STARTTLS in EHLO"),
                        "domain=example.org mode=testing policy_id=7 mx=mx.example.org "
                                + "result=starttls-not-supported detail=\"no STARTTLS in EHLO\""),
                Arguments.of("policy fetch error without an MX",
                        new TlsOutcome(AT, "example.net", Mode.NONE, "", "",
                                Optional.of(ResultType.STS_POLICY_FETCH_ERROR), "HTTP 404"),
                        "domain=example.net mode=none policy_id= mx= result=sts-policy-fetch-error "
                                + "detail=\"HTTP 404\""),
                Arguments.of("quotes, backslashes and line breaks escaped",
                        new TlsOutcome(AT, "example.com", Mode.ENFORCE, "id1", "mx1.example.com",
                                Optional.of(ResultType.VALIDATION_FAILURE), "said \"no\"\r\nC:\\"),
                        "domain=example.com mode=enforce policy_id=id1 mx=mx1.example.com "
                                + "result=validation-failure detail=\"said \\\"no\\\"\\u000d\\u000aC:\\\\\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logLines")
    void logLine(String name, TlsOutcome outcome, String expected) {
        assertThat(outcome.toLogLine()).isEqualTo(expected);
    }
}
