package dev.mtasts.james.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the operator sets in James' {@code conf/mta-sts.properties}. Every value has a default, so an absent
 * file is a valid configuration. {@link MtaStsSettingsParser} lists the keys.
 *
 * @param cacheDirectory      where cached policies are kept across restarts
 * @param maxDomains          how many policy domains the cache holds before dropping the least recently used
 * @param fetchTimeout        the whole policy fetch, connect to last byte (RFC 8461 §3.3 suggests one minute)
 * @param fetchMaxBodyBytes   the largest policy body accepted (RFC 8461 §3.3 suggests 64 KiB)
 * @param dnsServers          resolvers for the {@code _mta-sts} TXT lookups; empty means dnsjava's default resolver
 * @param dnsTimeout          how long one DNS query may take
 * @param trust               the certificate authorities for policy hosts and MX hosts
 * @param refreshInterval     how often cached policies are refreshed in the background (RFC 8461 §3.3: daily)
 * @param recheckGrace        how long a cached policy is used before the TXT record is looked at again
 * @param failureAction       what happens to mail for an enforce domain that cannot be delivered safely
 * @param lookupFailureAction what happens to mail for a domain whose TXT lookup fails temporarily, nothing cached
 * @param reports             TLS reports (RFC 8460)
 */
public record MtaStsSettings(Path cacheDirectory, int maxDomains, Duration fetchTimeout, int fetchMaxBodyBytes,
                             List<InetSocketAddress> dnsServers, Duration dnsTimeout, TrustSettings trust,
                             Duration refreshInterval, Duration recheckGrace, FailureAction failureAction,
                             LookupFailureAction lookupFailureAction, ReportSettings reports) {

    /** The configuration file's name in James' conf directory, without {@code .properties}. */
    public static final String FILE_NAME = "mta-sts";

    public MtaStsSettings {
        Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        Objects.requireNonNull(fetchTimeout, "fetchTimeout");
        dnsServers = List.copyOf(dnsServers);
        Objects.requireNonNull(dnsTimeout, "dnsTimeout");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        Objects.requireNonNull(recheckGrace, "recheckGrace");
        Objects.requireNonNull(failureAction, "failureAction");
        Objects.requireNonNull(lookupFailureAction, "lookupFailureAction");
        Objects.requireNonNull(reports, "reports");
    }
}
