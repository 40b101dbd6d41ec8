package dev.mtasts.dns;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one DNS lookup. A DNS answer is never an exception: the caller switches on the three cases.
 *
 * <p>RFC 8461 §3.1 and §3.3 depend on telling {@link NotFound} (NXDOMAIN, NODATA: "there is no record") apart
 * from {@link TemporaryFailure} (SERVFAIL, a timeout, a network error: "we could not find out").
 *
 * @param <T> the type of one record
 */
public sealed interface DnsAnswer<T> {

    /** The name exists and has records of the asked type (CNAMEs followed). */
    record Found<T>(List<T> records) implements DnsAnswer<T> {
        public Found {
            records = List.copyOf(records);
            if (records.isEmpty()) {
                throw new IllegalArgumentException("Found needs at least one record");
            }
        }
    }

    /** NXDOMAIN or NODATA: the name has no record of the asked type. */
    record NotFound<T>(String detail) implements DnsAnswer<T> {
        public NotFound {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** SERVFAIL, a timeout or a network error: the answer is unknown, try again later. */
    record TemporaryFailure<T>(String detail) implements DnsAnswer<T> {
        public TemporaryFailure {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
