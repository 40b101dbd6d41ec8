package dev.mtasts.james.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class StandardLaneTlsTest {

    static Stream<Arguments> modes() {
        return Stream.of(
            Arguments.of("nothing said", Map.of(), StandardLaneTls.Mode.OPPORTUNISTIC, List.of()),
            Arguments.of("opportunisticTls=true", Map.of("opportunisticTls", "true"),
                StandardLaneTls.Mode.OPPORTUNISTIC, List.of()),
            Arguments.of("opportunisticTls=false", Map.of("opportunisticTls", "false"), StandardLaneTls.Mode.OFF,
                List.of()),
            Arguments.of("opportunisticTls= FALSE ", Map.of("opportunisticTls", " FALSE "), StandardLaneTls.Mode.OFF,
                List.of()),
            Arguments.of("James' defaults written out", Map.of("startTLS", "false", "sslEnable", "false",
                "maxRetries", "3"), StandardLaneTls.Mode.OPPORTUNISTIC, List.of()),
            Arguments.of("startTLS=true", Map.of("startTLS", "true"), StandardLaneTls.Mode.OPERATOR,
                List.of("startTLS")),
            Arguments.of("sslEnable=true", Map.of("sslEnable", "true"), StandardLaneTls.Mode.OPERATOR,
                List.of("sslEnable")),
            Arguments.of("James 3.9's sslTrustAllCerts", Map.of("sslTrustAllCerts", "true"),
                StandardLaneTls.Mode.OPERATOR, List.of("sslTrustAllCerts")),
            Arguments.of("JavaMail TLS properties", Map.of("mail.smtp.ssl.trust", "*",
                "mail.smtp.starttls.enable", "true"), StandardLaneTls.Mode.OPERATOR,
                List.of("mail.smtp.ssl.trust", "mail.smtp.starttls.enable")),
            Arguments.of("an own socket factory", Map.of("mail.smtp.socketFactory.class", "com.example.Factory"),
                StandardLaneTls.Mode.OPERATOR, List.of("mail.smtp.socketFactory.class")),
            Arguments.of("off, with TLS parameters", Map.of("opportunisticTls", "false", "startTLS", "true"),
                StandardLaneTls.Mode.OFF, List.of("startTLS")),
            Arguments.of("timeouts are no TLS parameters", Map.of("mail.smtp.timeout", "1000"),
                StandardLaneTls.Mode.OPPORTUNISTIC, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void theModeFollowsTheOperatorsParameters(String name, Map<String, String> operator, StandardLaneTls.Mode mode,
                                              List<String> operatorTls) {
        StandardLaneTls tls = StandardLaneTls.of(operator);

        assertThat(tls.mode()).isEqualTo(mode);
        assertThat(tls.operatorTlsParameters()).isEqualTo(operatorTls);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
            Arguments.of("not a boolean", Map.of("opportunisticTls", "maybe"), "must be true or false, was maybe"),
            Arguments.of("on, with TLS parameters", Map.of("opportunisticTls", "true", "startTLS", "true"),
                "contradicts the TLS parameters [startTLS]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void contradictionsAreRefused(String name, Map<String, String> operator, String message) {
        assertThatThrownBy(() -> StandardLaneTls.of(operator)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(message);
    }

    @Test
    void opportunisticTlsSetsJavaMailsStartTlsWithItsOwnFactories() {
        Map<String, String> operator = Map.of("maxRetries", "3", "opportunisticTls", "true");

        assertThat(StandardLaneTls.of(operator).laneParameters(operator)).containsOnly(
            entry("maxRetries", "3"),
            entry("mail.smtp.socketFactory.class", ObservedPlainSocketFactory.class.getName()),
            entry("mail.smtp.socketFactory.fallback", "false"),
            entry("mail.smtp.starttls.enable", "true"),
            entry("mail.smtp.starttls.required", "false"),
            entry("mail.smtp.ssl.checkserveridentity", "false"),
            entry("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2"),
            entry("mail.smtp.ssl.socketFactory.class", OpportunisticStartTlsSocketFactory.class.getName()));
    }

    @Test
    void offIsJamesOwnWithClearTextSessionsWatched() {
        Map<String, String> operator = Map.of("opportunisticTls", "false", "startTLS", "true");

        assertThat(StandardLaneTls.of(operator).laneParameters(operator)).containsOnly(
            entry("startTLS", "true"),
            entry("mail.smtp.socketFactory.class", ObservedPlainSocketFactory.class.getName()),
            entry("mail.smtp.socketFactory.fallback", "false"),
            entry("mail.smtp.ssl.socketFactory.class", JamesOwnStartTlsSocketFactory.class.getName()));
    }

    @Test
    void anOperatorsOwnTlsSettingsAreLeftAlone() {
        Map<String, String> operator = Map.of("startTLS", "true", "mail.smtp.ssl.trust", "*");

        assertThat(StandardLaneTls.of(operator).laneParameters(operator))
            .doesNotContainKey("mail.smtp.ssl.socketFactory.class")
            .containsEntry("mail.smtp.ssl.trust", "*");
    }

    @Test
    void anOperatorsOwnSocketFactoryIsLeftAlone() {
        Map<String, String> operator = Map.of("mail.smtp.socketFactory.class", "com.example.Factory");

        assertThat(StandardLaneTls.of(operator).laneParameters(operator)).isEqualTo(operator);
    }
}
