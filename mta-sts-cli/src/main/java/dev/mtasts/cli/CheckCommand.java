package dev.mtasts.cli;

import dev.mtasts.audit.AuditReport;
import dev.mtasts.audit.AuditSettings;
import dev.mtasts.audit.DomainAudit;
import dev.mtasts.dns.DnsLookup;
import dev.mtasts.dns.DnssecLookup;
import dev.mtasts.fetch.TrustAnchorException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code mta-sts check DOMAIN}: audits a domain's own MTA-STS publication — TXT record, policy host, policy,
 * MX coverage, each MX host's STARTTLS and certificate, TLS reporting record.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Audit DOMAIN's MTA-STS publication as a sender meets it: the _mta-sts TXT record, the policy "
        + "host (certificate, TLS, HTTP), the policy, whether its mx patterns cover every MX host, each MX host's "
        + "STARTTLS and certificate (port 25), DANE (DNSSEC status, TLSA records and their match with the "
        + "certificate each MX host presents; needs a validating resolver, see --dns), and the _smtp._tls "
        + "reporting record.",
        "Every finding has a severity (error, warning, info), a stable code, a message and a fix."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no error (warnings and infos allowed)", "1:at least one error", "2:usage error"})
final class CheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DOMAIN", description = "Your domain (the policy domain), e.g. example.com.")
    String domain;

    @Mixin
    LookupOptions options = new LookupOptions();

    @Option(names = "--no-smtp",
        description = "Do not connect to the MX hosts (for a machine that cannot reach port 25).")
    boolean noSmtp;

    @Option(names = "--dane-only",
        description = "Only the DANE area (RFC 7672), for a domain that publishes DANE and no MTA-STS.")
    boolean daneOnly;

    /** For tests: MX hosts on another port than 25. */
    @Option(names = "--smtp-port", hidden = true, defaultValue = "25")
    int smtpPort;

    /** For tests: the policy host on another port than 443. */
    @Option(names = "--https-port", hidden = true, defaultValue = "443")
    int httpsPort;

    @Override
    public Integer call() {
        String normalized = DomainArgument.normalize(spec.commandLine(), domain);
        DnsLookup dns;
        DnssecLookup dnssec;
        AuditSettings settings;
        try {
            dns = options.dns();
            dnssec = options.dnssec();
            settings = new AuditSettings(options.trustAnchors(), options.timeout(), httpsPort, smtpPort, !noSmtp,
                Clock.systemUTC());
        } catch (IllegalArgumentException | TrustAnchorException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        DomainAudit audit = new DomainAudit(dns, Optional.of(dnssec), settings);
        AuditReport report = daneOnly ? audit.runDaneOnly(normalized) : audit.run(normalized);
        PrintWriter out = spec.commandLine().getOut();
        out.print(options.json ? Json.print(Json.audit(report)) + System.lineSeparator() : AuditReportText.of(report));
        out.flush();
        return report.hasErrors() ? ExitCodes.CHECK_FAILED : ExitCodes.CHECK_PASSED;
    }
}
