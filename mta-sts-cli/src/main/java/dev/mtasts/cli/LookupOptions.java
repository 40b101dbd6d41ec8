package dev.mtasts.cli;

import dev.mtasts.dns.DnsLookup;
import dev.mtasts.dns.DnsjavaDnssecLookup;
import dev.mtasts.dns.DnsjavaLookup;
import dev.mtasts.dns.ResolverSettings;
import dev.mtasts.fetch.FetchSettings;
import dev.mtasts.fetch.TrustAnchorException;
import dev.mtasts.fetch.TrustAnchors;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** How a subcommand reaches DNS and the policy host: the same knobs the James extension has. */
final class LookupOptions {

    @Option(names = "--dns", paramLabel = "HOST[:PORT]",
        description = "Send every DNS question (TXT, MX, the policy host's address) to this server. "
            + "Default: the system's resolvers.")
    String dnsServer;

    @Option(names = "--ca-file", paramLabel = "PEM",
        description = "Also trust the certificates in this PEM file (repeatable), besides the JDK's trust store.")
    List<Path> caFiles = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
        description = "Total time allowed for fetching the policy, and for check also for each SMTP session "
            + "(default: ${DEFAULT-VALUE}). DNS questions get at most 10 seconds each.")
    int timeoutSeconds;

    @Option(names = "--json", description = "Print JSON instead of a summary.")
    boolean json;

    DnsLookup dns() {
        return dnsLookup(dnsServer, timeout());
    }

    /**
     * DNS through {@code server} ({@code HOST[:PORT]}), or the system's resolvers when it is null; each question
     * gets at most {@code timeout}, and never more than 10 seconds.
     *
     * @throws IllegalArgumentException when {@code server} does not parse
     */
    static DnsLookup dnsLookup(String server, Duration timeout) {
        Duration dnsTimeout = ResolverSettings.DEFAULT_TIMEOUT.compareTo(timeout) < 0
            ? ResolverSettings.DEFAULT_TIMEOUT : timeout;
        ResolverSettings settings = server == null
            ? ResolverSettings.systemDefault().withTimeout(dnsTimeout)
            : new ResolverSettings(List.of(ResolverSettings.parseServer(server)), dnsTimeout);
        return new DnsjavaLookup(settings);
    }

    /** DNSSEC-aware lookups (the AD bit, RFC 7672 §2.1) through the same server, with the same timeout rule. */
    DnsjavaDnssecLookup dnssec() {
        Duration dnsTimeout = ResolverSettings.DEFAULT_TIMEOUT.compareTo(timeout()) < 0
            ? ResolverSettings.DEFAULT_TIMEOUT : timeout();
        ResolverSettings settings = dnsServer == null
            ? ResolverSettings.systemDefault().withTimeout(dnsTimeout)
            : new ResolverSettings(List.of(ResolverSettings.parseServer(dnsServer)), dnsTimeout);
        return new DnsjavaDnssecLookup(settings);
    }

    FetchSettings fetchSettings() throws TrustAnchorException {
        return FetchSettings.defaults().withTimeout(timeout()).withTrustAnchors(trustAnchors());
    }

    /** The JDK's trust store plus every --ca-file. */
    TrustAnchors trustAnchors() throws TrustAnchorException {
        TrustAnchors.Builder trust = TrustAnchors.builder();
        caFiles.forEach(trust::pemFile);
        return trust.build();
    }

    Duration timeout() {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout must be at least 1 second, was " + timeoutSeconds);
        }
        return Duration.ofSeconds(timeoutSeconds);
    }
}
