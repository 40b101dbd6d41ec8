package dev.mtasts.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mtasts.fetch.HttpsPolicyFetcher;
import dev.mtasts.fetch.TrustAnchorException;
import dev.mtasts.dns.DnsLookup;
import dev.mtasts.inbound.InMemoryReceivedReportStore;
import dev.mtasts.inbound.InboundJson;
import dev.mtasts.inbound.ParseOutcome;
import dev.mtasts.inbound.RejectionReason;
import dev.mtasts.inbound.ReportLimits;
import dev.mtasts.inbound.ReportSummary;
import dev.mtasts.inbound.RolloutAdvice;
import dev.mtasts.inbound.RolloutRules;
import dev.mtasts.inbound.RolloutVerdict;
import dev.mtasts.inbound.StoredReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code mta-sts reports FILE|DIR...}: the RFC 8460 TLS reports others sent about your domains, read with the
 * engine the James mailet uses and summarised as its WebAdmin route does; with {@code --domain}, the rollout verdict
 * for that domain, its policy looked up live.
 */
@Command(name = "reports", mixinStandardHelpOptions = true,
    description = {"Summarise RFC 8460 TLS reports received for your domains: .json and .json.gz files, mails (.eml) "
        + "and mbox files, or every file under a directory.",
        "With --domain, also say whether DOMAIN's testing policy can be switched to enforce (its policy and MX "
        + "hosts looked up live)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:reports read (with --domain: ready-to-enforce or already-enforced)",
        "1:with --domain: not-ready, no-data or no-policy", "2:usage error", "3:none of the files held a report",
        "4:temporary DNS failure (--domain)"})
final class ReportsCommand implements Callable<Integer> {

