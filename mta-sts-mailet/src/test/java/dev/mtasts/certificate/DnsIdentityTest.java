package dev.mtasts.certificate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** RFC 6125 §6.4 DNS-ID matching, as RFC 8461 §3.3 and §4.2 use it. */
class DnsIdentityTest {

    static Stream<Arguments> cases() {
        return Stream.of(
            arguments("mx.example.com", "mx.example.com", true),
            arguments("MX.Example.COM", "mx.example.com", true),
            arguments("mx.example.com.", "mx.example.com", true),
            arguments("mx.example.com", "mx.example.com.", true),
            arguments("mx.example.com", "mx2.example.com", false),
            arguments("*.example.com", "mx.example.com", true),
            arguments("*.example.com", "example.com", false),
            arguments("*.example.com", "a.mx.example.com", false),
            arguments("*.mx.example.com", "a.mx.example.com", true),
            arguments("m*.example.com", "mx.example.com", false),
            arguments("*x.example.com", "mx.example.com", false),
            arguments("mx.*.example.com", "mx.a.example.com", false),
            arguments("*.com", "example.com", false),
            arguments("*", "example", false),
            arguments("", "mx.example.com", false),
            arguments("xn--bcher-kva.example", "xn--bcher-kva.example", true),
            arguments("bücher.example", "xn--bcher-kva.example", false));
    }

    @ParameterizedTest(name = "{0} for {1}: {2}")
    @MethodSource("cases")
    void matchesOneDnsIdAgainstAHostName(String dnsId, String host, boolean matches) {
        assertThat(DnsIdentity.nameMatches(dnsId, host)).isEqualTo(matches);
    }
}
