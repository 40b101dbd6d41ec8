package dev.mtasts.james.tls;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClearTextReconnectTest {

    static Stream<Arguments> greetings() {
        return Stream.of(
            Arguments.of("one line", "220 mx.test ESMTP\r\nEHLO-REPLY", null),
            Arguments.of("several lines", "220-mx.test ESMTP\r\n220-more\r\n220 end\r\nEHLO-REPLY", null),
            Arguments.of("bare code", "220\nEHLO-REPLY", null),
            Arguments.of("busy", "421 busy\r\n", "greeted with 421 busy"),
            Arguments.of("refused", "554 go away\r\n", "greeted with 554 go away"),
            Arguments.of("closed", "220-mx.test", "closed the connection"),
            Arguments.of("endless lines", "220-x\r\n".repeat(101), "more than 100 lines"),
            Arguments.of("endless line", "220-" + "x".repeat(70 * 1024), "more than 65536 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("greetings")
    void readsExactlyTheGreeting(String name, String sent, String failure) throws IOException {
        InputStream in = new ByteArrayInputStream(sent.getBytes(StandardCharsets.US_ASCII));

        if (failure != null) {
            assertThatThrownBy(() -> ClearTextReconnect.readGreeting(in, "mx")).isInstanceOf(IOException.class)
                .hasMessageContaining(failure);
            return;
        }
        ClearTextReconnect.readGreeting(in, "mx");
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("EHLO-REPLY");
    }
}
