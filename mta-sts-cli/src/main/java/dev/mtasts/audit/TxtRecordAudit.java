package dev.mtasts.audit;

import dev.mtasts.discovery.RecordDiscovery;
import dev.mtasts.discovery.StsDiscovery;
import dev.mtasts.discovery.StsRecord;
import dev.mtasts.discovery.TlsRptDiscovery;
import dev.mtasts.discovery.TlsRptRecord;
import dev.mtasts.dns.DnsAnswer;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The two TXT records: {@code _mta-sts} (RFC 8461 §3.1) and {@code _smtp._tls} (RFC 8460 §3). Discovery and the
 * grammar are the engine's ({@link RecordDiscovery}); this adds which of "several records" and "a broken
 * record" it was, and spots a record that is meant as one but does not begin exactly with the version.
 */
final class TxtRecordAudit {

    private final RecordDiscovery discovery;

    TxtRecordAudit(RecordDiscovery discovery) {
        this.discovery = discovery;
    }

    void checkSts(String domain, Findings findings) {
        String name = RecordDiscovery.STS_PREFIX + domain;
        StsDiscovery found = discovery.sts(domain);
        String fix = "Publish exactly one TXT record at " + name + ": \"v=STSv1; id=<1 to 32 letters or digits>;\""
                + " (mta-sts generate " + domain + " prints one)";
        if (found instanceof StsDiscovery.Found ok) {
            findings.add(FindingCode.TXT_OK, name + ": " + ok.raw() + " (id " + ok.record().id() + ")",
                    "Nothing to do; change the id whenever the policy changes");
        } else if (found instanceof StsDiscovery.TemporaryFailure failure) {
            findings.add(FindingCode.TXT_DNS_FAILURE, "cannot look up " + name + ": " + failure.detail(),
                    "Check that the DNS servers for " + domain + " answer, then run the check again");
        } else if (found instanceof StsDiscovery.Invalid invalid) {
            long versioned = records(name).stream().filter(r -> r.startsWith(StsRecord.VERSION)).count();
            if (versioned > 1) {
                findings.add(FindingCode.TXT_MULTIPLE, invalid.detail() + ". Senders treat this as no policy"
                        + " (RFC 8461 §3.1)", "Delete all but one v=STSv1 record at " + name);
            } else {
                findings.add(FindingCode.TXT_INVALID, invalid.detail(), fix);
            }
        } else {
            String detail = ((StsDiscovery.Absent) found).detail();
            List<String> lookalikes = lookalikes(name, "v=stsv1");
            if (lookalikes.isEmpty()) {
                findings.add(FindingCode.TXT_MISSING, "no MTA-STS record at " + name + " (" + detail + ")", fix);
            } else {
                findings.add(FindingCode.TXT_INVALID, name + " has " + quoted(lookalikes)
                        + ", which does not begin with \"v=STSv1;\" exactly (case-sensitive, no leading space;"
                        + " RFC 8461 §3.1)", fix);
            }
        }
    }

    void checkTlsRpt(String domain, Findings findings) {
        String name = RecordDiscovery.TLSRPT_PREFIX + domain;
        TlsRptDiscovery found = discovery.tlsRpt(domain);
        String fix = "Publish one TXT record at " + name + ": \"v=TLSRPTv1; rua=mailto:tls-reports@" + domain
                + "\" (RFC 8460 §3)";
        if (found instanceof TlsRptDiscovery.Found ok) {
            findings.add(FindingCode.TLSRPT_OK, name + ": reports go to "
                    + ok.record().rua().stream().map(URI::toString).collect(Collectors.joining(", ")),
                    "Nothing to do; read the reports");
        } else if (found instanceof TlsRptDiscovery.TemporaryFailure failure) {
            findings.add(FindingCode.TLSRPT_DNS_FAILURE, "cannot look up " + name + ": " + failure.detail(),
                    "Check that the DNS servers for " + domain + " answer, then run the check again");
        } else if (found instanceof TlsRptDiscovery.Invalid invalid) {
            long versioned = records(name).stream().filter(r -> r.startsWith(TlsRptRecord.VERSION)).count();
            if (versioned > 1) {
                findings.add(FindingCode.TLSRPT_MULTIPLE, invalid.detail() + ". Reporters ignore them all"
                        + " (RFC 8460 §3)", "Delete all but one v=TLSRPTv1 record at " + name);
            } else {
                findings.add(FindingCode.TLSRPT_INVALID, invalid.detail(), fix);
            }
        } else {
            List<String> lookalikes = lookalikes(name, "v=tlsrptv1");
            if (lookalikes.isEmpty()) {
                findings.add(FindingCode.TLSRPT_MISSING, "no TLS reporting record at " + name + "; senders cannot"
                        + " tell you when TLS to your MX hosts fails (RFC 8460 is optional, but it is how you"
                        + " learn that a switch to enforce is safe)", fix);
            } else {
                findings.add(FindingCode.TLSRPT_INVALID, name + " has " + quoted(lookalikes)
                        + ", which does not begin with \"v=TLSRPTv1;\" exactly (case-sensitive)", fix);
            }
        }
    }

    private List<String> records(String name) {
        DnsAnswer<String> answer = discovery.dns().txt(name);
        return answer instanceof DnsAnswer.Found<String> found ? found.records() : List.of();
    }

    /** Records that contain the version in any case, though discovery did not take them for one. */
    private List<String> lookalikes(String name, String lowerCaseVersion) {
        return records(name).stream()
                .filter(record -> record.toLowerCase(Locale.ROOT).contains(lowerCaseVersion))
                .toList();
    }

    private static String quoted(List<String> records) {
        return records.stream().map(record -> "\"" + (record.length() > 100 ? record.substring(0, 100) + "…" : record)
                + "\"").collect(Collectors.joining(" and "));
    }
}
