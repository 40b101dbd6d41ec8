package dev.mtasts.james.tls;

import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Reads the server side of an SMTP conversation up to the end of the first 250 reply — the EHLO reply (or the HELO
 * reply, when EHLO is refused) — and says whether it offered STARTTLS (RFC 3207 §4). Anything after that, such as
 * the TLS records following STARTTLS, is not looked at.
 *
 * <p>When STARTTLS is required (an enforce domain), it reads on up to the end of the reply to STARTTLS and
 * {@linkplain #refusal() refuses} the session as soon as the EHLO reply lacks STARTTLS or any reply before TLS is a
 * 4xx or 5xx: RFC 8461 §5 treats such an MX like an unreachable one (the next MX is tried and the failure stays
 * temporary), and a clear-text reply, which anyone on the path can forge, must not fail the message for good.
 */
final class EhloWatcher {

    private static final int MAX_LINE = 1024;
    private static final int MAX_BYTES = 64 * 1024;

    private final BiConsumer<String, Boolean> onReply;
    private final boolean startTlsRequired;
    private final StringBuilder line = new StringBuilder();
    private int bytesSeen;
    private boolean startTlsOffered;
    private String ehloName;
    private boolean greeted;
    private boolean ehloReplied;
    private String refusal;
    private boolean done;

    /** @param onReply told once, at the end of the reply, the name the server gave and whether it offered STARTTLS */
    EhloWatcher(BiConsumer<String, Boolean> onReply) {
        this(onReply, false);
    }

    /** @param startTlsRequired whether the session must not go on without TLS (RFC 8461 §5, mode enforce) */
    EhloWatcher(BiConsumer<String, Boolean> onReply, boolean startTlsRequired) {
        this.onReply = onReply;
        this.startTlsRequired = startTlsRequired;
    }

    /** Why the session must stop before TLS, when STARTTLS is required; empty while it may go on. */
    Optional<String> refusal() {
        return Optional.ofNullable(refusal);
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
        if (startTlsRequired && (reply.startsWith("4") || reply.startsWith("5"))) {
            if (greeted && !ehloReplied && reply.startsWith("5")) {
                // EHLO refused for good: no extensions, so no STARTTLS (RFC 8460 starttls-not-supported).
                ehloReplied = true;
                onReply.accept(ehloName == null ? "" : ehloName, false);
            }
            refuse("the MX refused before TLS: " + reply);
            return;
        }
        if (ehloReplied) {
            // STARTTLS required: this is the reply to STARTTLS; TLS starts after its last line.
            done = isLastLine(reply);
            return;
        }
        if (reply.startsWith("220") && isLastLine(reply)) {
            greeted = true;
        }
        if (reply.length() < 3 || !reply.startsWith("250")) {
            return; // the greeting, or a refused EHLO before HELO
        }
        if (ehloName == null) {
            // The first line names the server: "250-mx.example.com Hello client".
            String text = reply.length() > 4 ? reply.substring(4).trim() : "";
            int end = text.indexOf(' ');
            ehloName = end < 0 ? text : text.substring(0, end);
        } else if (reply.length() > 4) {
            String keyword = reply.substring(4).trim();
            int space = keyword.indexOf(' ');
            if (space >= 0) {
                keyword = keyword.substring(0, space);
            }
            if (keyword.toUpperCase(Locale.ROOT).equals("STARTTLS")) {
                startTlsOffered = true;
            }
        }
        if (isLastLine(reply)) {
            ehloReplied = true;
            done = !startTlsRequired;
            onReply.accept(ehloName, startTlsOffered);
            if (startTlsRequired && !startTlsOffered) {
                refuse("the MX did not offer STARTTLS");
            }
        }
    }

    private static boolean isLastLine(String reply) {
        return reply.length() <= 3 || reply.charAt(3) == ' ';
    }

    private void refuse(String why) {
        refusal = why;
        done = true;
    }
}
