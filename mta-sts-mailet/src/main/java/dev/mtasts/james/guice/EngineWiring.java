package dev.mtasts.james.guice;

import dev.mtasts.cache.FilePolicyStore;
import dev.mtasts.cache.PolicyStore;
import dev.mtasts.dns.DnsLookup;
import dev.mtasts.dns.DnsjavaLookup;
import dev.mtasts.dns.DnsjavaDnssecLookup;
import dev.mtasts.dns.ResolverSettings;
import dev.mtasts.fetch.FetchSettings;
import dev.mtasts.fetch.HttpsPolicyFetcher;
import dev.mtasts.fetch.PolicyFetcher;
import dev.mtasts.fetch.TrustAnchorException;
import dev.mtasts.fetch.TrustAnchors;
import dev.mtasts.james.config.InvalidSettingException;
import dev.mtasts.james.config.MtaStsSettings;
import dev.mtasts.james.config.MtaStsSettingsParser;
import dev.mtasts.james.config.TrustSettings;

import dev.mtasts.james.config.ReportSettings;
import dev.mtasts.report.TlsReportSettings;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/** The one place that builds the engine's production pieces from {@code mta-sts.properties}. */
final class EngineWiring {

    private EngineWiring() {
    }

    static TrustAnchors trustAnchors(TrustSettings trust) throws InvalidSettingException {
        TrustAnchors.Builder builder = TrustAnchors.builder();
        if (!trust.jdkDefaults()) {
            builder.withoutJdkDefaults();
        }
        trust.pemFiles().forEach(builder::pemFile);
        trust.keystore().ifPresent(file -> builder.keyStore(file, trust.keystoreType(),
            trust.keystorePassword().map(String::toCharArray).orElse(null)));
        try {
            return builder.build();
        } catch (TrustAnchorException e) {
            String key = trust.keystore().map(Path::toString).filter(e.source()::contains).isPresent()
                ? MtaStsSettingsParser.TRUST_KEYSTORE : MtaStsSettingsParser.TRUST_PEM_FILES;
            throw new InvalidSettingException(key, e.getMessage());
        }
    }

    /** The configured resolvers, or dnsjava's default resolver (James' own, from dnsservice.xml). */
    static DnsLookup dnsLookup(MtaStsSettings settings) {
        return new DnsjavaLookup(new ResolverSettings(settings.dnsServers(), settings.dnsTimeout()));
    }

    /** DNSSEC-aware lookups over the same servers and timeout as {@link #dnsLookup}. */
    static DnsjavaDnssecLookup dnssecLookup(MtaStsSettings settings) {
        return new DnsjavaDnssecLookup(new ResolverSettings(settings.dnsServers(), settings.dnsTimeout()));
    }

    static PolicyFetcher policyFetcher(MtaStsSettings settings, TrustAnchors trustAnchors, DnsLookup dns) {
        FetchSettings fetch = FetchSettings.defaults()
            .withTimeout(settings.fetchTimeout())
            .withMaxBodyBytes(settings.fetchMaxBodyBytes())
            .withTrustAnchors(trustAnchors);
        return new HttpsPolicyFetcher(fetch, dns);
    }

    static PolicyStore policyStore(MtaStsSettings settings) throws InvalidSettingException {
        try {
            return new FilePolicyStore(settings.cacheDirectory());
        } catch (IOException | RuntimeException e) {
            throw new InvalidSettingException(MtaStsSettingsParser.CACHE_DIRECTORY,
                "cannot use " + settings.cacheDirectory() + " as the policy cache: " + e);
        }
    }

    /** The engine's report settings: unset names fall back to this host's name (RFC 8460 §5.3 submitter). */
    static TlsReportSettings reportSettings(ReportSettings reports) {
        String submitter = reports.submitter().orElseGet(EngineWiring::localHostName);
        TlsReportSettings settings = TlsReportSettings.defaults(submitter)
            .withFailuresOnly(reports.failuresOnly())
            .withSendDelay(reports.sendDelay())
            .withSendJitter(reports.sendJitter())
            .withFlushInterval(reports.flushInterval());
        settings = reports.organizationName().map(settings::withOrganizationName).orElse(settings);
        return reports.contactInfo().map(settings::withContactInfo).orElse(settings);
    }

    private static String localHostName() {
        try {
            String name = InetAddress.getLocalHost().getCanonicalHostName();
            if (name.matches("[A-Za-z0-9.-]{1,253}")) {
                return name;
            }
        } catch (UnknownHostException | RuntimeException e) {
            // the fallback below
        }
        return "localhost";
    }
}
