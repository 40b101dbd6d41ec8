package dev.mtasts.inbound;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/**
 * RFC 8460 §5.2: reports are gzip-compressed. Inflates within the limits, checking as it goes, so that a small
 * gzip that would inflate to gigabytes (a bomb) is stopped after little work.
 */
final class Gunzip {

    /** The ratio is only judged past this size: tiny, repetitive reports compress very well and are harmless. */
    static final long RATIO_FLOOR_BYTES = 1024L * 1024;
    private static final int BUFFER_BYTES = 64 * 1024;

    private Gunzip() {
    }

    /** RFC 1952: the first two bytes of every gzip member. */
    static boolean isGzip(byte[] data) {
        return data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
    }

    static byte[] inflate(byte[] compressed, ReportLimits limits) throws ReportRejection {
        long bombAt = Math.max(RATIO_FLOOR_BYTES, (long) compressed.length * limits.maxCompressionRatio());
        ByteArrayOutputStream inflated = new ByteArrayOutputStream();
        byte[] buffer = new byte[BUFFER_BYTES];
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), BUFFER_BYTES)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                inflated.write(buffer, 0, read);
                if (inflated.size() > bombAt) {
                    throw new ReportRejection(RejectionReason.DECOMPRESSION_BOMB, compressed.length
                            + " gzip bytes inflate beyond " + inflated.size() + " (ratio above "
                            + limits.maxCompressionRatio() + ")");
                }
                if (inflated.size() > limits.maxDecompressedBytes()) {
                    throw new ReportRejection(RejectionReason.TOO_LARGE, "the report inflates beyond "
                            + limits.maxDecompressedBytes() + " bytes");
                }
            }
        } catch (IOException e) {
            throw new ReportRejection(RejectionReason.INVALID_REPORT, "the gzip data is corrupt: " + e.getMessage());
        }
        return inflated.toByteArray();
    }
}
