package dev.mtasts.discovery;

import java.util.Objects;

/** What the {@code _mta-sts.<domain>} TXT lookup said (RFC 8461 §3.1). */
public sealed interface StsDiscovery {

    /** Exactly one record starting with {@code v=STSv1;}, and it parses. */
    record Found(StsRecord record, String raw) implements StsDiscovery {
        public Found {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(raw, "raw");
        }
    }

    /** NXDOMAIN, NODATA, or no TXT record starting with {@code v=STSv1;}. */
    record Absent(String detail) implements StsDiscovery {
    }

    /** More than one STSv1 record, or one that does not parse: as good as absent, but worth telling an operator. */
    record Invalid(String detail) implements StsDiscovery {
    }

    /** SERVFAIL, a timeout or a network error. */
    record TemporaryFailure(String detail) implements StsDiscovery {
    }
}
