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

    /**
     * The policy and its id, both present, or both empty when no usable policy is published; or, when DNS could not
     * answer the TXT or MX question, the temporary failure, on which no advice can be given.
     */
    public Published lookUp(String domain) {
        StsDiscovery discovered = discovery.sts(domain);
        if (discovered instanceof StsDiscovery.TemporaryFailure) {
            return Published.unknown("TXT _mta-sts." + domain + ": "
                + ((StsDiscovery.TemporaryFailure) discovered).detail());
        }
        DnsAnswer<MxHost> mx = dns.mx(domain);
        if (mx instanceof DnsAnswer.TemporaryFailure) {
            return Published.unknown("MX " + domain + ": " + ((DnsAnswer.TemporaryFailure<MxHost>) mx).detail());
        }
        List<String> mxHosts = mx instanceof DnsAnswer.Found
            ? ((DnsAnswer.Found<MxHost>) mx).records().stream().map(MxHost::host).filter(host -> !host.isEmpty())
                .collect(Collectors.toUnmodifiableList())
            : List.of();
        if (!(discovered instanceof StsDiscovery.Found)) {
            return new Published(Optional.empty(), Optional.empty(), mxHosts, Optional.empty());
        }
        String id = ((StsDiscovery.Found) discovered).record().id();
        FetchResult fetched = fetcher.fetch(domain);
        if (!(fetched instanceof FetchResult.Fetched)) {
            return new Published(Optional.empty(), Optional.empty(), mxHosts, Optional.empty());
        }
        return new Published(Optional.of(((FetchResult.Fetched) fetched).policy()), Optional.of(id), mxHosts,
            Optional.empty());
    }

    /** A live look-up's result. */
    public static final class Published {
        private final Optional<Policy> policy;
        private final Optional<String> id;
        private final List<String> mxHosts;
        private final Optional<String> temporaryFailure;

        Published(Optional<Policy> policy, Optional<String> id, List<String> mxHosts,
                  Optional<String> temporaryFailure) {
            this.policy = policy;
            this.id = id;
            this.mxHosts = List.copyOf(mxHosts);
            this.temporaryFailure = temporaryFailure;
        }

        static Published unknown(String temporaryFailure) {
            return new Published(Optional.empty(), Optional.empty(), List.of(), Optional.of(temporaryFailure));
        }

        /** Why DNS could not tell what is published; the other fields are then empty and mean nothing. */
        public Optional<String> temporaryFailure() {
            return temporaryFailure;
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
