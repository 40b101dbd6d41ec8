package dev.mtasts.dane;

import dev.mtasts.dns.DnssecAnswer;
import dev.mtasts.dns.TlsaRecord;

import java.util.List;
import java.util.Objects;

/** What the TLSA lookup of one MX host gave: its DNSSEC status and records (none for NXDOMAIN / NODATA). */
public final class TlsaFacts {

    private final DnssecStatus status;
    private final List<TlsaRecord> records;
    private final String detail;

    public TlsaFacts(DnssecStatus status, List<TlsaRecord> records, String detail) {
        this.status = Objects.requireNonNull(status, "status");
        this.records = List.copyOf(records);
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    public static TlsaFacts of(DnssecAnswer<TlsaRecord> answer) {
        List<TlsaRecord> records = answer instanceof DnssecAnswer.Answered
                ? ((DnssecAnswer.Answered<TlsaRecord>) answer).records() : List.of();
        return new TlsaFacts(DnssecStatus.of(answer), records, answer.detail());
    }

    /** Not looked up (the host's address was not secure, or DANE is inactive): as if insecure. */
    public static TlsaFacts notLookedUp(String why) {
        return new TlsaFacts(DnssecStatus.INSECURE, List.of(), why);
    }

    public DnssecStatus status() {
        return status;
    }

    public List<TlsaRecord> records() {
        return records;
    }

    public List<TlsaRecord> usable() {
        return UsableTlsa.usable(records);
    }

    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return status + " " + records;
    }
}
