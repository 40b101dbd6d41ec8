package dev.mtasts.james.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code reports.inbound.*} and {@code rollout.*} keys of mta-sts.properties. */
class InboundReportSettingsParserTest {

    private static InboundReportSettings parse(Map<String, String> values) throws InvalidSettingException {
        return MtaStsSettingsParser.parse(values, Path.of("/opt/james"), Path.of("/opt/james/var")).inbound();
    }

    @Test
    void anEmptyFileGivesTheDocumentedDefaults() throws Exception {
        InboundReportSettings settings = parse(Map.of());

        assertThat(settings.localPart()).isEqualTo("tls-reports");
        assertThat(settings.requireDkim()).isFalse();
        assertThat(settings.domains()).isEmpty();
        assertThat(settings.passOn()).isFalse();
        assertThat(settings.directory()).isEqualTo(Path.of("/opt/james/var/mta-sts/received-tls-reports"));
        assertThat(settings.limits().maxMailBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(settings.limits().maxDecompressedBytes()).isEqualTo(20L * 1024 * 1024);
        assertThat(settings.limits().maxCompressionRatio()).isEqualTo(100);
        assertThat(settings.limits().maxPolicies()).isEqualTo(1000);
        assertThat(settings.limits().maxFailureDetails()).isEqualTo(10_000);
        assertThat(settings.storage().retention()).isEqualTo(Duration.ofDays(400));
        assertThat(settings.storage().maxReportsPerDay()).isEqualTo(1000);
        assertThat(settings.rollout().minReportDays()).isEqualTo(14);
        assertThat(settings.rollout().recentReportWindow()).isEqualTo(Duration.ofDays(2));
        assertThat(settings.rollout().maxFailureRate()).isEqualTo(0.001);
        assertThat(settings.rollout().failureRateWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.rollout().minEnforceMaxAge()).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void everyKeyIsRead() throws Exception {
        InboundReportSettings settings = parse(Map.ofEntries(
            Map.entry(MtaStsSettingsParser.INBOUND_LOCAL_PART, "smtp-tls"),
            Map.entry(MtaStsSettingsParser.INBOUND_REQUIRE_DKIM, "true"),
            Map.entry(MtaStsSettingsParser.INBOUND_DOMAINS, "Example.COM., other.example"),
            Map.entry(MtaStsSettingsParser.INBOUND_PASS_ON, "true"),
            Map.entry(MtaStsSettingsParser.INBOUND_DIRECTORY, "reports-in"),
            Map.entry(MtaStsSettingsParser.INBOUND_MAX_MAIL_BYTES, "262144"),
            Map.entry(MtaStsSettingsParser.INBOUND_MAX_DECOMPRESSED_BYTES, "1048576"),
            Map.entry(MtaStsSettingsParser.INBOUND_MAX_COMPRESSION_RATIO, "50"),
            Map.entry(MtaStsSettingsParser.INBOUND_MAX_POLICIES, "10"),
            Map.entry(MtaStsSettingsParser.INBOUND_MAX_FAILURE_DETAILS, "20"),
            Map.entry(MtaStsSettingsParser.INBOUND_RETENTION, "90d"),
            Map.entry(MtaStsSettingsParser.INBOUND_MAX_REPORTS_PER_DAY, "50"),
            Map.entry(MtaStsSettingsParser.ROLLOUT_MIN_REPORT_DAYS, "7"),
            Map.entry(MtaStsSettingsParser.ROLLOUT_RECENT_REPORT_WINDOW, "3d"),
            Map.entry(MtaStsSettingsParser.ROLLOUT_MAX_FAILURE_PERCENT, "0.5%"),
            Map.entry(MtaStsSettingsParser.ROLLOUT_FAILURE_RATE_WINDOW, "14d"),
            Map.entry(MtaStsSettingsParser.ROLLOUT_MIN_ENFORCE_MAX_AGE, "30d")));

        assertThat(settings.localPart()).isEqualTo("smtp-tls");
        assertThat(settings.requireDkim()).isTrue();
        assertThat(settings.domains()).isEqualTo(Set.of("example.com", "other.example"));
        assertThat(settings.passOn()).isTrue();
        assertThat(settings.directory()).isEqualTo(Path.of("/opt/james/reports-in"));
        assertThat(settings.limits().maxMailBytes()).isEqualTo(262_144);
        assertThat(settings.limits().maxDecompressedBytes()).isEqualTo(1_048_576);
        assertThat(settings.limits().maxCompressionRatio()).isEqualTo(50);
        assertThat(settings.limits().maxPolicies()).isEqualTo(10);
        assertThat(settings.limits().maxFailureDetails()).isEqualTo(20);
        assertThat(settings.storage().retention()).isEqualTo(Duration.ofDays(90));
        assertThat(settings.storage().maxReportsPerDay()).isEqualTo(50);
        assertThat(settings.rollout().minReportDays()).isEqualTo(7);
        assertThat(settings.rollout().recentReportWindow()).isEqualTo(Duration.ofDays(3));
        assertThat(settings.rollout().maxFailureRate()).isEqualTo(0.005);
        assertThat(settings.rollout().failureRateWindow()).isEqualTo(Duration.ofDays(14));
        assertThat(settings.rollout().minEnforceMaxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(settings.rollout().reportLocalPart()).isEqualTo("smtp-tls");
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
            Arguments.of("local part with a space", MtaStsSettingsParser.INBOUND_LOCAL_PART, "tls reports", "local part"),
            Arguments.of("local part with @", MtaStsSettingsParser.INBOUND_LOCAL_PART, "a@b", "local part"),
            Arguments.of("require DKIM not a boolean", MtaStsSettingsParser.INBOUND_REQUIRE_DKIM, "yes", "true or false"),
            Arguments.of("listed domain not a name", MtaStsSettingsParser.INBOUND_DOMAINS, "ok.example, bad_name",
                "not a domain name"),
            Arguments.of("mail limit below 1 KiB", MtaStsSettingsParser.INBOUND_MAX_MAIL_BYTES, "100",
                "must be between"),
            Arguments.of("ratio zero", MtaStsSettingsParser.INBOUND_MAX_COMPRESSION_RATIO, "0", "must be between"),
            Arguments.of("policies not a number", MtaStsSettingsParser.INBOUND_MAX_POLICIES, "many", "whole number"),
            Arguments.of("retention below a day", MtaStsSettingsParser.INBOUND_RETENTION, "12h", "must be between"),
            Arguments.of("retention not a duration", MtaStsSettingsParser.INBOUND_RETENTION, "a year",
                "not a duration"),
            Arguments.of("reports a day zero", MtaStsSettingsParser.INBOUND_MAX_REPORTS_PER_DAY, "0",
                "must be between"),
            Arguments.of("min days zero", MtaStsSettingsParser.ROLLOUT_MIN_REPORT_DAYS, "0", "must be between"),
            Arguments.of("failure percent above 100", MtaStsSettingsParser.ROLLOUT_MAX_FAILURE_PERCENT, "150",
                "percentage"),
            Arguments.of("failure percent negative", MtaStsSettingsParser.ROLLOUT_MAX_FAILURE_PERCENT, "-1",
                "percentage"),
            Arguments.of("recent window not a duration", MtaStsSettingsParser.ROLLOUT_RECENT_REPORT_WINDOW, "soon",
                "not a duration"),
            Arguments.of("enforce max_age below a day", MtaStsSettingsParser.ROLLOUT_MIN_ENFORCE_MAX_AGE, "1h",
                "must be between"));
    }

    @ParameterizedTest(name = "{0}: {1}={2}")
    @MethodSource("invalidValues")
    void anInvalidValueNamesItsKey(String name, String key, String value, String problem) {
        assertThatThrownBy(() -> parse(Map.of(key, value)))
            .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo(key))
            .hasMessageContaining(problem);
    }
}
