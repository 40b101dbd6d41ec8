package dev.mtasts.dns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The {@code --dns} / configuration syntax of a DNS server: HOST[:PORT] or [IPv6]:PORT. */
class ResolverSettingsTest {

    static Stream<Arguments> validServers() {
        return Stream.of(
                arguments("IPv4 without port", "127.0.53.1", "127.0.53.1", 53),
                arguments("IPv4 with port", "127.0.53.1:5353", "127.0.53.1", 5353),
                arguments("IPv4 with port 1", "10.0.0.1:1", "10.0.0.1", 1),
                arguments("IPv4 with port 65535", "10.0.0.1:65535", "10.0.0.1", 65535),
                arguments("surrounding spaces", "  192.0.2.1:53 ", "192.0.2.1", 53),
                arguments("bracketed IPv6 with port", "[::1]:5353", "0:0:0:0:0:0:0:1", 5353),
                arguments("bracketed IPv6 without port", "[2001:db8::53]", "2001:db8:0:0:0:0:0:53", 53),
                arguments("bare IPv6", "2001:db8::53", "2001:db8:0:0:0:0:0:53", 53),
                arguments("host name", "localhost:5353", "127.0.0.1", 5353));
    }

    static Stream<Arguments> invalidServers() {
        return Stream.of(
                arguments("empty", "", "it is empty"),
                arguments("blank", "   ", "it is empty"),
                arguments("port only", ":53", "the host is missing"),
                arguments("empty port", "127.0.0.1:", "port '' is not a number"),
                arguments("port 0", "127.0.0.1:0", "port 0 is outside 1 to 65535"),
                arguments("port 65536", "127.0.0.1:65536", "port 65536 is outside 1 to 65535"),
                arguments("port with letters", "127.0.0.1:dns", "port 'dns' is not a number"),
                arguments("negative port", "127.0.0.1:-1", "port '-1' is not a number"),
                arguments("IPv4 with a part over 255", "127.0.0.256", "'127.0.0.256' is not an IPv4 address"),
                arguments("IPv4 with three parts", "127.0.1", "'127.0.1' is not an IPv4 address"),
                arguments("IPv6 without closing bracket", "[::1:53", "'[' without a closing ']'"),
                arguments("text after the bracket", "[::1]53", "expected ':PORT' after ']'"),
                arguments("bad IPv6", "[::g]:53", "'::g' is not an IPv6 address"),
                arguments("bare IPv6 with garbage", "1:2:3:4:5:6:7:8:9", "is not an IPv6 address"),
                arguments("host name with a space", "dns server", "neither an IP address nor a host name"),
                arguments("host name with underscore", "dns_server", "neither an IP address nor a host name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validServers")
    void parsesServer(String description, String text, String address, int port) {
        InetSocketAddress server = ResolverSettings.parseServer(text);

        assertThat(server.getAddress().getHostAddress()).isEqualTo(address);
        assertThat(server.getPort()).isEqualTo(port);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidServers")
    void rejectsServer(String description, String text, String reason) {
        assertThatThrownBy(() -> ResolverSettings.parseServer(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid DNS server '" + text + "': ")
                .hasMessageContaining(reason)
                .hasMessageEndingWith("(expected HOST, HOST:PORT, [IPv6] or [IPv6]:PORT)");
    }

    @Test
    void parsesAListSeparatedByCommasOrSpaces() {
        assertThat(ResolverSettings.parseServers(" 127.0.53.1, [::1]:5353  10.0.0.1:54 "))
                .extracting(InetSocketAddress::getPort)
                .containsExactly(53, 5353, 54);
        assertThat(ResolverSettings.parseServers("  ")).isEmpty();
    }

    @Test
    void systemDefaultHasNoServersAndTheDefaultTimeout() {
        ResolverSettings settings = ResolverSettings.systemDefault();

        assertThat(settings.usesSystemDefault()).isTrue();
        assertThat(settings.timeout()).isEqualTo(ResolverSettings.DEFAULT_TIMEOUT);
    }

    @Test
    void ofParsesEachServer() {
        ResolverSettings settings = ResolverSettings.of(List.of("127.0.53.1:5353"), Duration.ofSeconds(2));

        assertThat(settings.usesSystemDefault()).isFalse();
        assertThat(settings.servers()).containsExactly(new InetSocketAddress("127.0.53.1", 5353));
        assertThat(settings.withTimeout(Duration.ofMillis(300)).timeout()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void rejectsATimeoutThatIsNotPositive() {
        assertThatThrownBy(() -> new ResolverSettings(List.of(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout must be positive");
    }
}
