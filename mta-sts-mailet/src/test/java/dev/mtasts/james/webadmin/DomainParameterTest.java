package dev.mtasts.james.webadmin;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DomainParameterTest {

    static Stream<Arguments> cases() {
        return Stream.of(
            Arguments.of("plain", "example.com", Optional.of("example.com")),
            Arguments.of("upper case", "Example.COM", Optional.of("example.com")),
            Arguments.of("trailing dot", "example.com.", Optional.of("example.com")),
            Arguments.of("hyphen inside", "mx-1.example.com", Optional.of("mx-1.example.com")),
            Arguments.of("single label", "localhost", Optional.of("localhost")),
            Arguments.of("empty", "", Optional.empty()),
            Arguments.of("absent", null, Optional.empty()),
            Arguments.of("underscore", "not_a.domain", Optional.empty()),
            Arguments.of("leading hyphen", "-bad.example", Optional.empty()),
            Arguments.of("trailing hyphen", "bad-.example", Optional.empty()),
            Arguments.of("empty label", "bad..example", Optional.empty()),
            Arguments.of("label of 64", "a".repeat(64) + ".example", Optional.empty()),
            Arguments.of("label of 63", "a".repeat(63) + ".example", Optional.of("a".repeat(63) + ".example")),
            Arguments.of("too long", ("a".repeat(60) + ".").repeat(5) + "com", Optional.empty()),
            Arguments.of("space", "bad example.com", Optional.empty()),
            Arguments.of("non-ASCII", "exämple.com", Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsesHostNamesOnly(String name, String raw, Optional<String> expected) {
        assertThat(DomainParameter.parse(raw)).isEqualTo(expected);
    }
}
