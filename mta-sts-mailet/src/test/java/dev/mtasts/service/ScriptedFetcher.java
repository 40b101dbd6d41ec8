package dev.mtasts.service;

import dev.mtasts.fetch.FetchResult;
import dev.mtasts.fetch.PolicyFetcher;
import dev.mtasts.policy.Mode;
import dev.mtasts.policy.MxPattern;
import dev.mtasts.policy.Policy;
import dev.mtasts.outcome.ResultType;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Policy fetches answered as the test says, counting every fetch. */
final class ScriptedFetcher implements PolicyFetcher {

    private final Map<String, FetchResult> results = new ConcurrentHashMap<>();
    private final AtomicInteger fetches = new AtomicInteger();

    static FetchResult.Fetched policy(Mode mode, long maxAge, String... mx) {
        Policy policy = new Policy(mode, List.of(mx).stream().map(MxPattern::new).toList(), maxAge);
        return FetchResult.fetched(policy, policy.toString());
    }

    void serve(String domain, FetchResult result) {
        results.put(domain, result);
    }

    void fail(String domain, ResultType type) {
        results.put(domain, FetchResult.failed(type, "scripted failure"));
    }

    int fetches() {
        return fetches.get();
    }

    @Override
    public FetchResult fetch(String policyDomain) {
        fetches.incrementAndGet();
        return results.getOrDefault(policyDomain,
            FetchResult.failed(ResultType.STS_POLICY_FETCH_ERROR, "connection refused"));
    }
}
