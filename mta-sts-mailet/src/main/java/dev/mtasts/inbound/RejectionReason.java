package dev.mtasts.inbound;

import java.util.Optional;

/** Why a report mail or file was not accepted. Stable codes, used in JSON, logs and metrics tags. */
public enum RejectionReason {
    /** Larger than {@link ReportLimits#maxMailBytes()} or, decompressed, {@link ReportLimits#maxDecompressedBytes()}. */
    TOO_LARGE("too-large"),
    /** A gzip part that inflates beyond {@link ReportLimits#maxCompressionRatio()} (checked past 1 MiB). */
    DECOMPRESSION_BOMB("decompression-bomb"),
    /** RFC 8460 §5.3: no {@code application/tlsrpt+gzip} / {@code +json} part, nor a {@code .json(.gz)} file. */
    NOT_A_REPORT("not-a-report"),
    /** Not JSON at all. */
    INVALID_JSON("invalid-json"),
    /** JSON, but not of the RFC 8460 §4 shape; or a gzip part that is corrupt. */
    INVALID_REPORT("invalid-report"),
    TOO_MANY_POLICIES("too-many-policies"),
    TOO_MANY_FAILURE_DETAILS("too-many-failure-details"),
    /** About a domain that is not ours. */
    FOREIGN_DOMAIN("foreign-domain"),
    /** The same organization and report-id were stored before. */
    DUPLICATE("duplicate"),
    /** DKIM did not pass and the receiver requires it (RFC 8460 §5.3 asks senders to sign). */
    DKIM_REQUIRED("dkim-required"),
    /** {@link StoreLimits#maxReportsPerDay()} reports were kept today (UTC) already; RFC 8460 §5 sets no bound. */
    DAILY_LIMIT("daily-limit");

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<RejectionReason> fromCode(String code) {
        for (RejectionReason reason : values()) {
            if (reason.code.equals(code)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return code;
    }
}
