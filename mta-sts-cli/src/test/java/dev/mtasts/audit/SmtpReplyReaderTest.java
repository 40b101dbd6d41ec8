package dev.mtasts.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** SMTP replies as servers send them (RFC 5321 §4.2), and as they should not. */
class SmtpReplyReaderTest {

    static Stream<Arguments> replies() {
        return Stream.of(
            arguments("greeting", "220 mx.example.com ESMTP\r\n", 220, List.of("mx.example.com ESMTP")),
            arguments("code only", "250\r\n", 250, List.of("")),
            arguments("bare LF", "220 ready\n", 220, List.of("ready")),
            arguments("multiline EHLO", "250-mx.example.com\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 HELP\r\n", 250,
                List.of("mx.example.com", "PIPELINING", "STARTTLS", "HELP")),
            arguments("multiline, empty continuation", "250-mx\r\n250-\r\n250 8BITMIME\r\n", 250,
                List.of("mx", "", "8BITMIME")),
            arguments("refusal", "554 5.7.1 no service\r\n", 554, List.of("5.7.1 no service")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replies")
    void readsAReply(String name, String wire, int code, List<String> lines) throws Exception {
        SmtpReply reply = reader(wire).read();

        assertThat(reply.code()).isEqualTo(code);
        assertThat(reply.lines()).isEqualTo(lines);
    }

    static Stream<Arguments> brokenReplies() {
        return Stream.of(
            arguments("not a reply", "HTTP/1.1 400 Bad Request\r\n", "not an SMTP reply line"),
            arguments("short", "22\r\n", "not an SMTP reply line"),
            arguments("code out of range", "600 what\r\n", "reply code out of range"),
            arguments("codes differ", "250-a\r\n251 b\r\n", "reply lines with different codes"),
            arguments("bad separator", "250_x\r\n", "expected ' ' or '-' after the code"),
            arguments("closed at once", "", "connection closed by the server"),
            arguments("closed mid-line", "220 rea", "connection closed in the middle of a reply line"),
            arguments("closed mid-reply", "250-a\r\n", "connection closed by the server"),
            arguments("line too long", "220 " + "x".repeat(3000) + "\r\n", "reply line longer than 2048 bytes"),
            arguments("too many lines", "250-x\r\n".repeat(101), "reply longer than 100 lines"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenReplies")
    void refusesABrokenReply(String name, String wire, String message) {
        assertThatThrownBy(() -> reader(wire).read())
            .isInstanceOf(SmtpProtocolException.class)
            .hasMessageContaining(message);
    }

    @Test
    void readsNothingBeyondTheReply() throws Exception {
        InputStream in = stream("220 go ahead\r\n\u0016\u0003\u0001");

        new SmtpReplyReader(in).read();

        assertThat(in.read()).isEqualTo(0x16);
    }

    @Test
    void listsTheEhloKeywordsInUpperCase() throws Exception {
        SmtpReply reply = reader("250-mx.example.com Hello\r\n250-size 1000\r\n250-StartTLS\r\n250 HELP\r\n").read();

        assertThat(reply.ehloKeywords()).containsExactly("SIZE", "STARTTLS", "HELP");
        assertThat(reply.offers("starttls")).isTrue();
        assertThat(reply.toString()).isEqualTo("250 mx.example.com Hello / 250 size 1000 / 250 StartTLS / 250 HELP");
    }

    @Test
    void theGreetingLineIsNoKeyword() throws IOException, SmtpProtocolException {
        assertThat(reader("250 STARTTLS\r\n").read().offers("STARTTLS")).isFalse();
    }

    private static SmtpReplyReader reader(String wire) {
        return new SmtpReplyReader(stream(wire));
    }

    private static InputStream stream(String wire) {
        return new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1));
    }
}
