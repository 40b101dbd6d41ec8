package dev.mtasts.dns;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one DNS lookup. A DNS answer is never an exception: the caller switches on the three cases.
 *
 * <p>RFC 8461 §3.1 and §3.3 depend on telling {@link NotFound} (NXDOMAIN, NODATA: "there is no record") apart
 * from {@link TemporaryFailure} (SERVFAIL, a timeout, a network error: "we could not find out").
 *
 * <p>The hierarchy is closed: the only implementations are the nested classes below.
 *
 * @param <T> the type of one record
 */
public interface DnsAnswer<T> {

    static <T> Found<T> found(List<T> records) {
        return new Found<>(records);
    }

    static <T> NotFound<T> notFound(String detail) {
        return new NotFound<>(detail);
    }

    static <T> TemporaryFailure<T> temporaryFailure(String detail) {
        return new TemporaryFailure<>(detail);
    }

    /** The name exists and has records of the asked type (CNAMEs followed). */
    final class Found<T> implements DnsAnswer<T> {
        private final List<T> records;

        Found(List<T> records) {
            this.records = List.copyOf(records);
            if (this.records.isEmpty()) {
                throw new IllegalArgumentException("Found needs at least one record");
            }
        }

        public List<T> records() {
            return records;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Found && records.equals(((Found<?>) other).records);
        }

        @Override
        public int hashCode() {
            return records.hashCode();
        }
    }

    /** NXDOMAIN or NODATA: the name has no record of the asked type. */
    final class NotFound<T> implements DnsAnswer<T> {
        private final String detail;

        NotFound(String detail) {
            this.detail = Objects.requireNonNull(detail, "detail");
        }

        public String detail() {
            return detail;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof NotFound && detail.equals(((NotFound<?>) other).detail);
        }

        @Override
        public int hashCode() {
            return detail.hashCode();
        }
    }

    /** SERVFAIL, a timeout or a network error: the answer is unknown, try again later. */
    final class TemporaryFailure<T> implements DnsAnswer<T> {
        private final String detail;

        TemporaryFailure(String detail) {
            this.detail = Objects.requireNonNull(detail, "detail");
        }

        public String detail() {
            return detail;
        }
    }
}
