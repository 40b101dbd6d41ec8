package dev.mtasts.audit;

import dev.mtasts.fetch.TrustAnchors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The SMTP probe against servers that misbehave, each following a script. */
class SmtpProbeTest {

    private static final String ADDRESS = "127.0.60.30";

    static Stream<Arguments> dialogues() {
        return Stream.of(
            arguments("refusal instead of a greeting", List.of("< 554 5.3.2 no service"),
                "SmtpFailed[greeting: greeting 554 5.3.2 no service]"),
            arguments("not SMTP at all", List.of("< SSH-2.0-OpenSSH_9.2"),
                "SmtpFailed[greeting: not an SMTP reply line: 'SSH-2.0-OpenSSH_9.2']"),
            arguments("EHLO refused", List.of("< 220 mx ready", ">", "< 502 5.5.1 command not implemented"),
                "SmtpFailed[EHLO: EHLO answered 502 5.5.1 command not implemented]"),
            arguments("closed after the greeting", List.of("< 220 mx ready", ">"),
                "SmtpFailed[EHLO: connection closed by the server]"),
            arguments("no STARTTLS", List.of("< 220 mx ready", ">", "< 250-mx", "< 250-PIPELINING", "< 250 8BITMIME", ">"),
                "NoStartTls[PIPELINING, 8BITMIME]"),
            arguments("STARTTLS refused", List.of("< 220 mx ready", ">", "< 250-mx", "< 250 STARTTLS", ">",
                "< 454 4.7.0 TLS not available", ">"), "StartTlsRefused[454 4.7.0 TLS not available]"),
            arguments("plain text after 220 to STARTTLS", List.of("< 220 mx ready", ">", "< 250-mx", "< 250 STARTTLS",
                ">", "< 220 go ahead", "< 250 this is not TLS", "hold"), "HandshakeFailed"),
            arguments("greeting never comes", List.of("hold"), "SmtpFailed[greeting: no complete answer within 1 s]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialogues")
    void saysHowFarItGot(String name, List<String> script, String expected) throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(ADDRESS, script)) {
            SmtpProbeResult result = probe(server.port()).probe("mx.example.test", List.of(InetAddress.getByName(ADDRESS)));

            assertThat(describe(result)).startsWith(expected);
        }
    }

    @Test
    void greetsWithItsAddressLiteralAndSaysStartTlsOnlyWhenOffered() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(ADDRESS,
                List.of("< 220 mx ready", ">", "< 250-mx", "< 250 STARTTLS", ">", "< 454 not now", ">"))) {
            probe(server.port()).probe("mx.example.test", List.of(InetAddress.getByName(ADDRESS)));

            assertThat(server.received()).hasSize(3);
            assertThat(server.received().get(0)).matches("EHLO \\[127\\.\\d+\\.\\d+\\.\\d+\\]");
            assertThat(server.received().subList(1, 3)).containsExactly("STARTTLS", "QUIT");
        }
    }

    @Test
    void reportsEveryAddressThatRefused() throws Exception {
        SmtpProbeResult result = probe(1).probe("mx.example.test",
            List.of(InetAddress.getByName("127.0.60.31"), InetAddress.getByName("127.0.60.32")));

        assertThat(result).isInstanceOf(SmtpProbeResult.Unreachable.class);
        assertThat(((SmtpProbeResult.Unreachable) result).detail())
            .contains("127.0.60.31 port 1: Connection refused")
            .contains("127.0.60.32 port 1: Connection refused");
    }

    @Test
    void writesAddressLiterals() throws Exception {
        assertThat(SmtpProbe.addressLiteral(InetAddress.getByName("192.0.2.1"))).isEqualTo("[192.0.2.1]");
        assertThat(SmtpProbe.addressLiteral(InetAddress.getByName("2001:db8::1"))).isEqualTo("[IPv6:2001:db8:0:0:0:0:0:1]");
    }

    private static SmtpProbe probe(int port) {
        AuditSettings settings = AuditSettings.defaults(TrustAnchors.jdkDefaults())
            .withTimeout(Duration.ofSeconds(1))
            .withPorts(443, port);
        return new SmtpProbe(settings);
    }

    private static String describe(SmtpProbeResult result) {
        if (result instanceof SmtpProbeResult.SmtpFailed failed) {
            return "SmtpFailed[" + failed.stage() + ": " + failed.detail() + "]";
        }
        if (result instanceof SmtpProbeResult.NoStartTls none) {
            return "NoStartTls[" + String.join(", ", none.extensions()) + "]";
        }
        if (result instanceof SmtpProbeResult.StartTlsRefused refused) {
            return "StartTlsRefused[" + refused.reply() + "]";
        }
        if (result instanceof SmtpProbeResult.HandshakeFailed failed) {
            return "HandshakeFailed[" + failed.detail() + "]";
        }
        return result.toString();
    }
}
