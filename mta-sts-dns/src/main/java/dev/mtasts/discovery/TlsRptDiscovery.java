package dev.mtasts.discovery;

import java.util.Objects;

/** What the {@code _smtp._tls.<domain>} TXT lookup said (RFC 8460 §3). */
public sealed interface TlsRptDiscovery {

    /** Exactly one record starting with {@code v=TLSRPTv1;}, and it parses. */
    record Found(TlsRptRecord record, String raw) implements TlsRptDiscovery {
        public Found {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(raw, "raw");
        }
    }

    /** NXDOMAIN, NODATA, or no TXT record starting with {@code v=TLSRPTv1;}. */
    record Absent(String detail) implements TlsRptDiscovery {
    }

    /** More than one TLSRPTv1 record, or one that does not parse. */
    record Invalid(String detail) implements TlsRptDiscovery {
    }

    /** SERVFAIL, a timeout or a network error. */
    record TemporaryFailure(String detail) implements TlsRptDiscovery {
    }
}
