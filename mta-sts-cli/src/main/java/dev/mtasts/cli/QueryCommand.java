package dev.mtasts.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mtasts.dane.HostFacts;
import dev.mtasts.discovery.RecordDiscovery;
import dev.mtasts.dns.DnsLookup;
import dev.mtasts.fetch.HttpsPolicyFetcher;
import dev.mtasts.fetch.TrustAnchorException;
import dev.mtasts.policy.MxPattern;
import dev.mtasts.policy.Policy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code mta-sts query DOMAIN}: the policy that applies to mail for DOMAIN, found as the extension finds it. */
@Command(name = "query", mixinStandardHelpOptions = true,
    description = "Look up DOMAIN's MTA-STS policy: TXT record, HTTPS fetch and parse, as the James extension does; "
        + "and each MX host's DANE state (DNSSEC status, TLSA records; needs a validating resolver, see --dns).")
final class QueryCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DOMAIN", description = "The recipient (policy) domain, e.g. example.com.")
    String domain;

    @Mixin
    LookupOptions options = new LookupOptions();

    @Override
    public Integer call() {
        DnsLookup dns;
        HttpsPolicyFetcher fetcher;
        try {
            dns = options.dns();
            fetcher = new HttpsPolicyFetcher(options.fetchSettings(), dns);
        } catch (IllegalArgumentException | TrustAnchorException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        String normalized = DomainArgument.normalize(spec.commandLine(), domain);
        QueryResult result;
        try (fetcher) {
            result = new PolicyQuery(new RecordDiscovery(dns), fetcher).run(normalized);
        }
        DaneQuery dane = DaneQuery.run(options.dnssec(), normalized);
        PrintWriter out = spec.commandLine().getOut();
        out.println(options.json ? Json.print(toJson(result, dane)) : summary(result) + daneSummary(dane));
        out.flush();
        return result.exitCode();
    }

    /** {@link #toJson(QueryResult)} with a {@code dane} array: one entry per MX host. */
    static ObjectNode toJson(QueryResult result, DaneQuery dane) {
        ObjectNode node = toJson(result);
        node.put("daneMxDnssec", dane.mx().toString());
        ArrayNode hosts = node.putArray("dane");
        for (HostFacts host : dane.hosts()) {
            ObjectNode item = hosts.addObject();
            item.put("host", host.host());
            item.put("dnssec", DaneQuery.hostStatus(host).toString());
            item.put("addressDnssec", host.addresses().toString());
            item.put("tlsaDnssec", host.tlsa().status().toString());
            ArrayNode records = item.putArray("tlsa");
            host.tlsa().records().forEach(record -> records.add(record.toString()));
            item.put("usable", host.tlsa().usable().size());
            item.put("verdict", DaneQuery.verdict(host));
        }
        node.put("daneDetail", dane.failure().orElse(null));
        return node;
    }

    /** RFC 7672: each MX host's DNSSEC status and TLSA records, one line per host. */
    static String daneSummary(DaneQuery dane) {
        StringBuilder text = new StringBuilder("\n  dane     MX records ").append(dane.mx());
        dane.failure().ifPresent(detail -> text.append(": ").append(detail));
        for (HostFacts host : dane.hosts()) {
            text.append("\n           ").append(host.host()).append(": dnssec ").append(DaneQuery.hostStatus(host))
                .append(", ").append(host.tlsa().records().size()).append(" TLSA (")
                .append(host.tlsa().usable().size()).append(" usable) — ").append(DaneQuery.verdict(host));
            host.tlsa().records().forEach(record -> text.append("\n             TLSA ").append(record));
        }
        return text.toString();
    }

    static ObjectNode toJson(QueryResult result) {
        ObjectNode node = Json.object();
        node.put("domain", result.domain());
        node.put("result", result.result());
        if (result.record().isPresent()) {
            ObjectNode record = node.putObject("record");
            record.put("id", result.record().get().record().id());
            record.put("raw", result.record().get().raw());
        } else {
            node.putNull("record");
        }
        if (result.policy().isPresent()) {
            node.set("policy", Json.policy(result.policy().get()));
        } else {
            node.putNull("policy");
        }
        node.put("detail", result.detail().orElse(null));
        return node;
    }

    static String summary(QueryResult result) {
        StringBuilder text = new StringBuilder(result.domain()).append(": ");
        switch (result.result()) {
            case QueryResult.POLICY -> text.append("MTA-STS policy in mode ")
                .append(result.policy().orElseThrow().mode().wireName());
            case QueryResult.NONE -> text.append("no MTA-STS policy");
            case QueryResult.TEMPORARY_FAILURE -> text.append("DNS lookup failed temporarily, try again");
            default -> text.append("policy unusable (").append(result.result()).append(')');
        }
        result.record().ifPresent(found -> text.append("\n  record   ").append(found.raw()));
        result.policy().ifPresent(policy -> appendPolicy(text, policy));
        result.detail().ifPresent(detail -> text.append("\n  detail   ").append(detail));
        return text.toString();
    }

    private static void appendPolicy(StringBuilder text, Policy policy) {
        text.append("\n  mode     ").append(policy.mode().wireName());
        text.append("\n  mx       ").append(policy.mx().isEmpty() ? "(none)"
            : policy.mx().stream().map(MxPattern::pattern).collect(Collectors.joining(", ")));
        text.append("\n  max_age  ").append(policy.maxAgeSeconds()).append(" s (")
            .append(Durations.humanReadable(policy.maxAgeSeconds())).append(')');
    }
}
