package dev.mtasts.james.tls;

import java.util.Locale;

/**
 * Reads the commands our side sends on one channel of an SMTP session (the clear-text socket, or the TLS layer
 * above it) up to the first {@code MAIL FROM} (RFC 5321 §3.3): that is where the session begins to carry the
 * message, and it is told once. On the clear-text socket it stops at {@code STARTTLS} (RFC 3207 §4): what follows
 * there is TLS records, watched above. Only the first characters of each line are kept; it gives up after 64 KiB.
 */
final class ClientCommandWatcher {

    private static final int MAX_BYTES = 64 * 1024;
    private static final int PREFIX = 16;
    private static final String MAIL_FROM = "MAIL FROM:";
    private static final String STARTTLS = "STARTTLS";

    private final Runnable onMailFrom;
    private final StringBuilder line = new StringBuilder();
    private int bytesSeen;
    private boolean done;

    /** @param onMailFrom told once, when the first {@code MAIL FROM} line is complete */
    ClientCommandWatcher(Runnable onMailFrom) {
        this.onMailFrom = onMailFrom;
    }

    boolean isDone() {
        return done;
    }

    void feed(byte[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length && !done; i++) {
            if (++bytesSeen > MAX_BYTES) {
                done = true;
                return;
            }
            char c = (char) (buffer[i] & 0xff);
            if (c == '\n') {
                onLine(line.toString().toUpperCase(Locale.ROOT));
                line.setLength(0);
            } else if (c != '\r' && line.length() < PREFIX) {
                line.append(c);
            }
        }
    }

    private void onLine(String command) {
        if (command.startsWith(MAIL_FROM)) {
            done = true;
            onMailFrom.run();
        } else if (command.equals(STARTTLS)) {
            done = true;
        }
    }
}
