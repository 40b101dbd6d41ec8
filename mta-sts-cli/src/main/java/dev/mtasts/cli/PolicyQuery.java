package dev.mtasts.cli;

import dev.mtasts.discovery.RecordDiscovery;
import dev.mtasts.discovery.StsDiscovery;
import dev.mtasts.fetch.FetchResult;
import dev.mtasts.fetch.PolicyFetcher;

import java.util.Objects;

/** Discovery, fetch and parse of one domain's policy, exactly as the extension does them, without a cache. */
final class PolicyQuery {

    private final RecordDiscovery discovery;
    private final PolicyFetcher fetcher;

    PolicyQuery(RecordDiscovery discovery, PolicyFetcher fetcher) {
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    }

    QueryResult run(String domain) {
        StsDiscovery discovered = discovery.sts(domain);
        if (discovered instanceof StsDiscovery.TemporaryFailure failure) {
            return QueryResult.temporaryFailure(domain, failure.detail());
        }
        if (discovered instanceof StsDiscovery.Absent absent) {
            return QueryResult.none(domain, absent.detail());
        }
        if (discovered instanceof StsDiscovery.Invalid invalid) {
            return QueryResult.none(domain, invalid.detail());
        }
        StsDiscovery.Found found = (StsDiscovery.Found) discovered;
        FetchResult fetched = fetcher.fetch(domain);
        if (fetched instanceof FetchResult.Fetched ok) {
            return QueryResult.policy(domain, found, ok.policy());
        }
        FetchResult.Failed failed = (FetchResult.Failed) fetched;
        return QueryResult.policyError(domain, found, failed.type(), failed.detail());
    }
}
