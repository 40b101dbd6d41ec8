package dev.mtasts.service;

import dev.mtasts.cache.InMemoryPolicyStore;
import dev.mtasts.cache.PolicyStore;
import dev.mtasts.discovery.RecordDiscovery;
import dev.mtasts.fetch.FetchResult;
import dev.mtasts.fetch.PolicyFetcher;
import dev.mtasts.policy.Mode;
import dev.mtasts.service.PolicyLookup.Applicable;
import dev.mtasts.service.PolicyLookup.Source;
import dev.mtasts.testpeers.FakeDns;
import dev.mtasts.testpeers.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy service's races, each with many threads: single flight keyed by intent (an operator refresh always
 * fetches, a recheck always asks DNS, even while a delivery's lookup of the same domain is in flight) and evictions
 * ordered with lookups in flight (a WebAdmin DELETE is never undone).
 */
class PolicyServiceRaceTest {

    private static final String DOMAIN = "race.example";
    private static final int THREADS = 16;

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FakeDns dns = new FakeDns();
    private final GatedFetcher fetcher = new GatedFetcher();
    private final PolicyStore store = new InMemoryPolicyStore();
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS * 4);
    private final PolicyService service = new PolicyService(new RecordDiscovery(dns), fetcher, store,
        PolicyServiceSettings.defaults(), clock, 10_000);

    @AfterEach
    void stopThreads() {
        fetcher.open();
        pool.shutdownNow();
    }

    private void publish(String domain, String id) {
        dns.txt("_mta-sts." + domain, "v=STSv1; id=" + id + ";");
        fetcher.scripted.serve(domain, ScriptedFetcher.policy(Mode.ENFORCE, 86_400, "mx-" + id + "." + domain));
    }

    @Test
    void anOperatorRefreshFetchesEvenWhileADeliveryLookupIsFetching() throws Exception {
        publish(DOMAIN, "one");
        fetcher.close();
        Future<PolicyLookup> delivery = pool.submit(() -> service.policyFor(DOMAIN));
        await(() -> fetcher.entered.get() == 1, "the delivery's fetch to start");

        List<Future<PolicyLookup>> refreshes = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            refreshes.add(pool.submit(() -> service.refresh(DOMAIN)));
        }
        // The refreshes do not wait for the delivery's fetch: they fetch on their own (sharing one fetch).
        await(() -> fetcher.entered.get() >= 2, "a fetch of the refresh while the delivery's is in flight");
        fetcher.open();

        assertThat(delivery.get(10, TimeUnit.SECONDS)).isInstanceOf(Applicable.class);
        for (Future<PolicyLookup> refresh : refreshes) {
            assertThat(((Applicable) refresh.get(10, TimeUnit.SECONDS)).source()).isEqualTo(Source.FRESH);
        }
    }

    @Test
    void aRecheckAsksDnsEvenWhileADeliveryLookupOfTheDomainIsInFlight() throws Exception {
        publish(DOMAIN, "one");
        service.policyFor(DOMAIN);
        clock.advance(PolicyServiceSettings.DEFAULT_RECHECK_GRACE.plusSeconds(1));
        CountDownLatch release = new CountDownLatch(1);
        dns.holdAnswersUntil(release);
        long before = dns.questionsOfType("TXT");
        List<Future<PolicyLookup>> deliveries = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            deliveries.add(pool.submit(() -> service.policyFor(DOMAIN)));
        }
        await(() -> dns.questionsOfType("TXT") == before + 1, "the deliveries' one TXT question");

        Future<PolicyLookup> recheck = pool.submit(() -> service.recheck(DOMAIN));
        await(() -> dns.questionsOfType("TXT") == before + 2, "the recheck's own TXT question");
        release.countDown();

        assertThat(recheck.get(10, TimeUnit.SECONDS)).isInstanceOf(Applicable.class);
        for (Future<PolicyLookup> delivery : deliveries) {
            assertThat(delivery.get(10, TimeUnit.SECONDS)).isInstanceOf(Applicable.class);
        }
    }

    @RepeatedTest(5)
    void aRecheckNeverGetsTheAnswerOfTheGraceWhileDeliveriesHitTheCache() throws Exception {
        publish(DOMAIN, "one");
        service.policyFor(DOMAIN);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger hits = new AtomicInteger();
        List<Future<?>> deliveries = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            deliveries.add(pool.submit(() -> {
                while (running.get()) {
                    service.policyFor(DOMAIN);
                    hits.incrementAndGet();
                }
            }));
        }
        await(() -> hits.get() > 1000, "deliveries hitting the cache");
        publish(DOMAIN, "two"); // within the grace: deliveries still get id one

        List<Future<PolicyLookup>> rechecks = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            rechecks.add(pool.submit(() -> service.recheck(DOMAIN)));
        }
        for (Future<PolicyLookup> recheck : rechecks) {
            assertThat(((Applicable) recheck.get(10, TimeUnit.SECONDS)).cached().id()).isEqualTo("two");
        }
        running.set(false);
        for (Future<?> delivery : deliveries) {
            delivery.get(10, TimeUnit.SECONDS);
        }
        assertThat(((Applicable) service.policyFor(DOMAIN)).cached().id()).isEqualTo("two");
    }

    @Test
    void anEvictionDuringFetchesIsNeverUndoneByThem() throws Exception {
        List<String> domains = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            domains.add("d" + i + "." + DOMAIN);
            publish(domains.get(i), "one");
        }
        fetcher.close();
        List<Future<PolicyLookup>> lookups = new ArrayList<>();
        for (String domain : domains) {
            lookups.add(pool.submit(() -> service.policyFor(domain)));
            lookups.add(pool.submit(() -> service.refresh(domain)));
        }
        await(() -> fetcher.entered.get() == 2 * THREADS, "every fetch to start");

        List<Future<Boolean>> evictions = new ArrayList<>();
        for (String domain : domains) {
            evictions.add(pool.submit(() -> service.evict(domain)));
        }
        for (Future<Boolean> eviction : evictions) {
            eviction.get(10, TimeUnit.SECONDS);
        }
        fetcher.open();
        for (Future<PolicyLookup> lookup : lookups) {
            assertThat(lookup.get(10, TimeUnit.SECONDS)).isInstanceOf(Applicable.class);
        }

        for (String domain : domains) {
            assertThat(service.status(domain)).as(domain).isEmpty();
            assertThat(store.get(domain)).as(domain).isEmpty();
        }
        assertThat(service.cachedPolicies()).isEmpty();
        // A lookup that starts after the eviction is kept as usual.
        assertThat(service.policyFor(domains.get(0))).isInstanceOf(Applicable.class);
        assertThat(service.status(domains.get(0))).isPresent();
        assertThat(store.get(domains.get(0))).isPresent();
    }

    @Test
    void anEvictionDuringAConfirmationIsNeverUndoneByIt() throws Exception {
        publish(DOMAIN, "one");
        service.policyFor(DOMAIN);
        clock.advance(Duration.ofHours(2)); // past the grace, and a confirmation worth writing to the store
        CountDownLatch release = new CountDownLatch(1);
        dns.holdAnswersUntil(release);
        long before = dns.questionsOfType("TXT");
        // One lookup of each intent, each blocked in its own TXT question (threads that joined a lookup later could
        // start after the eviction, which is no race).
        List<Future<PolicyLookup>> lookups = List.of(pool.submit(() -> service.policyFor(DOMAIN)),
            pool.submit(() -> service.recheck(DOMAIN)), pool.submit(() -> service.refresh(DOMAIN)));
        await(() -> dns.questionsOfType("TXT") == before + 3, "the three lookups' TXT questions");

        assertThat(service.evict(DOMAIN)).isTrue();
        release.countDown();
        for (Future<PolicyLookup> lookup : lookups) {
            lookup.get(10, TimeUnit.SECONDS);
        }

        assertThat(service.status(DOMAIN)).isEmpty();
        assertThat(store.get(DOMAIN)).isEmpty();
    }

    @RepeatedTest(3)
    void manyThreadsMixingEveryCallLeaveAConsistentState() throws Exception {
        publish(DOMAIN, "one");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int worker = i;
            workers.add(pool.submit(() -> {
                int n = 0;
                while (running.get()) {
                    try {
                        switch ((worker + n++) % 4) {
                            case 0:
                                service.policyFor(DOMAIN);
                                break;
                            case 1:
                                service.recheck(DOMAIN);
                                break;
                            case 2:
                                service.refresh(DOMAIN);
                                break;
                            default:
                                service.evict(DOMAIN);
                        }
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            }));
        }
        Thread.sleep(300);
        running.set(false);
        for (Future<?> worker : workers) {
            worker.get(10, TimeUnit.SECONDS);
        }
        service.evict(DOMAIN);

        assertThat(failures).hasValue(0);
        assertThat(service.status(DOMAIN)).isEmpty();
        assertThat(store.get(DOMAIN)).isEmpty();
        assertThat(((Applicable) service.policyFor(DOMAIN)).source()).isEqualTo(Source.FRESH);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    /** A fetcher whose fetches wait while it is closed, counting the fetches that started. */
    private static final class GatedFetcher implements PolicyFetcher {
        final ScriptedFetcher scripted = new ScriptedFetcher();
        final AtomicInteger entered = new AtomicInteger();
        private volatile CountDownLatch gate = new CountDownLatch(0);

        void close() {
            gate = new CountDownLatch(1);
        }

        void open() {
            gate.countDown();
        }

        @Override
        public FetchResult fetch(String policyDomain) {
            entered.incrementAndGet();
            try {
                gate.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return scripted.fetch(policyDomain);
        }
    }
}
