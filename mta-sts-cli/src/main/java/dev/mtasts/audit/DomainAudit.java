package dev.mtasts.audit;

import dev.mtasts.discovery.RecordDiscovery;
import dev.mtasts.dns.DnsAnswer;
import dev.mtasts.dns.DnsLookup;
import dev.mtasts.dns.DnssecLookup;
import dev.mtasts.dns.MxHost;
import dev.mtasts.policy.Mode;
import dev.mtasts.policy.Policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Audits one domain's MTA-STS publication from the outside. Every area is checked even when an earlier one
 * failed (a missing TXT record does not stop the policy host from being examined), so that one run lists
 * everything there is to fix. Every DNS question goes to the given {@link DnsLookup}.
 *
 * <pre>{@code
 * AuditReport report = new DomainAudit(dns, AuditSettings.defaults(TrustAnchors.jdkDefaults())).run("example.com");
 * }</pre>
 */
public final class DomainAudit {

    private final DnsLookup dns;
    private final Optional<DnssecLookup> dnssec;
    private final AuditSettings settings;

    /** Without the DANE area. */
    public DomainAudit(DnsLookup dns, AuditSettings settings) {
        this(dns, Optional.empty(), settings);
    }

    /** With the DANE area: {@code dnssec} should ask a validating resolver (RFC 7672 §2.1). */
    public DomainAudit(DnsLookup dns, Optional<DnssecLookup> dnssec, AuditSettings settings) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.dnssec = Objects.requireNonNull(dnssec, "dnssec");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Only the DANE area: for a domain that publishes DANE and no MTA-STS. */
    public AuditReport runDaneOnly(String domain) {
        Objects.requireNonNull(domain, "domain");
        Findings findings = new Findings();
        daneAudit().ifPresent(audit -> audit.check(domain, findings));
        return new AuditReport(domain, findings.list());
    }

    private Optional<DaneAudit> daneAudit() {
        return dnssec.map(lookup -> new DaneAudit(lookup, new SmtpProbe(settings), settings));
    }

    /** @param domain the policy domain: lower case, A-labels, no trailing dot */
    public AuditReport run(String domain) {
        Objects.requireNonNull(domain, "domain");
        Findings findings = new Findings();
        TxtRecordAudit records = new TxtRecordAudit(new RecordDiscovery(dns));
        CertificateAudit certificates = new CertificateAudit(settings.trustAnchors(), settings.clock());

        records.checkSts(domain, findings);
        Optional<String> text = new PolicyHostAudit(new PolicyHostInspector(dns, settings), certificates)
                .check(domain, findings);
        Optional<Policy> policy = text.flatMap(policyText -> PolicyAudit.check(policyText, findings));
        Optional<List<MxHost>> mxHosts = mxHosts(domain, findings);
        if (mxHosts.isPresent() && policy.isPresent() && policy.get().mode() != Mode.NONE) {
            MxCoverageAudit.check(domain, policy.get(), mxHosts.get(), findings);
        }
        if (mxHosts.isPresent() && settings.probeMxHosts()) {
            new MxHostAudit(dns, new SmtpProbe(settings), certificates, settings.smtpPort())
                    .check(mxHosts.get(), findings);
        }
        daneAudit().ifPresent(audit -> audit.check(domain, findings));
        records.checkTlsRpt(domain, findings);
        return new AuditReport(domain, findings.list());
    }

    /** The domain's MX hosts, sorted by preference; empty (with a finding) when there are none to check. */
    private Optional<List<MxHost>> mxHosts(String domain, Findings findings) {
        DnsAnswer<MxHost> answer = dns.mx(domain);
        if (answer instanceof DnsAnswer.TemporaryFailure<MxHost> failure) {
            findings.add(FindingCode.MX_DNS_FAILURE, "cannot look up the MX records of " + domain + ": "
                    + failure.detail(), "Check that the DNS servers for " + domain + " answer, then run the check again");
            return Optional.empty();
        }
        if (answer instanceof DnsAnswer.NotFound<MxHost> notFound) {
            findings.add(FindingCode.MX_NONE, domain + " has no MX record (" + notFound.detail() + "); MTA-STS"
                    + " protects delivery to MX hosts (RFC 8461 §4)", "Publish MX records for the hosts that receive"
                    + " mail for " + domain);
            return Optional.empty();
        }
        List<MxHost> hosts = ((DnsAnswer.Found<MxHost>) answer).records();
        if (hosts.stream().anyMatch(mx -> mx.host().isEmpty())) {
            // RFC 7505: "0 ." means the domain accepts no mail
            findings.add(FindingCode.MX_NULL, domain + " publishes a null MX (\"0 .\", RFC 7505): it accepts no"
                    + " mail, so an MTA-STS policy protects nothing", "Withdraw the MTA-STS policy (mode none), or"
                    + " publish real MX records");
            return Optional.empty();
        }
        return Optional.of(hosts);
    }
}
