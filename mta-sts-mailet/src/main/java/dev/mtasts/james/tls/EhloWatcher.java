package dev.mtasts.james.tls;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads the server side of an SMTP conversation up to the end of the first 250 reply — the EHLO reply (or the HELO
 * reply, when EHLO is refused) — and says whether it offered STARTTLS (RFC 3207 §4). Anything after that, such as
 * the TLS records following STARTTLS, is not looked at.
 */
final class EhloWatcher {

    private static final int MAX_LINE = 1024;
    private static final int MAX_BYTES = 64 * 1024;

    private final Consumer<Boolean> onReply;
    private final StringBuilder line = new StringBuilder();
    private int bytesSeen;
    private boolean startTlsOffered;
    private boolean done;

    /** @param onReply told once, at the end of the reply, whether STARTTLS was offered */
    EhloWatcher(Consumer<Boolean> onReply) {
        this.onReply = onReply;
    }

    boolean isDone() {
        return done;
    }

    void feed(byte[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length && !done; i++) {
            bytesSeen++;
            if (bytesSeen > MAX_BYTES) {
                done = true;
                return;
            }
            char c = (char) (buffer[i] & 0xff);
            if (c == '\n') {
                onLine(line.toString());
                line.setLength(0);
            } else if (c != '\r' && line.length() < MAX_LINE) {
                line.append(c);
            }
        }
    }

    private void onLine(String reply) {
        if (reply.length() < 3 || !reply.startsWith("250")) {
            return; // the greeting, or a refused EHLO before HELO
        }
        if (reply.length() > 4) {
            String keyword = reply.substring(4).trim();
            int space = keyword.indexOf(' ');
            if (space >= 0) {
                keyword = keyword.substring(0, space);
            }
            if (keyword.toUpperCase(Locale.ROOT).equals("STARTTLS")) {
                startTlsOffered = true;
            }
        }
        boolean lastLine = reply.length() == 3 || reply.charAt(3) == ' ';
        if (lastLine) {
            done = true;
            onReply.accept(startTlsOffered);
        }
    }
}
