package dev.mtasts.inbound;

import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Finds the report in a mail or a file, decompresses it within the limits and parses it.
 *
 * <p>RFC 8460 §5.3 asks for {@code multipart/report; report-type=tlsrpt} with an {@code application/tlsrpt+gzip} or
 * {@code application/tlsrpt+json} part. Senders also send a single-part report, or an ordinary attachment named
 * {@code *.json} or {@code *.json.gz}. What the part holds is judged by its bytes, not its label: a {@code +gzip}
 * part that is plain JSON, or a {@code +json} part that is base64 text, is read all the same.
 */
public final class ReportMailReader {

    private static final String GZIP_MEDIA_TYPE = "application/tlsrpt+gzip";
    private static final String JSON_MEDIA_TYPE = "application/tlsrpt+json";
    private static final int MAX_MIME_DEPTH = 8;

    private final ReportLimits limits;
    private final TlsRptJsonParser parser;

    public ReportMailReader(ReportLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.parser = new TlsRptJsonParser(limits);
    }

    /** A report mail; never throws. */
    public ParseOutcome read(MimeMessage message) {
        try {
            if (message.getSize() > limits.maxMailBytes()) {
                return tooLarge("the mail has " + message.getSize() + " bytes");
            }
            Optional<Part> part = reportPart(message, 0);
            if (part.isEmpty()) {
                return ParseOutcome.rejected(RejectionReason.NOT_A_REPORT, "no " + GZIP_MEDIA_TYPE + " or "
                        + JSON_MEDIA_TYPE + " part, nor a .json or .json.gz attachment");
            }
            return decode(readPart(part.get()));
        } catch (ReportRejection rejection) {
            return rejection.outcome();
        } catch (MessagingException | IOException | RuntimeException e) {
            // JavaMail reads what the sender wrote; whatever it throws, the mail is not a readable report.
            return ParseOutcome.rejected(RejectionReason.NOT_A_REPORT, "unreadable MIME: " + e);
        }
    }

    /** A report file: JSON, gzip-compressed JSON ({@code .json}, {@code .json.gz}) or a whole mail; never throws. */
    public ParseOutcome read(byte[] file) {
        if (file.length > limits.maxMailBytes()) {
            return tooLarge("the file has " + file.length + " bytes");
        }
        if (isReportData(file)) {
            return decode(file);
        }
        try {
            return read(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(file)));
        } catch (MessagingException | RuntimeException e) {
            return ParseOutcome.rejected(RejectionReason.NOT_A_REPORT, "neither JSON, gzip nor a mail: " + e);
        }
    }

    private ParseOutcome tooLarge(String detail) {
        return ParseOutcome.rejected(RejectionReason.TOO_LARGE, detail + ", more than " + limits.maxMailBytes());
    }

    /** The report part: by media type first, else by file name; depth-first, the first one found. */
    private static Optional<Part> reportPart(Part part, int depth) throws MessagingException, IOException {
        Optional<Part> byType = find(part, depth, true);
        return byType.isPresent() ? byType : find(part, depth, false);
    }

    private static Optional<Part> find(Part part, int depth, boolean byMediaType)
            throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (!(content instanceof Multipart) || depth >= MAX_MIME_DEPTH) {
                return Optional.empty();
            }
            Multipart multipart = (Multipart) content;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Optional<Part> found = find(child, depth + 1, byMediaType);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        boolean matches = byMediaType ? part.isMimeType(GZIP_MEDIA_TYPE) || part.isMimeType(JSON_MEDIA_TYPE)
                : hasReportFileName(part);
        return matches ? Optional.of(part) : Optional.empty();
    }

    /** RFC 8460 §5.1 names report files {@code ....json} or {@code ....json.gz}. */
    private static boolean hasReportFileName(Part part) throws MessagingException {
        String name = part.getFileName();
        if (name == null) {
            return false;
        }
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".json") || lower.endsWith(".json.gz") || lower.endsWith(".gz");
    }

    /** The part's content after its transfer encoding, at most the mail limit. */
    private byte[] readPart(Part part) throws MessagingException, IOException, ReportRejection {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = part.getInputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                content.write(buffer, 0, read);
                if (content.size() > limits.maxMailBytes()) {
                    throw new ReportRejection(RejectionReason.TOO_LARGE, "the report part is larger than "
                            + limits.maxMailBytes() + " bytes");
                }
            }
        }
        return content.toByteArray();
    }

    /** Gzip or JSON, as the bytes say; else base64 text of either (a {@code +json} part sent base64 unlabelled). */
    private ParseOutcome decode(byte[] content) {
        try {
            if (Gunzip.isGzip(content)) {
                return parser.parse(Gunzip.inflate(content, limits));
            }
            if (!looksLikeJson(content)) {
                Optional<byte[]> decoded = base64(content);
                if (decoded.isPresent() && Gunzip.isGzip(decoded.get())) {
                    return parser.parse(Gunzip.inflate(decoded.get(), limits));
                }
                if (decoded.isPresent() && looksLikeJson(decoded.get())) {
                    return parser.parse(decoded.get());
                }
            }
            return parser.parse(content);
        } catch (ReportRejection rejection) {
            return rejection.outcome();
        }
    }

    /** Report data itself, gzip or JSON (RFC 8460 §5.1), as opposed to a mail that carries it. */
    public static boolean isReportData(byte[] content) {
        return Gunzip.isGzip(content) || looksLikeJson(content);
    }

    /** The first byte that is not RFC 8259 white space (after a UTF-8 byte order mark) opens an object. */
    private static boolean looksLikeJson(byte[] content) {
        int i = content.length >= 3 && (content[0] & 0xff) == 0xef ? 3 : 0;
        while (i < content.length && (content[i] == ' ' || content[i] == '\t' || content[i] == '\n'
                || content[i] == '\r')) {
            i++;
        }
        return i < content.length && content[i] == '{';
    }

    private static Optional<byte[]> base64(byte[] content) {
        try {
            return Optional.of(Base64.getMimeDecoder().decode(content));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
