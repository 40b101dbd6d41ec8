package dev.mtasts.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 8461 §4.1: matching an MX host against a policy's {@code mx} patterns. */
class MxPatternTest {

    record Match(String name, String pattern, String host, boolean matches) {
        @Override
        public String toString() {
            return name + ": " + pattern + " ~ \"" + host + "\" -> " + matches;
        }
    }

    static Stream<Match> matches() {
        return Stream.of(
                new Match("exact", "mx.example.com", "mx.example.com", true),
                new Match("host in upper case", "mx.example.com", "MX.EXAMPLE.COM", true),
                new Match("pattern in mixed case", "MX.Example.Com", "mx.example.com", true),
                new Match("trailing dot on host", "mx.example.com", "mx.example.com.", true),
                new Match("trailing dot on pattern", "mx.example.com.", "mx.example.com", true),
                new Match("trailing dot on both", "mx.example.com.", "mx.example.com.", true),
                new Match("two trailing dots on host", "mx.example.com", "mx.example.com..", false),
                new Match("other host", "mx.example.com", "mx2.example.com", false),
                new Match("host is a suffix of the pattern", "mx.example.com", "example.com", false),
                new Match("pattern is a prefix of the host", "mx.example.com", "mx.example.com.evil.com", false),
                new Match("pattern is a suffix of the host", "example.com", "mx.example.com", false),
                new Match("wildcard, one label", "*.example.com", "mx.example.com", true),
                new Match("wildcard, one label, trailing dot", "*.example.com", "mx.example.com.", true),
                new Match("wildcard, upper case host", "*.example.com", "MX1.EXAMPLE.COM", true),
                new Match("wildcard, one-character label", "*.example.com", "a.example.com", true),
                new Match("wildcard, base domain", "*.example.com", "example.com", false),
                new Match("wildcard, base domain with trailing dot", "*.example.com", "example.com.", false),
                new Match("wildcard, two labels", "*.example.com", "a.b.example.com", false),
                new Match("wildcard, empty label", "*.example.com", ".example.com", false),
                new Match("wildcard, two empty labels", "*.example.com", "..example.com", false),
                new Match("wildcard, suffix without a dot", "*.example.com", "evilexample.com", false),
                new Match("wildcard, pattern followed by more labels", "*.example.com", "mx.example.com.evil.com",
                        false),
                new Match("wildcard, other domain", "*.example.com", "mx.example.net", false),
                new Match("wildcard, shorter TLD", "*.example.com", "mx.example.co", false),
                new Match("IDN A-label exact", "mx.xn--bcher-kva.example", "mx.xn--bcher-kva.example", true),
                new Match("IDN A-label in upper case", "mx.xn--bcher-kva.example", "MX.XN--BCHER-KVA.EXAMPLE", true),
                new Match("IDN A-label under a wildcard", "*.xn--bcher-kva.example", "mx.xn--bcher-kva.example", true),
                new Match("IDN U-label host against A-label pattern", "mx.xn--bcher-kva.example", "mx.b\u00fccher.example",
                        false),
                new Match("empty host", "mx.example.com", "", false),
                new Match("empty host, wildcard", "*.example.com", "", false),
                new Match("host of only a dot", "mx.example.com", ".", false),
                new Match("dotless i does not fold to i", "mail.example.com", "ma\u0131l.example.com", false),
                new Match("Kelvin sign does not fold to k", "k.example.com", "\u212a.example.com", false),
                new Match("long s does not fold to s under a wildcard", "*.example.com", "mx.example.\u017fom", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matches")
    void matchesPerRfc8461Section4_1(Match testCase) {
        assertThat(new MxPattern(testCase.pattern()).matches(testCase.host())).isEqualTo(testCase.matches());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matches")
    void policyPermitsWhatOneOfItsPatternsMatches(Match testCase) {
        Policy policy = new Policy(Mode.ENFORCE,
                List.of(new MxPattern("unrelated.example.org"), new MxPattern(testCase.pattern())), 86400);

        assertThat(policy.permits(testCase.host())).isEqualTo(testCase.matches());
    }

    @Test
    void policyWithoutPatternsPermitsNothing() {
        Policy policy = new Policy(Mode.NONE, List.of(), 86400);

        assertThat(policy.permits("mx.example.com")).isFalse();
    }

    @Test
    void normalisesToLowerCaseWithoutTrailingDot() {
        MxPattern pattern = new MxPattern("*.Example.COM.");

        assertThat(pattern.pattern()).isEqualTo("*.example.com");
        assertThat(pattern.isWildcard()).isTrue();
        assertThat(new MxPattern("mx.example.com").isWildcard()).isFalse();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", ".", "*", "*."})
    void rejectsEmptyPatterns(String pattern) {
        assertThatThrownBy(() -> new MxPattern(pattern)).isInstanceOf(IllegalArgumentException.class);
    }
}
