package dev.mtasts.cli;

import dev.mtasts.discovery.RecordSyntaxException;
import dev.mtasts.dns.DnsAnswer;
import dev.mtasts.dns.DnsLookup;
import dev.mtasts.dns.MxHost;
import dev.mtasts.policy.Mode;
import dev.mtasts.policy.Policy;
import dev.mtasts.policy.PolicySyntaxException;
import dev.mtasts.publish.PolicyDraft;
import dev.mtasts.publish.PublishedRecords;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code mta-sts generate DOMAIN}: a policy built from DOMAIN's MX records, and the DNS records to publish with
 * it. The policy goes to standard output (or {@code --output}), the records and instructions to standard error.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Write an MTA-STS policy for DOMAIN built from its current MX records, and print the TXT records "
        + "to publish (_mta-sts with a fresh id, _smtp._tls for TLS reports).",
        "The policy goes to standard output (or --output FILE); the records and what to do with them go to "
        + "standard error."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:policy written", "1:DOMAIN has no MX record (or a null MX)", "2:usage error",
        "4:temporary DNS failure"})
final class GenerateCommand implements Callable<Integer> {

    /** The record id is the time from this clock. */
    private final Clock clock;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DOMAIN", description = "Your domain (the policy domain), e.g. example.com.")
    String domain;

    @Option(names = "--mode", paramLabel = "testing|enforce", defaultValue = "testing",
        description = "The policy's mode (default: ${DEFAULT-VALUE}). Start with testing; switch to enforce once "
            + "TLS reports show no failures.")
    String mode;

    @Option(names = "--max-age", paramLabel = "SECONDS", defaultValue = "604800",
        description = "How long senders may cache the policy (default: ${DEFAULT-VALUE}, one week; at most 31557600).")
    long maxAge;

    @Option(names = "--rua", paramLabel = "URI",
        description = "Where TLS reports go, mailto: or https: (default: mailto:tls-reports@DOMAIN).")
    String rua;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the policy to FILE instead of standard output.")
    Path output;

    @Option(names = "--dns", paramLabel = "HOST[:PORT]",
        description = "Ask this DNS server for the MX records. Default: the system's resolvers.")
    String dnsServer;

    GenerateCommand() {
        this(Clock.systemUTC());
    }

    GenerateCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        String normalized = DomainArgument.normalize(spec.commandLine(), domain);
        Mode policyMode = mode();
        if (maxAge < 0 || maxAge > Policy.MAX_AGE_LIMIT_SECONDS) {
            throw usage("--max-age must be 0 to " + Policy.MAX_AGE_LIMIT_SECONDS + " seconds (RFC 8461 §3.2), was "
                + maxAge);
        }
        String reportsTo = rua == null ? "mailto:tls-reports@" + normalized : rua;
        PublishedRecords records;
        DnsLookup dns;
        try {
            records = PublishedRecords.at(clock.instant(), reportsTo);
            dns = LookupOptions.dnsLookup(dnsServer, Duration.ofSeconds(10));
        } catch (RecordSyntaxException e) {
            throw usage("--rua " + reportsTo + " is not a valid RFC 8460 rua value: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        DnsAnswer<MxHost> answer = dns.mx(normalized);
        if (answer instanceof DnsAnswer.TemporaryFailure<MxHost> failure) {
            err.println("mta-sts: cannot look up the MX records of " + normalized + ": " + failure.detail());
            err.flush();
            return ExitCodes.TEMPORARY_DNS_FAILURE;
        }
        if (answer instanceof DnsAnswer.NotFound<MxHost> notFound) {
            err.println("mta-sts: " + normalized + " has no MX record (" + notFound.detail()
                + "): publish MX records first, then generate the policy");
            err.flush();
            return ExitCodes.NO_MX;
        }
        List<MxHost> mxHosts = ((DnsAnswer.Found<MxHost>) answer).records();
        if (mxHosts.stream().anyMatch(mx -> mx.host().isEmpty())) {
            err.println("mta-sts: " + normalized + " has a null MX (RFC 7505): it accepts no mail, so there is"
                + " nothing for MTA-STS to protect");
            err.flush();
            return ExitCodes.NO_MX;
        }
        Policy policy;
        try {
            policy = PolicyDraft.policy(normalized, mxHosts, policyMode, maxAge);
        } catch (PolicySyntaxException e) {
            err.println("mta-sts: the MX records of " + normalized + " cannot stand in a policy: "
                + String.join("; ", e.errors()));
            err.flush();
            return ExitCodes.NO_MX;
        }
        writePolicy(policy.toString());
        err.print(instructions(normalized, mxHosts, records, rua == null));
        err.flush();
        return ExitCodes.GENERATED;
    }

    private Mode mode() {
        return switch (mode) {
            case "testing" -> Mode.TESTING;
            case "enforce" -> Mode.ENFORCE;
            default -> throw usage("--mode must be testing or enforce, was '" + mode + "'");
        };
    }

    private void writePolicy(String text) {
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
            return;
        }
        try {
            Files.writeString(output, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw usage("cannot write " + output + ": " + e.getMessage());
        }
    }

    private String instructions(String domain, List<MxHost> mxHosts, PublishedRecords records, boolean defaultRua) {
        String policyUrl = "https://mta-sts." + domain + "/.well-known/mta-sts.txt";
        StringBuilder text = new StringBuilder();
        text.append("# MTA-STS for ").append(domain).append(", from its MX records: ")
            .append(String.join(" ", mxHosts.stream().map(MxHost::host).toList())).append('\n');
        text.append("# 1. Serve the policy").append(output == null ? " (printed on standard output)"
            : " (written to " + output + ")").append(" at\n");
        text.append("#      ").append(policyUrl).append('\n');
        text.append("#    as text/plain over HTTPS, with a certificate valid for mta-sts.").append(domain)
            .append(" (see conf-samples/nginx/mta-sts.conf),\n");
        text.append("#    and an A/AAAA record for mta-sts.").append(domain).append(".\n");
        text.append("# 2. Then publish these DNS records:\n");
        text.append(records.stsZoneLine(domain)).append('\n');
        text.append(records.tlsRptZoneLine(domain)).append('\n');
        if (defaultRua) {
            text.append("#    (reports go to tls-reports@").append(domain)
                .append(": create that mailbox, or choose another address with --rua)\n");
        }
        text.append("# 3. Check: mta-sts check ").append(domain).append('\n');
        text.append("# Whenever the policy changes, serve it first, then publish a new id (run generate again).\n");
        return text.toString();
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
