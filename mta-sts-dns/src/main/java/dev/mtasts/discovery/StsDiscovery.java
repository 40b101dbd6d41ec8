package dev.mtasts.discovery;

import java.util.Objects;

/**
 * What the {@code _mta-sts.<domain>} TXT lookup said (RFC 8461 §3.1).
 *
 * <p>The hierarchy is closed: the only implementations are the nested classes below.
 */
public interface StsDiscovery {

    /** Exactly one record starting with {@code v=STSv1;}, and it parses. */
    final class Found implements StsDiscovery {
        private final StsRecord record;
        private final String raw;

        Found(StsRecord record, String raw) {
            this.record = Objects.requireNonNull(record, "record");
            this.raw = Objects.requireNonNull(raw, "raw");
        }

        public StsRecord record() {
            return record;
        }

        public String raw() {
            return raw;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Found && record.equals(((Found) other).record) && raw.equals(((Found) other).raw);
        }

        @Override
        public int hashCode() {
            return Objects.hash(record, raw);
        }
    }

    /** NXDOMAIN, NODATA, or no TXT record starting with {@code v=STSv1;}. */
    final class Absent implements StsDiscovery {
        private final String detail;

        Absent(String detail) {
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    /** More than one STSv1 record, or one that does not parse: as good as absent, but worth telling an operator. */
    final class Invalid implements StsDiscovery {
        private final String detail;

        Invalid(String detail) {
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    /** SERVFAIL, a timeout or a network error. */
    final class TemporaryFailure implements StsDiscovery {
        private final String detail;

        TemporaryFailure(String detail) {
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }
}
