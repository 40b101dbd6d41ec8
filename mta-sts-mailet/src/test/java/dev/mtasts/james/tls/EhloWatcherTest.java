package dev.mtasts.james.tls;

import org.junit.jupiter.api.Test;
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

    static Stream<Arguments> requiredTranscripts() {
        return Stream.of(
            Arguments.of("STARTTLS offered and accepted",
                "220 mx\r\n250-mx\r\n250 STARTTLS\r\n220 go ahead\r\n", "", true),
            Arguments.of("a multi-line answer to STARTTLS",
                "220 mx\r\n250-mx\r\n250 STARTTLS\r\n220-go\r\n220 ahead\r\n", "", true),
            Arguments.of("waiting for the answer to STARTTLS", "220 mx\r\n250-mx\r\n250 STARTTLS\r\n", "", false),
            Arguments.of("STARTTLS not offered", "220 mx\r\n250-mx\r\n250 HELP\r\n",
                "the MX did not offer STARTTLS", true),
            Arguments.of("a refused greeting", "554 go away\r\n", "refused before TLS: 554 go away", true),
            Arguments.of("EHLO refused", "220 mx\r\n502 EHLO not implemented\r\n",
                "refused before TLS: 502 EHLO not implemented", true),
            Arguments.of("STARTTLS refused for good", "220 mx\r\n250-mx\r\n250 STARTTLS\r\n554 no TLS\r\n",
                "refused before TLS: 554 no TLS", true),
            Arguments.of("STARTTLS refused for now",
                "220 mx\r\n250-mx\r\n250 STARTTLS\r\n454 TLS not available\r\n",
                "refused before TLS: 454 TLS not available", true),
            Arguments.of("TLS records after the answer to STARTTLS are not read",
                "220 mx\r\n250-mx\r\n250 STARTTLS\r\n220 go\r\n550 \u0016\u0003\r\n", "", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requiredTranscripts")
    void whenStartTlsIsRequiredAnythingButStartTlsStopsTheSessionBeforeTls(String name, String transcript,
                                                                           String refusal, boolean done) {
        for (int chunk : new int[]{1, transcript.length()}) {
            EhloWatcher watcher = new EhloWatcher((ehloName, offered) -> { }, true);
            byte[] bytes = transcript.getBytes(StandardCharsets.ISO_8859_1);
            for (int offset = 0; offset < bytes.length && !watcher.isDone(); offset += chunk) {
                watcher.feed(bytes, offset, Math.min(chunk, bytes.length - offset));
            }
            assertThat(watcher.refusal().orElse("")).as("chunk %d", chunk).contains(refusal);
            assertThat(watcher.refusal().isEmpty()).as("chunk %d", chunk).isEqualTo(refusal.isEmpty());
            assertThat(watcher.isDone()).as("chunk %d", chunk).isEqualTo(done);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void theEhloReplyIsToldAlikeWhenStartTlsIsRequired(String name, String transcript, List<String> expected) {
        List<String> told = new ArrayList<>();
        EhloWatcher watcher = new EhloWatcher((ehloName, offered) -> tell(told, ehloName, offered), true);
        byte[] bytes = transcript.getBytes(StandardCharsets.US_ASCII);
        watcher.feed(bytes, 0, bytes.length);
        if (!transcript.contains("\r\n5")) {
            assertThat(told).isEqualTo(expected);
        }
    }

    @Test
    void whenStartTlsIsRequiredARefusedEhloIsToldAsNoStartTls() {
        List<String> told = new ArrayList<>();
        EhloWatcher watcher = new EhloWatcher((ehloName, offered) -> tell(told, ehloName, offered), true);
        byte[] bytes = "220 mx\r\n502 EHLO not implemented\r\n250 mx\r\n".getBytes(StandardCharsets.US_ASCII);

        watcher.feed(bytes, 0, bytes.length);

        assertThat(told).containsExactly(" does not");
        assertThat(watcher.refusal()).get().asString().contains("502 EHLO not implemented");
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
