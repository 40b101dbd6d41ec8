package dev.mtasts.james.tls;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class EhloWatcherTest {

    static Stream<Arguments> transcripts() {
        return Stream.of(
            Arguments.of("STARTTLS offered", "220 mx ESMTP\r\n250-mx.example.test Hello\r\n250-SIZE 1000\r\n"
                + "250-STARTTLS\r\n250 HELP\r\n", List.of("mx.example.test offers STARTTLS")),
            Arguments.of("STARTTLS as the last line", "220 mx\r\n250-mx\r\n250 STARTTLS\r\n",
                List.of("mx offers STARTTLS")),
            Arguments.of("lower case keyword", "220 mx\r\n250-mx\r\n250-starttls\r\n250 8BITMIME\r\n",
                List.of("mx offers STARTTLS")),
            Arguments.of("STARTTLS not offered", "220 mx ESMTP\r\n250-mx Hello\r\n250-SIZE 1000\r\n250 HELP\r\n",
                List.of("mx does not")),
            Arguments.of("a single-line EHLO reply", "220 mx\r\n250 mx\r\n", List.of("mx does not")),
            Arguments.of("EHLO refused, HELO answered", "220 mx\r\n502 EHLO not implemented\r\n250 mx\r\n",
                List.of("mx does not")),
            Arguments.of("a multi-line greeting", "220-mx ESMTP\r\n220 welcome\r\n250-mx\r\n250 STARTTLS\r\n",
                List.of("mx offers STARTTLS")),
            Arguments.of("bare LF line ends", "220 mx\n250-mx\n250 STARTTLS\n", List.of("mx offers STARTTLS")),
            Arguments.of("a keyword that only starts like it", "220 mx\r\n250-mx\r\n250 STARTTLSX\r\n",
                List.of("mx does not")),
            Arguments.of("replies after the EHLO reply are not read",
                "220 mx\r\n250-mx\r\n250 STARTTLS\r\n220 go ahead\r\n250 mx\r\n", List.of("mx offers STARTTLS")),
            Arguments.of("an unfinished reply says nothing", "220 mx\r\n250-mx\r\n250-STARTTLS\r\n", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void toldOnceTheServersNameAndWhetherItOffersStartTls(String name, String transcript, List<String> expected) {
        assertThat(feedByteByByte(transcript)).isEqualTo(expected);
        assertThat(feedAtOnce(transcript)).isEqualTo(expected);
    }

    private static void tell(List<String> told, String name, boolean offered) {
        told.add(name + (offered ? " offers STARTTLS" : " does not"));
    }

    private static List<String> feedByteByByte(String transcript) {
        List<String> told = new ArrayList<>();
        EhloWatcher watcher = new EhloWatcher((name, offered) -> tell(told, name, offered));
        for (byte b : transcript.getBytes(StandardCharsets.US_ASCII)) {
            watcher.feed(new byte[]{b}, 0, 1);
        }
        return told;
    }

    private static List<String> feedAtOnce(String transcript) {
        List<String> told = new ArrayList<>();
        EhloWatcher watcher = new EhloWatcher((name, offered) -> tell(told, name, offered));
        byte[] bytes = ("xx" + transcript).getBytes(StandardCharsets.US_ASCII);
        watcher.feed(bytes, 2, bytes.length - 2);
        return told;
    }
}
