package dev.mtasts.dns;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A name that is not a valid DNS name is NotFound, without a query: the resolver here is a closed port, so any
 * query would come back as a temporary failure instead.
 */
class DnsjavaLookupNameTest {

    private final DnsjavaLookup dns = new DnsjavaLookup(new ResolverSettings(
            List.of(new InetSocketAddress("127.0.53.4", 9)), Duration.ofMillis(200)));

    static Stream<Arguments> invalidNames() {
        return Stream.of(
                arguments("empty", "", "empty name"),
                arguments("only a dot", ".", "the root is not a name to look up"),
                arguments("two dots at the end", "example.com..", "empty label at position 13"),
                arguments("empty label inside", "example..com", "empty label at position 9"),
                arguments("leading dot", ".example.com", "empty label at position 1"),
                arguments("label of 64 characters", "a".repeat(64) + ".com", "label longer than 63 characters at position 1"),
                arguments("name of 254 characters", ("a".repeat(62) + ".").repeat(4) + "ab", "longer than 253 characters"),
                arguments("space", "exa mple.com", "character U+0020 at position 4"),
                arguments("U-label", "bücher.example", "character U+00FC at position 2"),
                arguments("backslash escape", "a\\046b.com", "character '\\' at position 2"),
                arguments("wildcard", "*.example.com", "character '*' at position 1"),
                arguments("NUL", "a\u0000b.com", "character U+0000 at position 2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidNames")
    void anInvalidNameIsNotFoundWithoutAQuery(String description, String name, String reason) {
        DnsAnswer<String> answer = dns.txt(name);

        assertThat(answer).isInstanceOf(DnsAnswer.NotFound.class);
        assertThat(((DnsAnswer.NotFound<String>) answer).detail())
                .startsWith("TXT " + name + ": not a valid DNS name: " + reason);
        assertThat(dns.mx(name)).isInstanceOf(DnsAnswer.NotFound.class);
        assertThat(dns.addresses(name)).isInstanceOf(DnsAnswer.NotFound.class);
    }
}
