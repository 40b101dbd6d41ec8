package dev.mtasts.audit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Policy texts and the advice they get, on top of the engine's verdict. */
class PolicyAuditTest {

    private static final String HEAD = "version: STSv1\r\n";

    static Stream<Arguments> policies() {
        return Stream.of(
            arguments("enforce, two weeks", policy("enforce", 1_209_600), List.of("policy.ok")),
            arguments("enforce, a year", policy("enforce", 31_557_600), List.of("policy.ok")),
            arguments("enforce, one week", policy("enforce", 604_800), List.of("policy.ok", "policy.max-age.short")),
            arguments("enforce, just under two weeks", policy("enforce", 1_209_599),
                List.of("policy.ok", "policy.max-age.short")),
            arguments("enforce, one day", policy("enforce", 86_400), List.of("policy.ok", "policy.max-age.short")),
            arguments("enforce, one hour", policy("enforce", 3_600), List.of("policy.ok", "policy.max-age.too-small")),
            arguments("testing, one week", policy("testing", 604_800), List.of("policy.ok", "policy.mode.testing")),
            arguments("testing, one hour", policy("testing", 3_600),
                List.of("policy.ok", "policy.mode.testing", "policy.max-age.too-small")),
            arguments("testing, zero", policy("testing", 0),
                List.of("policy.ok", "policy.mode.testing", "policy.max-age.too-small")),
            arguments("none, one hour", HEAD + "mode: none\r\nmax_age: 3600\r\n", List.of("policy.ok", "policy.mode.none")),
            arguments("max_age above the limit", policy("enforce", 31_557_601), List.of("policy.max-age.too-large")),
            arguments("mode misspelt", HEAD + "mode: Enforce\r\nmx: mx.example.com\r\nmax_age: 86400\r\n",
                List.of("policy.invalid")),
            arguments("two problems, two findings", "version: STSv2\r\nmode: enforce\r\nmx: *.*.example.com\r\nmax_age: 86400\r\n",
                List.of("policy.invalid", "policy.invalid")),
            arguments("an HTML page", "<html><body>Not here</body></html>\n", List.of("policy.invalid", "policy.invalid",
                "policy.invalid", "policy.invalid")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void advises(String name, String text, List<String> codes) {
        Findings findings = new Findings();

        PolicyAudit.check(text, findings);

        assertThat(findings.list()).extracting(finding -> finding.code().code()).isEqualTo(codes);
    }

    private static String policy(String mode, long maxAge) {
        return HEAD + "mode: " + mode + "\r\nmx: mx.example.com\r\nmax_age: " + maxAge + "\r\n";
    }
}
