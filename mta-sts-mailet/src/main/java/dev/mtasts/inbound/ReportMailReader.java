package dev.mtasts.inbound;

import javax.mail.internet.MimeMessage;
import java.util.Objects;

/**
 * Finds the report in a mail (RFC 8460 §5.3) or a file, decompresses it within the limits and parses it.
 */
public final class ReportMailReader {

    private final ReportLimits limits;
    private final TlsRptJsonParser parser;

    public ReportMailReader(ReportLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.parser = new TlsRptJsonParser(limits);
    }

    /** A report mail; never throws. */
    public ParseOutcome read(MimeMessage message) {
        throw new UnsupportedOperationException("not yet");
    }

    /** A report file: {@code .json}, {@code .json.gz} or a whole mail ({@code .eml}); never throws. */
    public ParseOutcome read(byte[] file, String fileName) {
        throw new UnsupportedOperationException("not yet");
    }
}
