package dev.mtasts.inbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/** Raw report mails for tests, in the shapes real senders use (RFC 8460 §5.3 and the deviations). */
final class Mails {

    private static final String HEADERS = """
            From: tlsrpt@sender.example\r
            To: tls-reports@example.com\r
            Subject: Report Domain: example.com Submitter: sender.example Report-ID: <1>\r
            MIME-Version: 1.0\r
            """;

    private Mails() {
    }

    /** RFC 8460 §5.3: {@code multipart/report; report-type=tlsrpt}, a text part and the report part. */
    static byte[] multipartReport(String partHeaders, String partBody) {
        return multipart("multipart/report; report-type=\"tlsrpt\"", partHeaders, partBody);
    }

    static byte[] multipart(String contentType, String partHeaders, String partBody) {
        return ascii(HEADERS + "Content-Type: " + contentType + "; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain\r\n\r\nA TLS report.\r\n"
                + "--b1\r\n" + partHeaders + "\r\n" + partBody + "\r\n--b1--\r\n");
    }

    static byte[] singlePart(String partHeaders, String body) {
        return ascii(HEADERS + partHeaders + "\r\n" + body + "\r\n");
    }

    static String base64(byte[] data) {
        return Base64.getMimeEncoder().encodeToString(data);
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
