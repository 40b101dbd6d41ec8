package dev.mtasts.cache;

import dev.mtasts.policy.PolicyParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A cached policy gives back its text exactly as served, whether or not it keeps a copy of it. */
class CachedPolicyTextTest {

    static Stream<Arguments> servedTexts() {
        return Stream.of(
            Arguments.of("the wire form, CRLF", "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\n"
                + "mx: *.example.net\r\nmax_age: 604800\r\n"),
            Arguments.of("the wire form, LF", "version: STSv1\nmode: testing\nmx: mx1.example.com\nmax_age: 86400\n"),
            Arguments.of("no line end after the last line", "version: STSv1\nmode: enforce\nmx: mx.example.com\n"
                + "max_age: 86400"),
            Arguments.of("other field order", "version: STSv1\r\nmax_age: 86400\r\nmode: enforce\r\nmx: mx.example.com\r\n"),
            Arguments.of("upper case and blanks", "version: STSv1\r\nmode: enforce\r\nmx:  MX.Example.com \r\n"
                + "max_age: 86400\r\n"),
            Arguments.of("mixed line ends", "version: STSv1\r\nmode: enforce\nmx: mx.example.com\r\nmax_age: 86400\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servedTexts")
    void textIsTheServedText(String name, String served) throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        CachedPolicy cached = new CachedPolicy("example.com", "1", PolicyParser.parse(served), served, now,
            now.plusSeconds(86400));

        assertThat(cached.text()).isEqualTo(served);
        assertThat(cached.confirmedAt(now.plusSeconds(7200)).text()).isEqualTo(served);
        assertThat(cached).isEqualTo(new CachedPolicy("example.com", "1", PolicyParser.parse(served), served, now,
            now.plusSeconds(86400)));
    }
}
