package dev.mtasts.discovery;

import java.util.Objects;

/**
 * What the {@code _smtp._tls.<domain>} TXT lookup said (RFC 8460 §3).
 *
 * <p>The hierarchy is closed: the only implementations are the nested classes below.
 */
public interface TlsRptDiscovery {

    /** Exactly one record starting with {@code v=TLSRPTv1;}, and it parses. */
    final class Found implements TlsRptDiscovery {
        private final TlsRptRecord record;
        private final String raw;

        Found(TlsRptRecord record, String raw) {
            this.record = Objects.requireNonNull(record, "record");
            this.raw = Objects.requireNonNull(raw, "raw");
        }

        public TlsRptRecord record() {
            return record;
        }

        public String raw() {
            return raw;
        }
    }

    /** NXDOMAIN, NODATA, or no TXT record starting with {@code v=TLSRPTv1;}. */
    final class Absent implements TlsRptDiscovery {
        private final String detail;

        Absent(String detail) {
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    /** More than one TLSRPTv1 record, or one that does not parse. */
    final class Invalid implements TlsRptDiscovery {
        private final String detail;

        Invalid(String detail) {
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    /** SERVFAIL, a timeout or a network error. */
    final class TemporaryFailure implements TlsRptDiscovery {
        private final String detail;

        TemporaryFailure(String detail) {
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }
}
