package dev.mtasts.cli;

import dev.mtasts.discovery.RecordDiscovery;
import dev.mtasts.dns.DnsAnswer;
import dev.mtasts.dns.DnsLookup;
import dev.mtasts.dns.MxHost;
import dev.mtasts.fetch.PolicyFetcher;

import java.util.ArrayList;
import java.util.List;

/**
 * What the rollout advice needs to know live about a domain: its policy and record id, looked up as
 * {@code mta-sts query} does, and its MX hosts in DNS.
 *
 * @param query     the policy lookup
 * @param mxHosts   the MX host names, empty when there are none or DNS failed (see {@code mxFailure})
 * @param mxFailure why the MX hosts are unknown, or null
 */
record LiveRolloutFacts(QueryResult query, List<String> mxHosts, String mxFailure) {

    static LiveRolloutFacts lookUp(String domain, DnsLookup dns, PolicyFetcher fetcher) {
        QueryResult query = new PolicyQuery(new RecordDiscovery(dns), fetcher).run(domain);
        DnsAnswer<MxHost> answer = dns.mx(domain);
        if (answer instanceof DnsAnswer.Found<MxHost> found) {
            List<String> hosts = new ArrayList<>();
            found.records().stream().map(MxHost::host).filter(host -> !host.isEmpty()).forEach(hosts::add);
            return new LiveRolloutFacts(query, hosts, null);
        }
        if (answer instanceof DnsAnswer.TemporaryFailure<MxHost> failure) {
            return new LiveRolloutFacts(query, List.of(), "MX lookup failed: " + failure.detail());
        }
        return new LiveRolloutFacts(query, List.of(), null);
    }

    boolean temporaryFailure() {
        return query.result().equals(QueryResult.TEMPORARY_FAILURE) || mxFailure != null;
    }
}
