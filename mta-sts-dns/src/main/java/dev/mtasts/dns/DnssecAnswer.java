package dev.mtasts.dns;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one DNSSEC-aware lookup, as a validating resolver reports it (RFC 7672 §2.1, RFC 4035 §3.2.3:
 * the AD bit of every response on the way).
 *
 * <ul>
 *   <li>{@link Secure}: every response, each step of the CNAME chain included, carried the AD bit. No records
 *       means an authenticated NXDOMAIN or NODATA.</li>
 *   <li>{@link Insecure}: an answer, but at least one step without AD (an unsigned zone or an insecure
 *       delegation). No records means NXDOMAIN or NODATA.</li>
 *   <li>{@link Failed}: bogus (a validating resolver answers SERVFAIL), another error response code, a timeout,
 *       a network error, a CNAME chain that is too long or loops. RFC 7672 §2.1.1: "indeterminate or bogus"
 *       must not be treated as insecure.</li>
 * </ul>
 *
 * <p>The hierarchy is closed: the only implementations are the nested classes below.
 *
 * @param <T> the type of one record
 */
public interface DnssecAnswer<T> {

    /** What the answer was, for logs and the command line. */
    String detail();

    static <T> Secure<T> secure(List<T> records, Duration ttl, String detail) {
        return new Secure<>(records, ttl, detail);
    }

    static <T> Insecure<T> insecure(List<T> records, Duration ttl, String detail) {
        return new Insecure<>(records, ttl, detail);
    }

    static <T> Failed<T> failed(String detail) {
        return new Failed<>(detail);
    }

    /** An answer the resolver gave (secure or insecure): records (possibly none) and how long they may be kept. */
    abstract class Answered<T> implements DnssecAnswer<T> {
        private final List<T> records;
        private final Duration ttl;
        private final String detail;

        Answered(List<T> records, Duration ttl, String detail) {
            this.records = List.copyOf(records);
            this.ttl = Objects.requireNonNull(ttl, "ttl");
            this.detail = Objects.requireNonNull(detail, "detail");
        }

        /** The records of the asked type; empty for NXDOMAIN or NODATA. */
        public List<T> records() {
            return records;
        }

        public boolean hasRecords() {
            return !records.isEmpty();
        }

        /** The smallest TTL of the records (and CNAMEs) used, or the negative-caching TTL (RFC 2308 §5). */
        public Duration ttl() {
            return ttl;
        }

        @Override
        public String detail() {
            return detail;
        }
    }

    /** Every step validated (AD). */
    final class Secure<T> extends Answered<T> {
        Secure(List<T> records, Duration ttl, String detail) {
            super(records, ttl, detail);
        }

        @Override
        public String toString() {
            return "secure: " + detail();
        }
    }

    /** Answered, but some step was not validated. */
    final class Insecure<T> extends Answered<T> {
        Insecure(List<T> records, Duration ttl, String detail) {
            super(records, ttl, detail);
        }

        @Override
        public String toString() {
            return "insecure: " + detail();
        }
    }

    /** Bogus, SERVFAIL, timeout or any other failure: the answer is unknown and must not be trusted. */
    final class Failed<T> implements DnssecAnswer<T> {
        private final String detail;

        Failed(String detail) {
            this.detail = Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String detail() {
            return detail;
        }

        @Override
        public String toString() {
            return "bogus or failed: " + detail;
        }
    }
}
