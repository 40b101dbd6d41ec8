package dev.mtasts.james.inbound;

import dev.mtasts.discovery.RecordDiscovery;
import dev.mtasts.discovery.StsDiscovery;
import dev.mtasts.dns.DnsAnswer;
import dev.mtasts.dns.DnsLookup;
import dev.mtasts.dns.MxHost;
import dev.mtasts.fetch.FetchResult;
import dev.mtasts.fetch.PolicyFetcher;
import dev.mtasts.policy.Policy;

import com.google.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one of our domains publishes now, looked up live as {@code mta-sts query} does (RFC 8461 §3: TXT record, then
 * the HTTPS policy), without the cache: the rollout advice must see a change the owner just made.
 */
public final class PublishedPolicyLookup {

    private final DnsLookup dns;
    private final RecordDiscovery discovery;
    private final PolicyFetcher fetcher;

    @Inject
    public PublishedPolicyLookup(DnsLookup dns, PolicyFetcher fetcher) {
        this.dns = dns;
        this.discovery = new RecordDiscovery(dns);
        this.fetcher = fetcher;
    }

    /** The policy and its id, both present, or both empty when no usable policy is published. */
    public Published lookUp(String domain) {
        StsDiscovery discovered = discovery.sts(domain);
        if (!(discovered instanceof StsDiscovery.Found)) {
            return new Published(Optional.empty(), Optional.empty(), mxHosts(domain));
        }
        String id = ((StsDiscovery.Found) discovered).record().id();
        FetchResult fetched = fetcher.fetch(domain);
        if (!(fetched instanceof FetchResult.Fetched)) {
            return new Published(Optional.empty(), Optional.empty(), mxHosts(domain));
        }
        return new Published(Optional.of(((FetchResult.Fetched) fetched).policy()), Optional.of(id), mxHosts(domain));
    }

    private List<String> mxHosts(String domain) {
        DnsAnswer<MxHost> answer = dns.mx(domain);
        if (!(answer instanceof DnsAnswer.Found)) {
            return List.of();
        }
        return ((DnsAnswer.Found<MxHost>) answer).records().stream().map(MxHost::host)
            .collect(Collectors.toUnmodifiableList());
    }

    /** A live look-up's result. */
    public static final class Published {
        private final Optional<Policy> policy;
        private final Optional<String> id;
        private final List<String> mxHosts;

        Published(Optional<Policy> policy, Optional<String> id, List<String> mxHosts) {
            this.policy = policy;
            this.id = id;
            this.mxHosts = List.copyOf(mxHosts);
        }

        public Optional<Policy> policy() {
            return policy;
        }

        public Optional<String> id() {
            return id;
        }

        public List<String> mxHosts() {
            return mxHosts;
        }
    }
}
