package dev.mtasts.audit;

import dev.mtasts.dns.DnsAnswer;
import dev.mtasts.dns.DnsLookup;
import dev.mtasts.dns.MxHost;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * RFC 8461 §4.2 for each MX host: reachable on port 25, STARTTLS offered and working, TLS 1.2 or newer, and a
 * certificate that is unexpired, chains to a trusted root and names the MX host.
 */
final class MxHostAudit {

    /** More MX hosts than this are not probed: a real domain has a handful. */
    static final int MAX_PROBED_HOSTS = 10;

    private final DnsLookup dns;
    private final SmtpProbe probe;
    private final CertificateAudit certificates;
    private final int port;

    MxHostAudit(DnsLookup dns, SmtpProbe probe, CertificateAudit certificates, int port) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.certificates = Objects.requireNonNull(certificates, "certificates");
        this.port = port;
    }

    void check(List<MxHost> mxHosts, Findings findings) {
        List<String> hosts = mxHosts.stream().map(MxHost::host).distinct().toList();
        for (String host : hosts.subList(0, Math.min(hosts.size(), MAX_PROBED_HOSTS))) {
            check(host, findings);
        }
    }

    private void check(String host, Findings findings) {
        DnsAnswer<InetAddress> answer = dns.addresses(host);
        if (answer instanceof DnsAnswer.NotFound<InetAddress> notFound) {
            findings.add(FindingCode.MX_ADDRESS_MISSING, "MX " + host + " has no A or AAAA record ("
                    + notFound.detail() + ")", "Publish an address for " + host + ", or remove its MX record");
            return;
        }
        if (answer instanceof DnsAnswer.TemporaryFailure<InetAddress> failure) {
            findings.add(FindingCode.MX_DNS_FAILURE, "cannot look up MX " + host + ": " + failure.detail(),
                    "Check that the DNS servers for " + host + " answer, then run the check again");
            return;
        }
        List<InetAddress> addresses = ((DnsAnswer.Found<InetAddress>) answer).records();
        SmtpProbeResult result = probe.probe(host, addresses);
        if (result instanceof SmtpProbeResult.Unreachable unreachable) {
            findings.add(FindingCode.MX_CONNECT_FAILED, "cannot connect to MX " + host + ": " + unreachable.detail(),
                    "Make the mail server listen on port " + port + " and open the firewall; if this machine"
                    + " cannot reach port 25 anywhere (many ISPs and clouds block it), run the check from a mail"
                    + " server or use --no-smtp");
        } else if (result instanceof SmtpProbeResult.SmtpFailed failed) {
            findings.add(FindingCode.MX_SMTP_FAILED, "MX " + host + " (" + failed.address().getHostAddress()
                    + ") failed at the " + failed.stage() + ": " + failed.detail(),
                    "Check the mail server's log; it must greet with 220 and accept EHLO");
        } else if (result instanceof SmtpProbeResult.NoStartTls noStartTls) {
            findings.add(FindingCode.MX_STARTTLS_MISSING, "MX " + host + " (" + noStartTls.address().getHostAddress()
                    + ") does not offer STARTTLS (EHLO keywords: " + String.join(" ", noStartTls.extensions()) + ")",
                    "Enable STARTTLS with a certificate for " + host + " (RFC 3207); MTA-STS senders will not"
                    + " deliver without it");
        } else if (result instanceof SmtpProbeResult.StartTlsRefused refused) {
            findings.add(FindingCode.MX_STARTTLS_REFUSED, "MX " + host + " (" + refused.address().getHostAddress()
                    + ") offers STARTTLS but answered: " + refused.reply(),
                    "Check the mail server's TLS configuration (certificate and key files readable)");
        } else if (result instanceof SmtpProbeResult.HandshakeFailed failed) {
            if (failed.versionProblem()) {
                findings.add(FindingCode.MX_TLS_VERSION, "MX " + host + " (" + failed.address().getHostAddress()
                        + ") offers neither TLS 1.2 nor TLS 1.3: " + failed.detail(),
                        "Enable TLS 1.2 and 1.3 on the mail server (RFC 8461 §7.2, RFC 8996)");
            } else {
                findings.add(FindingCode.MX_TLS_FAILED, "TLS handshake with MX " + host + " ("
                        + failed.address().getHostAddress() + ") after STARTTLS failed: " + failed.detail(),
                        "Check the mail server's TLS configuration and log");
            }
        } else {
            TlsPeer peer = ((SmtpProbeResult.Secured) result).peer();
            boolean valid = certificates.check(peer, host, "MX " + host, CertificateCodes.MX_HOST, findings);
            if (valid) {
                findings.add(FindingCode.MX_TLS_OK, "MX " + host + " (" + peer.address().getHostAddress()
                        + "): STARTTLS, " + peer.protocol() + ", certificate valid for "
                        + certificates.daysLeft(peer.leaf()) + " more days", "Nothing to do");
            }
        }
    }
}
