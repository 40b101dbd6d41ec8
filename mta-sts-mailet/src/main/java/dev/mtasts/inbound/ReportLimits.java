package dev.mtasts.inbound;

import java.util.Objects;

/**
 * Limits on what a report sender can make us read. RFC 8460 §5 leaves them to the receiver; each one exceeded is a
 * clear {@link RejectionReason}, never an exception.
 */
public final class ReportLimits {

    private static final long MIB = 1024L * 1024;

    private final long maxMailBytes;
    private final long maxDecompressedBytes;
    private final int maxCompressionRatio;
    private final int maxPolicies;
    private final int maxFailureDetails;

    /**
     * @param maxMailBytes         the whole mail, or a report file as read from disk
     * @param maxDecompressedBytes the JSON after gunzip
     * @param maxCompressionRatio  decompressed bytes per compressed byte beyond which a gzip part is a bomb
     * @param maxPolicies          entries of {@code policies}
     * @param maxFailureDetails    entries of {@code failure-details} in one policy
     */
    public ReportLimits(long maxMailBytes, long maxDecompressedBytes, int maxCompressionRatio, int maxPolicies,
                        int maxFailureDetails) {
        if (maxMailBytes < 1 || maxDecompressedBytes < 1 || maxCompressionRatio < 1 || maxPolicies < 1
                || maxFailureDetails < 0) {
            throw new IllegalArgumentException("report limits must be positive");
        }
        this.maxMailBytes = maxMailBytes;
        this.maxDecompressedBytes = maxDecompressedBytes;
        this.maxCompressionRatio = maxCompressionRatio;
        this.maxPolicies = maxPolicies;
        this.maxFailureDetails = maxFailureDetails;
    }

    /** 10 MiB mail, 20 MiB decompressed, ratio 100, 1000 policies, 10000 failure details per policy. */
    public static ReportLimits defaults() {
        return new ReportLimits(10 * MIB, 20 * MIB, 100, 1000, 10_000);
    }

    public long maxMailBytes() {
        return maxMailBytes;
    }

    public long maxDecompressedBytes() {
        return maxDecompressedBytes;
    }

    public int maxCompressionRatio() {
        return maxCompressionRatio;
    }

    public int maxPolicies() {
        return maxPolicies;
    }

    public int maxFailureDetails() {
        return maxFailureDetails;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ReportLimits)) {
            return false;
        }
        ReportLimits that = (ReportLimits) other;
        return maxMailBytes == that.maxMailBytes && maxDecompressedBytes == that.maxDecompressedBytes
                && maxCompressionRatio == that.maxCompressionRatio && maxPolicies == that.maxPolicies
                && maxFailureDetails == that.maxFailureDetails;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxMailBytes, maxDecompressedBytes, maxCompressionRatio, maxPolicies, maxFailureDetails);
    }

    @Override
    public String toString() {
        return "ReportLimits[mail=" + maxMailBytes + ", decompressed=" + maxDecompressedBytes + ", ratio="
                + maxCompressionRatio + ", policies=" + maxPolicies + ", failureDetails=" + maxFailureDetails + "]";
    }
}