    /** The summary ends now; {@code --since} counts back from it. */
    private final Clock clock;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*",
        description = "Report files (.json, .json.gz), mails (.eml), mbox files, or directories of them.")
    List<Path> paths;

    @Option(names = "--domain", paramLabel = "DOMAIN",
        description = "Summarise only DOMAIN and add its rollout verdict. Default: every domain the reports name.")
    String domain;

    @Option(names = "--since", paramLabel = "DURATION|INSTANT",
        description = "Only reports whose period starts within this ISO-8601 duration before now (e.g. P30D), "
            + "or at or after this instant (e.g. 2026-11-01T00:00:00Z). Default: every report in the files.")
    String since;

    @Option(names = "--max-mail-bytes", paramLabel = "BYTES", defaultValue = "10485760",
        description = "Reject a mail or file larger than this, as the James mailet does with the same limit "
            + "(default: ${DEFAULT-VALUE}, 10 MiB).")
    long maxMailBytes;

    @Mixin
    LookupOptions options = new LookupOptions();

    ReportsCommand() {
        this(Clock.systemUTC());
    }

    ReportsCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws IOException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Optional<Instant> sinceInstant = sinceInstant(now);
        Optional<String> normalized = Optional.ofNullable(domain)
            .map(value -> DomainArgument.normalize(spec.commandLine(), value));
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no such file or directory: " + path);
            }
        }
        List<ReportFileReader.Item> items = new ReportFileReader(limits()).read(paths);
        InMemoryReceivedReportStore store = new InMemoryReceivedReportStore();
        List<Rejection> rejected = new ArrayList<>();
        for (ReportFileReader.Item item : items) {
            item.rejected().ifPresent(rejection -> rejected.add(new Rejection(item.source(), rejection)));
            if (item.report().isPresent() && !store.add(item.report().get())) {
                rejected.add(new Rejection(item.source(), ParseOutcome.rejected(RejectionReason.DUPLICATE,
                    "report " + item.report().get().key() + " was read before")));
            }
        }
        List<StoredReport> all = store.reports(Instant.MIN);
        Instant from = sinceInstant.orElse(all.isEmpty() ? now : all.get(0).report().start());
        List<StoredReport> reports = store.reports(from);
        List<ReportSummary> summaries = new ArrayList<>();
        for (String summarised : normalized.map(Set::of).orElseGet(() -> domainsOf(reports))) {
            summaries.add(ReportSummary.of(summarised, from, now, reports));
        }
        Optional<LiveRolloutFacts> facts = normalized.map(this::lookUp);
        Optional<RolloutAdvice> advice = facts.filter(found -> !found.temporaryFailure())
            .map(found -> advise(normalized.get(), found, reports, now));

        PrintWriter out = spec.commandLine().getOut();
        out.println(options.json ? Json.print(toJson(items.size(), all.size(), rejected, summaries, facts, advice))
            : ReportsText.render(items.size(), all.size(), rejected, summaries, facts, advice));
        out.flush();
        return exitCode(all.isEmpty(), facts, advice);
    }

    private ReportLimits limits() {
        ReportLimits defaults = ReportLimits.defaults();
        try {
            return new ReportLimits(maxMailBytes, defaults.maxDecompressedBytes(), defaults.maxCompressionRatio(),
                defaults.maxPolicies(), defaults.maxFailureDetails());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-mail-bytes must be positive");
        }
    }

    /** {@code --since}: a duration back from now, or an instant. */
    private Optional<Instant> sinceInstant(Instant now) {
        if (since == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(since));
        } catch (DateTimeParseException notAnInstant) {
            try {
                Duration back = Duration.parse(since);
                if (!back.isNegative()) {
                    return Optional.of(now.minus(back));
                }
            } catch (DateTimeException | ArithmeticException notADuration) {
                // reported below (a duration too long to go back from now included)
            }
        }
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--since must be an ISO-8601 duration such as P30D or an instant such as 2026-11-01T00:00:00Z, was "
                + since);
    }

    private static Set<String> domainsOf(List<StoredReport> reports) {
        Set<String> domains = new TreeSet<>();
        reports.forEach(report -> domains.addAll(report.domains()));
        return domains;
    }

    private LiveRolloutFacts lookUp(String name) {
        DnsLookup dns;
        HttpsPolicyFetcher fetcher;
        try {
            dns = options.dns();
            fetcher = new HttpsPolicyFetcher(options.fetchSettings(), dns);
        } catch (IllegalArgumentException | TrustAnchorException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try (fetcher) {
            return LiveRolloutFacts.lookUp(name, dns, fetcher);
        }
    }

    private static RolloutAdvice advise(String name, LiveRolloutFacts facts, List<StoredReport> reports,
                                        Instant now) {
        return RolloutAdvice.advise(name, facts.query().policy(),
            facts.query().record().map(found -> found.record().id()), facts.mxHosts(), reports, now,
            RolloutRules.defaults());
    }

    private static int exitCode(boolean noReport, Optional<LiveRolloutFacts> facts, Optional<RolloutAdvice> advice) {
        if (facts.isPresent() && facts.get().temporaryFailure()) {
            return ExitCodes.TEMPORARY_DNS_FAILURE;
        }
        if (noReport) {
            return ExitCodes.NO_REPORT;
        }
        if (advice.isPresent() && advice.get().verdict() != RolloutVerdict.READY_TO_ENFORCE
            && advice.get().verdict() != RolloutVerdict.ALREADY_ENFORCED) {
            return ExitCodes.NOT_READY;
        }
        return ExitCodes.REPORTS_READ;
    }

    /** A file (or mbox message) that held no report to count. */
    record Rejection(String source, ParseOutcome.Rejected rejected) {
    }

    /**
     * {@code {"inputs": N, "reports": N, "rejected": [{"source", "reason", "detail"}], "summaries": [the WebAdmin
     * summary of each domain], "policyLookup": {"result", "detail"}, "rollout": the WebAdmin rollout advice}}; the
     * last two only with {@code --domain}.
     */
    static ObjectNode toJson(int inputs, int reports, List<Rejection> rejected, List<ReportSummary> summaries,
                             Optional<LiveRolloutFacts> facts, Optional<RolloutAdvice> advice) {
        ObjectNode node = Json.object();
        node.put("inputs", inputs);
        node.put("reports", reports);
        ArrayNode rejections = node.putArray("rejected");
        for (Rejection rejection : rejected) {
            ObjectNode item = rejections.addObject();
            item.put("source", rejection.source());
            item.put("reason", rejection.rejected().reason().code());
            item.put("detail", rejection.rejected().detail());
        }
        ArrayNode summaryNodes = node.putArray("summaries");
        summaries.forEach(summary -> summaryNodes.add(Json.tree(InboundJson.summary(summary))));
        facts.ifPresent(found -> {
            ObjectNode lookup = node.putObject("policyLookup");
            lookup.put("result", found.query().result());
            lookup.put("detail", found.mxFailure() != null ? found.mxFailure()
                : found.query().detail().orElse(null));
        });
        advice.ifPresent(rollout -> node.set("rollout", Json.tree(InboundJson.rollout(rollout))));
        return node;
    }
}
