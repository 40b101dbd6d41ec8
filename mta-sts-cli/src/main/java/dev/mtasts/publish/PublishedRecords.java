package dev.mtasts.publish;

import dev.mtasts.discovery.RecordDiscovery;
import dev.mtasts.discovery.RecordSyntaxException;
import dev.mtasts.discovery.StsRecord;
import dev.mtasts.discovery.TlsRptRecord;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The DNS records that announce a policy, in zone-file form.
 *
 * @param sts    {@code _mta-sts.<domain>} (RFC 8461 §3.1)
 * @param tlsRpt {@code _smtp._tls.<domain>} (RFC 8460 §3)
 */
public record PublishedRecords(StsRecord sts, TlsRptRecord tlsRpt) {

    /** The TTL suggested for both records: short enough that a new id is seen soon. */
    public static final int TTL_SECONDS = 3600;

    private static final int MAX_STRING_LENGTH = 255;

    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    /**
     * Records for a policy published at {@code now}: the id is the UTC time {@code YYYYMMDDHHMMSS}, 14 digits,
     * within RFC 8461 §3.1's 1 to 32 letters and digits, and new at every second.
     *
     * @param rua where TLS reports go, e.g. {@code mailto:tls-reports@example.com}
     * @throws RecordSyntaxException when {@code rua} is not a valid RFC 8460 rua value
     */
    public static PublishedRecords at(Instant now, String rua) throws RecordSyntaxException {
        StsRecord sts = new StsRecord(id(now), Map.of());
        TlsRptRecord tlsRpt = TlsRptRecord.parse(TlsRptRecord.VERSION + "; rua=" + rua);
        return new PublishedRecords(sts, tlsRpt);
    }

    static String id(Instant now) {
        return ID.format(now);
    }

    /** {@code _mta-sts.example.com. 3600 IN TXT "v=STSv1; id=20240601120000;"} */
    public String stsZoneLine(String domain) {
        return zoneLine(RecordDiscovery.STS_PREFIX + domain, sts.toString());
    }

    /** {@code _smtp._tls.example.com. 3600 IN TXT "v=TLSRPTv1; rua=mailto:..."} */
    public String tlsRptZoneLine(String domain) {
        return zoneLine(RecordDiscovery.TLSRPT_PREFIX + domain, tlsRpt.toString());
    }

    /**
     * One TXT record; a value longer than a DNS character-string (255 bytes, RFC 1035 §3.3) is split into several
     * strings, which readers join with nothing in between (RFC 8461 §3.1). The values are ASCII without quotes.
     */
    private static String zoneLine(String name, String value) {
        StringBuilder line = new StringBuilder(name).append(". ").append(TTL_SECONDS).append(" IN TXT");
        for (int start = 0; start < value.length(); start += MAX_STRING_LENGTH) {
            line.append(" \"").append(value, start, Math.min(value.length(), start + MAX_STRING_LENGTH)).append('"');
        }
        return line.toString();
    }
}
