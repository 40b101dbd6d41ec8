package dev.mtasts.service;

import dev.mtasts.cache.InMemoryPolicyStore;
import dev.mtasts.discovery.RecordDiscovery;
import dev.mtasts.testpeers.FakeDns;
import dev.mtasts.policy.Mode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The per-delivery cost of MTA-STS on a cache hit: {@code policyFor} plus the MX match against a three-pattern
 * policy. Run with {@code scripts/bench-policy-lookup.sh} (adds {@code -prof gc} to show bytes allocated per op).
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyLookupBenchmark {

    private PolicyService service;
    private PolicyService countedService;
    private final LongAdder cacheHits = new LongAdder();

    @Setup
    public void cacheOnePolicy() {
        FakeDns dns = new FakeDns();
        ScriptedFetcher fetcher = new ScriptedFetcher();
        dns.txt("_mta-sts." + "example.com", "v=STSv1; id=20260101;");
        fetcher.serve("example.com",
            ScriptedFetcher.policy(Mode.ENFORCE, 604_800, "mx1.example.com", "mx2.example.com", "*.backup.example.com"));
        PolicyServiceSettings settings = PolicyServiceSettings.defaults().withRecheckGrace(Duration.ofDays(1));
        service = new PolicyService(new RecordDiscovery(dns), fetcher, new InMemoryPolicyStore(), settings,
            Clock.systemUTC(), 10_000);
        service.policyFor("example.com");
        countedService = new PolicyService(new RecordDiscovery(dns), fetcher, new InMemoryPolicyStore(), settings,
            Clock.systemUTC(), 10_000);
        // What a metrics listener does on a hit: one counter increment.
        countedService.setListener(new PolicyServiceListener() {
            @Override
            public void onCacheHit() {
                cacheHits.increment();
            }
        });
        countedService.policyFor("example.com");
    }

    @Benchmark
    public boolean cacheHitAndMxMatch() {
        PolicyLookup lookup = service.policyFor("example.com");
        return lookup instanceof PolicyLookup.Applicable applicable
            && applicable.cached().policy().permits("eu.backup.example.com.");
    }

    @Benchmark
    public boolean cacheHitCountedAndMxMatch() {
        PolicyLookup lookup = countedService.policyFor("example.com");
        return lookup instanceof PolicyLookup.Applicable applicable
            && applicable.cached().policy().permits("eu.backup.example.com.");
    }
}
