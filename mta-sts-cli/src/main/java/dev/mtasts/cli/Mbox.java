package dev.mtasts.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** RFC 4155 mbox: each message follows a {@code From } line; {@code >From } lines (mboxrd) lose one {@code >}. */
final class Mbox {

    private static final Pattern QUOTED_FROM = Pattern.compile(">+From .*");

    private Mbox() {
    }

    static List<byte[]> messages(byte[] mbox) {
        // ISO-8859-1 maps every byte to one char and back, so 8-bit message bytes survive the split unchanged.
        String text = new String(mbox, StandardCharsets.ISO_8859_1);
        List<byte[]> messages = new ArrayList<>();
        ByteArrayOutputStream message = null;
        boolean previousBlank = true;
        for (String line : text.split("(?<=\n)")) {
            String bare = line.endsWith("\r\n") ? line.substring(0, line.length() - 2)
                    : line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
            if (bare.startsWith("From ") && previousBlank) {
                if (message != null) {
                    messages.add(message.toByteArray());
                }
                message = new ByteArrayOutputStream();
            } else if (message != null) {
                String unquoted = QUOTED_FROM.matcher(bare).matches() ? line.substring(1) : line;
                message.writeBytes(unquoted.getBytes(StandardCharsets.ISO_8859_1));
            }
            previousBlank = bare.isEmpty();
        }
        if (message != null) {
            messages.add(message.toByteArray());
        }
        return messages;
    }
}
