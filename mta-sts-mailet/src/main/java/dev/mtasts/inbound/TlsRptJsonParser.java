package dev.mtasts.inbound;

import java.util.Objects;

/**
 * RFC 8460 §4 report JSON: strict on structure, liberal on what real senders do (see the class test for each quirk).
 */
public final class TlsRptJsonParser {

    private final ReportLimits limits;

    public TlsRptJsonParser(ReportLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Never throws: any input is a report or a rejection. */
    public ParseOutcome parse(byte[] json) {
        throw new UnsupportedOperationException("not yet");
    }
}
