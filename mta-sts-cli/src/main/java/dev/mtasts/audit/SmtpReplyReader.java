package dev.mtasts.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SMTP replies (RFC 5321 §4.2) one byte at a time, so that nothing beyond a reply is ever read ahead:
 * after {@code 220} to STARTTLS the next byte belongs to the TLS handshake, and any byte a server sent early
 * must not be taken as part of the encrypted session (RFC 3207 §6's injection warning).
 *
 * <pre>
 * Reply-line = *( Reply-code "-" [ textstring ] CRLF ) Reply-code [ SP textstring ] CRLF
 * </pre>
 *
 * Bounded: at most {@value #MAX_LINE_BYTES} bytes a line (RFC 5321 §4.5.3.1.5 allows 512; some servers send
 * more) and {@value #MAX_LINES} lines a reply. A bare LF ends a line too; every line must carry the same code.
 */
final class SmtpReplyReader {

    static final int MAX_LINE_BYTES = 2048;
    static final int MAX_LINES = 100;

    private final InputStream in;

    SmtpReplyReader(InputStream in) {
        this.in = in;
    }

    SmtpReply read() throws IOException, SmtpProtocolException {
        List<String> lines = new ArrayList<>();
        int code = -1;
        while (true) {
            String line = readLine();
            if (line.length() < 3 || !isDigits(line.substring(0, 3))) {
                throw new SmtpProtocolException("not an SMTP reply line: " + quoted(line));
            }
            int lineCode = Integer.parseInt(line.substring(0, 3));
            if (lineCode < 200 || lineCode > 599) {
                throw new SmtpProtocolException("reply code out of range: " + quoted(line));
            }
            if (code >= 0 && lineCode != code) {
                throw new SmtpProtocolException("reply lines with different codes: " + code + " then "
                        + quoted(line));
            }
            code = lineCode;
            char separator = line.length() > 3 ? line.charAt(3) : ' ';
            if (separator != ' ' && separator != '-') {
                throw new SmtpProtocolException("expected ' ' or '-' after the code: " + quoted(line));
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (separator == ' ') {
                return new SmtpReply(code, lines);
            }
            if (lines.size() >= MAX_LINES) {
                throw new SmtpProtocolException("reply longer than " + MAX_LINES + " lines");
            }
        }
    }

    private String readLine() throws IOException, SmtpProtocolException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new SmtpProtocolException(line.size() == 0 ? "connection closed by the server"
                        : "connection closed in the middle of a reply line");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE_BYTES) {
                throw new SmtpProtocolException("reply line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
    }

    private static boolean isDigits(String text) {
        return text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String quoted(String line) {
        String shown = line.length() > 80 ? line.substring(0, 80) + "…" : line;
        StringBuilder text = new StringBuilder("'");
        shown.chars().forEach(c -> text.append(c < 0x20 || c > 0x7e ? String.format("\\x%02x", c) : String.valueOf((char) c)));
        return text.append('\'').toString();
    }
}
