package dev.mtasts.james.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the operator sets in James' {@code conf/mta-sts.properties}. Every value has a default, so an absent
 * file is a valid configuration. {@link MtaStsSettingsParser} lists the keys.
 */
public final class MtaStsSettings {

    /** The configuration file's name in James' conf directory, without {@code .properties}. */
    public static final String FILE_NAME = "mta-sts";

    private final Path cacheDirectory;
    private final int maxDomains;
    private final Duration fetchTimeout;
    private final int fetchMaxBodyBytes;
    private final List<InetSocketAddress> dnsServers;
    private final Duration dnsTimeout;
    private final TrustSettings trust;
    private final Duration refreshInterval;
    private final Duration recheckGrace;
    private final FailureAction failureAction;
    private final LookupFailureAction lookupFailureAction;
    private final ReportSettings reports;
    private final InboundReportSettings inbound;
    private final DaneSettings dane;

    public MtaStsSettings(Path cacheDirectory, int maxDomains, Duration fetchTimeout, int fetchMaxBodyBytes,
                          List<InetSocketAddress> dnsServers, Duration dnsTimeout, TrustSettings trust,
                          Duration refreshInterval, Duration recheckGrace, FailureAction failureAction,
                          LookupFailureAction lookupFailureAction, ReportSettings reports,
                          InboundReportSettings inbound, DaneSettings dane) {
        this.cacheDirectory = Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        this.maxDomains = maxDomains;
        this.fetchTimeout = Objects.requireNonNull(fetchTimeout, "fetchTimeout");
        this.fetchMaxBodyBytes = fetchMaxBodyBytes;
        this.dnsServers = List.copyOf(dnsServers);
        this.dnsTimeout = Objects.requireNonNull(dnsTimeout, "dnsTimeout");
        this.trust = Objects.requireNonNull(trust, "trust");
        this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
        this.recheckGrace = Objects.requireNonNull(recheckGrace, "recheckGrace");
        this.failureAction = Objects.requireNonNull(failureAction, "failureAction");
        this.lookupFailureAction = Objects.requireNonNull(lookupFailureAction, "lookupFailureAction");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.inbound = Objects.requireNonNull(inbound, "inbound");
        this.dane = Objects.requireNonNull(dane, "dane");
    }

    /** Where cached policies are kept across restarts. */
    public Path cacheDirectory() {
        return cacheDirectory;
    }

    /** How many policy domains the cache holds before dropping the least recently used. */
    public int maxDomains() {
        return maxDomains;
    }

    /** The whole policy fetch, connect to last byte (RFC 8461 §3.3 suggests one minute). */
    public Duration fetchTimeout() {
        return fetchTimeout;
    }

    /** The largest policy body accepted (RFC 8461 §3.3 suggests 64 KiB). */
    public int fetchMaxBodyBytes() {
        return fetchMaxBodyBytes;
    }

    /** Resolvers for the {@code _mta-sts} TXT lookups; empty means dnsjava's default resolver. */
    public List<InetSocketAddress> dnsServers() {
        return dnsServers;
    }

    /** How long one DNS query may take. */
    public Duration dnsTimeout() {
        return dnsTimeout;
    }

    /** The certificate authorities for policy hosts and MX hosts. */
    public TrustSettings trust() {
        return trust;
    }

    /** How often cached policies are refreshed in the background (RFC 8461 §3.3: daily). */
    public Duration refreshInterval() {
        return refreshInterval;
    }

    /** How long a cached policy is used before the TXT record is looked at again. */
    public Duration recheckGrace() {
        return recheckGrace;
    }

    /** What happens to mail for an enforce domain that cannot be delivered safely. */
    public FailureAction failureAction() {
        return failureAction;
    }

    /** What happens to mail for a domain whose TXT lookup fails temporarily, nothing cached. */
    public LookupFailureAction lookupFailureAction() {
        return lookupFailureAction;
    }

    /** TLS reports (RFC 8460). */
    public ReportSettings reports() {
        return reports;
    }

    /** Reports received about this company's own domains, and the rollout advice drawn from them. */
    public InboundReportSettings inbound() {
        return inbound;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof MtaStsSettings)) {
            return false;
        }
        MtaStsSettings that = (MtaStsSettings) other;
        return cacheDirectory.equals(that.cacheDirectory) && maxDomains == that.maxDomains
            && fetchTimeout.equals(that.fetchTimeout) && fetchMaxBodyBytes == that.fetchMaxBodyBytes
            && dnsServers.equals(that.dnsServers) && dnsTimeout.equals(that.dnsTimeout) && trust.equals(that.trust)
            && refreshInterval.equals(that.refreshInterval) && recheckGrace.equals(that.recheckGrace)
            && failureAction == that.failureAction && lookupFailureAction == that.lookupFailureAction
            && reports.equals(that.reports) && inbound.equals(that.inbound);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cacheDirectory, maxDomains, fetchTimeout, fetchMaxBodyBytes, dnsServers, dnsTimeout, trust,
            refreshInterval, recheckGrace, failureAction, lookupFailureAction, reports, inbound);
    }

    @Override
    public String toString() {
        return "MtaStsSettings[cacheDirectory=" + cacheDirectory + ", maxDomains=" + maxDomains + ", fetchTimeout="
            + fetchTimeout + ", fetchMaxBodyBytes=" + fetchMaxBodyBytes + ", dnsServers=" + dnsServers
            + ", dnsTimeout=" + dnsTimeout + ", trust=" + trust + ", refreshInterval=" + refreshInterval
            + ", recheckGrace=" + recheckGrace + ", failureAction=" + failureAction + ", lookupFailureAction="
            + lookupFailureAction + ", reports=" + reports + ", inbound=" + inbound + ", dane=" + dane + "]";
    }

    /** {@code dane.*}: when DANE (RFC 7672) is applied. */
    public DaneSettings dane() {
        return dane;
    }
}
