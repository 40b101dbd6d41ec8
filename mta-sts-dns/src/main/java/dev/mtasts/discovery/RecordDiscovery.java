package dev.mtasts.discovery;

import dev.mtasts.dns.DnsAnswer;
import dev.mtasts.dns.DnsLookup;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds a domain's MTA-STS and TLS reporting records.
 *
 * <p>One TXT query per call, at the domain itself: never a parent zone (RFC 8461 §3.4). The domain is
 * lower-cased and loses one trailing dot before the query.
 */
public final class RecordDiscovery {

    /** RFC 8461 §3.1. */
    public static final String STS_PREFIX = "_mta-sts.";

    /** RFC 8460 §3. */
    public static final String TLSRPT_PREFIX = "_smtp._tls.";

    private final DnsLookup dns;

    public RecordDiscovery(DnsLookup dns) {
        this.dns = Objects.requireNonNull(dns, "dns");
    }

    /**
     * RFC 8461 §3.1: TXT {@code _mta-sts.<domain>}; never a parent zone (§3.4). Records that do not begin with
     * the version field {@code v=STSv1} and its {@code ;} are discarded (the ABNF's {@code sts-field-delim}
     * allows spaces or tabs before that {@code ;}, so {@code "v=STSv1 ;"} begins with it too). None left: absent;
     * more than one: invalid; one that does not parse: invalid.
     */
    public StsDiscovery sts(String domain) {
        String policyDomain = PolicyDomain.normalize(domain);
        if (policyDomain.isEmpty()) {
            return new StsDiscovery.Absent("no domain to look up: \"" + domain + "\"");
        }
        String name = STS_PREFIX + policyDomain;
        DnsAnswer<String> answer = dns.txt(name);
        if (answer instanceof DnsAnswer.TemporaryFailure) {
            return new StsDiscovery.TemporaryFailure(((DnsAnswer.TemporaryFailure<String>) answer).detail());
        }
        if (answer instanceof DnsAnswer.NotFound) {
            return new StsDiscovery.Absent(((DnsAnswer.NotFound<String>) answer).detail());
        }
        List<String> all = ((DnsAnswer.Found<String>) answer).records();
        List<String> candidates = beginningWith(all, StsRecord.VERSION);
        if (candidates.isEmpty()) {
            return new StsDiscovery.Absent(none(name, all, StsRecord.VERSION));
        }
        if (candidates.size() > 1) {
            return new StsDiscovery.Invalid(several(name, candidates, StsRecord.VERSION));
        }
        String raw = candidates.get(0);
        try {
            return new StsDiscovery.Found(StsRecord.parse(raw), raw);
        } catch (RecordSyntaxException e) {
            return new StsDiscovery.Invalid("TXT " + name + ": " + e.getMessage());
        }
    }

    /** RFC 8460 §3: TXT {@code _smtp._tls.<domain>}, with the same selection rules as {@link #sts}. */
    public TlsRptDiscovery tlsRpt(String domain) {
        String policyDomain = PolicyDomain.normalize(domain);
        if (policyDomain.isEmpty()) {
            return new TlsRptDiscovery.Absent("no domain to look up: \"" + domain + "\"");
        }
        String name = TLSRPT_PREFIX + policyDomain;
        DnsAnswer<String> answer = dns.txt(name);
        if (answer instanceof DnsAnswer.TemporaryFailure) {
            return new TlsRptDiscovery.TemporaryFailure(((DnsAnswer.TemporaryFailure<String>) answer).detail());
        }
        if (answer instanceof DnsAnswer.NotFound) {
            return new TlsRptDiscovery.Absent(((DnsAnswer.NotFound<String>) answer).detail());
        }
        List<String> all = ((DnsAnswer.Found<String>) answer).records();
        List<String> candidates = beginningWith(all, TlsRptRecord.VERSION);
        if (candidates.isEmpty()) {
            return new TlsRptDiscovery.Absent(none(name, all, TlsRptRecord.VERSION));
        }
        if (candidates.size() > 1) {
            return new TlsRptDiscovery.Invalid(several(name, candidates, TlsRptRecord.VERSION));
        }
        String raw = candidates.get(0);
        try {
            return new TlsRptDiscovery.Found(TlsRptRecord.parse(raw), raw);
        } catch (RecordSyntaxException e) {
            return new TlsRptDiscovery.Invalid("TXT " + name + ": " + e.getMessage());
        }
    }

    public DnsLookup dns() {
        return dns;
    }

    /** The records that begin with {@code version *WSP ";"} (RFC 8461 §3.1, RFC 8460 §3). */
    static List<String> beginningWith(List<String> records, String version) {
        List<String> kept = new ArrayList<>();
        for (String record : records) {
            if (record.startsWith(version)) {
                int at = version.length();
                while (at < record.length() && RecordCursor.isWsp(record.charAt(at))) {
                    at++;
                }
                if (at < record.length() && record.charAt(at) == ';') {
                    kept.add(record);
                }
            }
        }
        return kept;
    }

    private static String none(String name, List<String> all, String version) {
        return "TXT " + name + ": no record begins with \"" + version + ";\" (" + all.size()
                + (all.size() == 1 ? " other record)" : " other records)");
    }

    private static String several(String name, List<String> candidates, String version) {
        return "TXT " + name + ": " + candidates.size() + " records begin with \"" + version
                + ";\" (exactly one is allowed): " + String.join(" | ", candidates);
    }
}
