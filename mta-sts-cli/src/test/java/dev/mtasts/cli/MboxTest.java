package dev.mtasts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 4155 mbox splitting. */
class MboxTest {

    record Example(String name, String mbox, List<String> messages) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Example> examples() {
        return Stream.of(
                new Example("one message", "From a@b Mon Nov 16 00:00:00 2026\nSubject: 1\n\nbody\n",
                        List.of("Subject: 1\n\nbody\n")),
                new Example("two messages", "From a@b x\nSubject: 1\n\nbody\n\nFrom c@d y\nSubject: 2\n\nb2\n",
                        List.of("Subject: 1\n\nbody\n\n", "Subject: 2\n\nb2\n")),
                new Example("CRLF lines", "From a@b x\r\nSubject: 1\r\n\r\nbody\r\n\r\nFrom c@d y\r\nS: 2\r\n",
                        List.of("Subject: 1\r\n\r\nbody\r\n\r\n", "S: 2\r\n")),
                new Example("From inside a paragraph is body text", "From a@b x\nS: 1\n\nline\nFrom here on\n",
                        List.of("S: 1\n\nline\nFrom here on\n")),
                new Example(">From unquoted once (mboxrd)", "From a@b x\nS: 1\n\n>From me\n>>From you\n",
                        List.of("S: 1\n\nFrom me\n>From you\n")),
                new Example("8-bit bytes kept", "From a@b x\nS: 1\n\n\u00e9\u00ff\n", List.of("S: 1\n\n\u00e9\u00ff\n")),
                new Example("text before the first From line dropped", "junk\n\nFrom a@b x\nS: 1\n", List.of("S: 1\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void splits(Example example) {
        List<String> messages = Mbox.messages(example.mbox().getBytes(StandardCharsets.ISO_8859_1)).stream()
                .map(bytes -> new String(bytes, StandardCharsets.ISO_8859_1)).toList();

        assertThat(messages).isEqualTo(example.messages());
    }
}
