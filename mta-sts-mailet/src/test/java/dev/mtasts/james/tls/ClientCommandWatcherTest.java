package dev.mtasts.james.tls;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ClientCommandWatcherTest {

    static Stream<Arguments> conversations() {
        return Stream.of(
            Arguments.of("MAIL FROM in clear text", new String[]{"EHLO james.test\r\n", "MAIL FROM:<a@b.test>\r\n"}, 1),
            Arguments.of("split across writes", new String[]{"EHLO j\r\nMA", "IL FR", "OM:<a@b.test>\r", "\n"}, 1),
            Arguments.of("lower case", new String[]{"mail from:<a@b.test>\r\n"}, 1),
            Arguments.of("told once", new String[]{"MAIL FROM:<a@b.test>\r\nRSET\r\nMAIL FROM:<c@d.test>\r\n"}, 1),
            Arguments.of("STARTTLS: the rest is TLS", new String[]{"EHLO j\r\nSTARTTLS\r\n",
                "MAIL FROM:<looks like it>\r\n"}, 0),
            Arguments.of("not yet complete", new String[]{"MAIL FROM:<a@b.test>"}, 0),
            Arguments.of("QUIT before any message", new String[]{"EHLO j\r\nQUIT\r\n"}, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conversations")
    void tellsTheFirstMailFromOnce(String name, String[] writes, int told) {
        AtomicInteger count = new AtomicInteger();
        ClientCommandWatcher watcher = new ClientCommandWatcher(count::incrementAndGet);

        for (String write : writes) {
            byte[] bytes = write.getBytes(StandardCharsets.US_ASCII);
            watcher.feed(bytes, 0, bytes.length);
        }

        assertThat(count).hasValue(told);
    }
}
