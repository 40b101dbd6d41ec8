package dev.mtasts.inbound;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * RFC 8460 §4.4 {@code start-datetime} / {@code end-datetime}: RFC 3339 date-times, read liberally. A space for the
 * {@code T} (RFC 3339 §5.6 allows it), lower-case {@code t} and {@code z}, and a timestamp without a zone (read as
 * UTC, as some senders write it) are accepted.
 */
final class ReportTimestamps {

    private static final int DATE_LENGTH = 10;

    private ReportTimestamps() {
    }

    static Optional<Instant> parse(String text) {
        String normal = text.trim().toUpperCase(Locale.ROOT);
        if (normal.length() > DATE_LENGTH && normal.charAt(DATE_LENGTH) == ' ') {
            normal = normal.substring(0, DATE_LENGTH) + 'T' + normal.substring(DATE_LENGTH + 1);
        }
        try {
            return Optional.of(OffsetDateTime.parse(normal, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException withZone) {
            try {
                return Optional.of(LocalDateTime.parse(normal, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                        .toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException withoutZone) {
                return Optional.empty();
            }
        }
    }
}
