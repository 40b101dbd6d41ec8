package dev.mtasts.service;

import dev.mtasts.testpeers.TestClock;
import dev.mtasts.cache.CachedPolicy;
import dev.mtasts.cache.FilePolicyStore;
import dev.mtasts.cache.InMemoryPolicyStore;
import dev.mtasts.cache.PolicyStore;
import dev.mtasts.discovery.RecordDiscovery;
import dev.mtasts.testpeers.FakeDns;
import dev.mtasts.dns.DnsAnswer;
import dev.mtasts.policy.Mode;
import dev.mtasts.outcome.ResultType;
import dev.mtasts.service.PolicyLookup.Applicable;
import dev.mtasts.service.PolicyLookup.NoPolicy;
import dev.mtasts.service.PolicyLookup.Source;
import dev.mtasts.service.PolicyLookup.TemporaryFailure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyServiceTest {

    private static final String DOMAIN = "example.com";
    private static final Duration GRACE = PolicyServiceSettings.DEFAULT_RECHECK_GRACE;

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FakeDns dns = new FakeDns();
    private final ScriptedFetcher fetcher = new ScriptedFetcher();
    private PolicyStore store = new InMemoryPolicyStore();
    private PolicyService service;

    @BeforeEach
    void publishEnforcePolicy() {
        dns.txt("_mta-sts." + DOMAIN, "v=STSv1; id=one;");
        fetcher.serve(DOMAIN, ScriptedFetcher.policy(Mode.ENFORCE, 86_400, "mx1.example.com", "*.mx.example.com"));
        service = newService(store);
    }

    private PolicyService newService(PolicyStore policyStore) {
        return new PolicyService(new RecordDiscovery(dns), fetcher, policyStore, PolicyServiceSettings.defaults(),
            clock, 1000);
    }

    private static CachedPolicy applicable(PolicyLookup lookup, Source source) {
        assertThat(lookup).isInstanceOf(Applicable.class);
        Applicable applicable = (Applicable) lookup;
        assertThat(applicable.source()).isEqualTo(source);
        return applicable.cached();
    }

    @Test
    void policiesArePagedByDomainWithTheirTotalAndWithoutTheEvictedNoneOrExpiredOnes() {
        for (String domain : List.of("d3.test", "d1.test", "d5.test", "d2.test", "d4.test", "short.test")) {
            dns.txt("_mta-sts." + domain, "v=STSv1; id=one;");
            fetcher.serve(domain, ScriptedFetcher.policy(Mode.ENFORCE, domain.equals("short.test") ? 60 : 86_400,
                "mx." + domain));
            service.policyFor(domain);
        }
        dns.txt("_mta-sts.none.test", "v=STSv1; id=one;");
        fetcher.serve("none.test", ScriptedFetcher.policy(Mode.NONE, 86_400));
        service.policyFor("none.test");
        service.evict("d4.test");
        clock.advance(Duration.ofSeconds(60)); // short.test has expired

        CachedPolicyPage first = service.cachedPolicies(0, 2);
        CachedPolicyPage last = service.cachedPolicies(4, 2);

        assertThat(first.total()).isEqualTo(4).isEqualTo(service.cachedPolicyCount());
        assertThat(first.policies()).extracting(CachedPolicy::domain).containsExactly("d1.test", "d2.test");
        assertThat(last.policies()).isEmpty();
        assertThat(service.cachedPolicies()).extracting(CachedPolicy::domain)
            .containsExactly("d1.test", "d2.test", "d3.test", "d5.test");
        service.policyFor("d4.test"); // back, as a new policy domain
        assertThat(service.cachedPolicies(3, 10).policies()).extracting(CachedPolicy::domain)
            .containsExactly("d4.test", "d5.test");
    }

    @Test
    void firstLookupFetchesThePolicy() {
        CachedPolicy cached = applicable(service.policyFor(DOMAIN), Source.FRESH);

        assertThat(cached.id()).isEqualTo("one");
        assertThat(cached.policy().mode()).isEqualTo(Mode.ENFORCE);
        assertThat(cached.fetchedAt()).isEqualTo(clock.instant());
        assertThat(cached.expiresAt()).isEqualTo(clock.instant().plusSeconds(86_400));
        assertThat(store.get(DOMAIN)).contains(cached);
    }

    @Test
    void domainIsNormalised() {
        service.policyFor(DOMAIN);

        applicable(service.policyFor("Example.COM."), Source.CACHED);
        assertThat(fetcher.fetches()).isEqualTo(1);
    }

    @Test
    void cacheHitWithinTheGraceDoesNoIo() {
        service.policyFor(DOMAIN);
        clock.advance(GRACE.minusSeconds(1));

        for (int i = 0; i < 1000; i++) {
            applicable(service.policyFor(DOMAIN), Source.CACHED);
        }

        assertThat(dns.questionsOfType("TXT")).isEqualTo(1);
        assertThat(fetcher.fetches()).isEqualTo(1);
    }

    @Test
    void sameIdAfterTheGraceConfirmsWithoutFetching() {
        service.policyFor(DOMAIN);
        clock.advance(GRACE);

        applicable(service.policyFor(DOMAIN), Source.CACHED);

        assertThat(dns.questionsOfType("TXT")).isEqualTo(2);
        assertThat(fetcher.fetches()).isEqualTo(1);
    }

    @Test
    void newIdFetchesTheNewPolicy() {
        service.policyFor(DOMAIN);
        dns.txt("_mta-sts." + DOMAIN, "v=STSv1; id=two;");
        fetcher.serve(DOMAIN, ScriptedFetcher.policy(Mode.ENFORCE, 86_400, "mx2.example.com"));
        clock.advance(GRACE);

        CachedPolicy cached = applicable(service.policyFor(DOMAIN), Source.FRESH);

        assertThat(cached.id()).isEqualTo("two");
        assertThat(cached.policy().permits("mx2.example.com")).isTrue();
        assertThat(cached.policy().permits("mx1.example.com")).isFalse();
        assertThat(fetcher.fetches()).isEqualTo(2);
    }

    @Test
    void failedFetchOfANewIdKeepsTheCachedPolicy() {
        service.policyFor(DOMAIN);
        dns.txt("_mta-sts." + DOMAIN, "v=STSv1; id=two;");
        fetcher.fail(DOMAIN, ResultType.STS_WEBPKI_INVALID);
        clock.advance(GRACE);

        CachedPolicy cached = applicable(service.policyFor(DOMAIN), Source.CACHED_AFTER_FAILED_REFRESH);

        assertThat(cached.id()).isEqualTo("one");
        DomainStatus status = service.status(DOMAIN).orElseThrow();
        assertThat(status.consecutiveFailures()).isEqualTo(1);
        assertThat(status.lastError()).map(DomainStatus.LastError::type)
            .contains(Optional.of(ResultType.STS_WEBPKI_INVALID));
    }

    @Test
    void removedTxtRecordKeepsTheCachedPolicyUntilItExpires() {
        service.policyFor(DOMAIN);
        dns.txt("_mta-sts." + DOMAIN, DnsAnswer.notFound("NXDOMAIN"));
        clock.advance(GRACE);

        applicable(service.policyFor(DOMAIN), Source.CACHED_AFTER_FAILED_REFRESH);

        clock.advance(Duration.ofDays(1));
        assertThat(service.policyFor(DOMAIN)).isInstanceOf(NoPolicy.class);
        assertThat(store.get(DOMAIN)).isEmpty();
    }

    @Test
    void theSameIdConfirmsThePolicyForAnotherMaxAge() {
        service.policyFor(DOMAIN);
        clock.advance(Duration.ofHours(12));
        Instant confirmedAt = clock.instant();

        CachedPolicy confirmed = applicable(service.policyFor(DOMAIN), Source.CACHED);

        assertThat(confirmed.expiresAt()).isEqualTo(confirmedAt.plusSeconds(86_400));
        assertThat(confirmed.fetchedAt()).isEqualTo(confirmedAt.minus(Duration.ofHours(12)));
        assertThat(store.get(DOMAIN)).contains(confirmed);
        dns.txt("_mta-sts." + DOMAIN, DnsAnswer.notFound("NXDOMAIN"));
        clock.advance(Duration.ofHours(23));
        applicable(service.policyFor(DOMAIN), Source.CACHED_AFTER_FAILED_REFRESH);
        clock.advance(Duration.ofHours(1));
        assertThat(service.policyFor(DOMAIN)).isInstanceOf(NoPolicy.class);
        assertThat(fetcher.fetches()).isEqualTo(1);
    }

    @Test
    void invalidTxtRecordKeepsTheCachedPolicy() {
        service.policyFor(DOMAIN);
        dns.txt("_mta-sts." + DOMAIN, "v=STSv1; id=one;", "v=STSv1; id=two;");
        clock.advance(GRACE);

        applicable(service.policyFor(DOMAIN), Source.CACHED_AFTER_FAILED_REFRESH);
    }

    @Test
    void expiredPolicyIsFetchedAgain() {
        service.policyFor(DOMAIN);
        clock.advance(Duration.ofSeconds(86_400));

        CachedPolicy cached = applicable(service.policyFor(DOMAIN), Source.FRESH);

        assertThat(cached.fetchedAt()).isEqualTo(clock.instant());
        assertThat(fetcher.fetches()).isEqualTo(2);
    }

    @Test
    void expiredPolicyIsNotServedEvenWithinTheGrace() {
        fetcher.serve(DOMAIN, ScriptedFetcher.policy(Mode.ENFORCE, 30, "mx1.example.com"));
        service.policyFor(DOMAIN);
        fetcher.fail(DOMAIN, ResultType.STS_POLICY_FETCH_ERROR);
        clock.advance(Duration.ofSeconds(30));

        assertThat(service.policyFor(DOMAIN)).isInstanceOf(NoPolicy.class);
    }

    @Test
    void modeNoneDropsTheCachedPolicy() {
        service.policyFor(DOMAIN);
        dns.txt("_mta-sts." + DOMAIN, "v=STSv1; id=two;");
        fetcher.serve(DOMAIN, ScriptedFetcher.policy(Mode.NONE, 86_400));
        clock.advance(GRACE);

        assertThat(service.policyFor(DOMAIN)).isInstanceOf(NoPolicy.class);
        assertThat(store.get(DOMAIN)).isEmpty();
        assertThat(service.cachedPolicies()).isEmpty();
    }

    @Test
    void noRecordMeansNoPolicyAndIsRememberedForTheGrace() {
        dns.txt("_mta-sts." + DOMAIN, DnsAnswer.notFound("NXDOMAIN"));

        assertThat(service.policyFor(DOMAIN)).isInstanceOf(NoPolicy.class);
        assertThat(service.policyFor(DOMAIN)).isInstanceOf(NoPolicy.class);

        assertThat(dns.questionsOfType("TXT")).isEqualTo(1);
        assertThat(fetcher.fetches()).isZero();
    }

    @Test
    void dnsFailureWithNothingCachedIsATemporaryFailureAskedAgainNextTime() {
        dns.failTemporarily("_mta-sts." + DOMAIN);

        assertThat(service.policyFor(DOMAIN)).isInstanceOf(TemporaryFailure.class);
        assertThat(service.policyFor(DOMAIN)).isInstanceOf(TemporaryFailure.class);

        assertThat(dns.questionsOfType("TXT")).isEqualTo(2);
    }

    @Test
    void dnsFailureKeepsTheCachedPolicy() {
        service.policyFor(DOMAIN);
        dns.failTemporarily("_mta-sts." + DOMAIN);
        clock.advance(GRACE);

        applicable(service.policyFor(DOMAIN), Source.CACHED_AFTER_FAILED_REFRESH);
    }

    @Test
    void recheckReadsTheTxtRecordWithinTheGrace() {
        service.policyFor(DOMAIN);
        dns.txt("_mta-sts." + DOMAIN, "v=STSv1; id=two;");
        fetcher.serve(DOMAIN, ScriptedFetcher.policy(Mode.TESTING, 86_400, "mx2.example.com"));

        CachedPolicy cached = applicable(service.recheck(DOMAIN), Source.FRESH);

        assertThat(cached.id()).isEqualTo("two");
        assertThat(dns.questionsOfType("TXT")).isEqualTo(2);
    }

    @Test
    void refreshFetchesEvenWhenTheIdIsUnchanged() {
        service.policyFor(DOMAIN);
        clock.advance(Duration.ofHours(1));

        CachedPolicy cached = applicable(service.refresh(DOMAIN), Source.FRESH);

        assertThat(cached.fetchedAt()).isEqualTo(clock.instant());
        assertThat(fetcher.fetches()).isEqualTo(2);
    }

    @Test
    void evictForgetsTheDomain() {
        service.policyFor(DOMAIN);

        assertThat(service.evict(DOMAIN)).isTrue();

        assertThat(store.get(DOMAIN)).isEmpty();
        assertThat(service.status(DOMAIN)).isEmpty();
        applicable(service.policyFor(DOMAIN), Source.FRESH);
    }

    @Nested
    class FailedFetchBackOff {

        @BeforeEach
        void policyHostDown() {
            fetcher.fail(DOMAIN, ResultType.STS_POLICY_FETCH_ERROR);
        }

        @Test
        void nothingCachedMeansNoPolicyWithTheFetchError() {
            PolicyLookup lookup = service.policyFor(DOMAIN);

            assertThat(lookup).isInstanceOf(NoPolicy.class);
            assertThat(((NoPolicy) lookup).failure()).contains(ResultType.STS_POLICY_FETCH_ERROR);
        }

        @Test
        void sameDomainAndIdIsNotFetchedAgainForFiveMinutes() {
            service.policyFor(DOMAIN);
            for (int minute = 1; minute < 5; minute++) {
                clock.advance(Duration.ofMinutes(1));
                PolicyLookup lookup = service.policyFor(DOMAIN);
                assertThat(((NoPolicy) lookup).failure()).contains(ResultType.STS_POLICY_FETCH_ERROR);
            }
            assertThat(fetcher.fetches()).isEqualTo(1);
            assertThat(dns.questionsOfType("TXT")).isEqualTo(5);

            clock.advance(Duration.ofMinutes(1));
            service.policyFor(DOMAIN);

            assertThat(fetcher.fetches()).isEqualTo(2);
        }

        @Test
        void aNewIdIsFetchedAtOnce() {
            service.policyFor(DOMAIN);
            dns.txt("_mta-sts." + DOMAIN, "v=STSv1; id=two;");
            fetcher.serve(DOMAIN, ScriptedFetcher.policy(Mode.ENFORCE, 86_400, "mx1.example.com"));
            clock.advance(GRACE);

            applicable(service.policyFor(DOMAIN), Source.FRESH);
            assertThat(fetcher.fetches()).isEqualTo(2);
        }

        @Test
        void anOperatorRefreshIgnoresTheBackOff() {
            service.policyFor(DOMAIN);
            fetcher.serve(DOMAIN, ScriptedFetcher.policy(Mode.ENFORCE, 86_400, "mx1.example.com"));

            applicable(service.refresh(DOMAIN), Source.FRESH);
        }
    }

    @Test
    void hundredConcurrentLookupsShareOneQueryAndOneFetch() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        dns.holdAnswersUntil(release);
        int callers = 100;
        CountDownLatch started = new CountDownLatch(callers);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<PolicyLookup>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    started.countDown();
                    return service.policyFor(DOMAIN);
                }));
            }
            started.await();
            release.countDown();
            for (Future<PolicyLookup> answer : answers) {
                assertThat(answer.get()).isInstanceOf(Applicable.class);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(dns.questionsOfType("TXT")).isEqualTo(1);
        assertThat(fetcher.fetches()).isEqualTo(1);
    }

    @Test
    void cacheIsBoundedByEvictingTheLeastRecentlyUsedDomains() {
        PolicyService small = new PolicyService(new RecordDiscovery(dns), fetcher, store,
            PolicyServiceSettings.defaults(), clock, 10);
        for (int i = 0; i < 10; i++) {
            dns.txt("_mta-sts." + "d" + i + ".test", "v=STSv1; id=one;");
            fetcher.serve("d" + i + ".test", ScriptedFetcher.policy(Mode.ENFORCE, 86_400, "mx.d" + i + ".test"));
            small.policyFor("d" + i + ".test");
            clock.advance(Duration.ofSeconds(1));
        }
        small.policyFor("d0.test"); // d0 is now the most recently used
        dns.txt("_mta-sts." + "new.test", DnsAnswer.notFound("NXDOMAIN"));

        small.policyFor("new.test");

        assertThat(small.statuses()).hasSizeLessThanOrEqualTo(10);
        assertThat(small.status("new.test")).isEmpty();
        assertThat(small.status("d1.test")).isPresent();

        dns.txt("_mta-sts.d10.test", "v=STSv1; id=one;");
        fetcher.serve("d10.test", ScriptedFetcher.policy(Mode.ENFORCE, 86_400, "mx.d10.test"));
        small.policyFor("d10.test");

        assertThat(small.status("d0.test")).isPresent();
        assertThat(small.status("d1.test")).isEmpty();
        assertThat(store.get("d1.test")).isPresent();
    }

    @Test
    void evictionPrefersDomainsWithoutAPolicyAndNeverForgetsAPolicy() {
        PolicyService small = new PolicyService(new RecordDiscovery(dns), fetcher, store,
            PolicyServiceSettings.defaults(), clock, 3);
        dns.txt("_mta-sts.d1.test", "v=STSv1; id=one;");
        fetcher.serve("d1.test", ScriptedFetcher.policy(Mode.ENFORCE, 86_400, "mx.d1.test"));
        small.policyFor("d1.test");
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            small.policyFor("nopolicy" + i + ".test");
        }
        assertThat(small.status("d1.test")).isPresent();

        for (int i = 2; i < 6; i++) {
            dns.txt("_mta-sts.d" + i + ".test", "v=STSv1; id=one;");
            fetcher.serve("d" + i + ".test", ScriptedFetcher.policy(Mode.ENFORCE, 86_400, "mx.d" + i + ".test"));
            clock.advance(Duration.ofSeconds(1));
            small.policyFor("d" + i + ".test");
        }
        assertThat(small.status("d1.test")).isEmpty();
        int fetches = fetcher.fetches();
        fetcher.fail("d1.test", ResultType.STS_POLICY_FETCH_ERROR);

        CachedPolicy fromStore = applicable(small.policyFor("d1.test"), Source.CACHED);

        assertThat(fromStore.policy().permits("mx.d1.test")).isTrue();
        assertThat(fetcher.fetches()).isEqualTo(fetches);
    }

    @Test
    void aPolicyInModeNoneIsNotFetchedAgainWhileItsIdIsUnchanged() {
        fetcher.serve(DOMAIN, ScriptedFetcher.policy(Mode.NONE, 86_400));
        assertThat(service.policyFor(DOMAIN)).isInstanceOf(NoPolicy.class);
        clock.advance(GRACE);

        assertThat(service.policyFor(DOMAIN)).isInstanceOf(NoPolicy.class);
        assertThat(fetcher.fetches()).isEqualTo(1);

        dns.txt("_mta-sts." + DOMAIN, "v=STSv1; id=two;");
        fetcher.serve(DOMAIN, ScriptedFetcher.policy(Mode.ENFORCE, 86_400, "mx1.example.com"));
        clock.advance(GRACE);
        applicable(service.policyFor(DOMAIN), Source.FRESH);
    }

    @Test
    void confirmationExtendsAShortLivedPolicyToo() {
        fetcher.serve(DOMAIN, ScriptedFetcher.policy(Mode.ENFORCE, 300, "mx1.example.com"));
        service.policyFor(DOMAIN);
        for (int minute = 1; minute <= 10; minute++) {
            clock.advance(GRACE);
            applicable(service.policyFor(DOMAIN), Source.CACHED);
        }
        assertThat(fetcher.fetches()).isEqualTo(1);
    }

    @Test
    void anUnexpectedFailureKeepsTheCachedPolicy() {
        service.policyFor(DOMAIN);
        clock.advance(GRACE);
        PolicyService broken = new PolicyService(new RecordDiscovery(new ThrowingDns(new IllegalStateException("bug"))),
            fetcher, store, PolicyServiceSettings.defaults(), clock, 10);

        CachedPolicy cached = applicable(broken.policyFor(DOMAIN), Source.CACHED_AFTER_FAILED_REFRESH);

        assertThat(cached.id()).isEqualTo("one");
        assertThat(broken.policyFor("other.example")).isInstanceOf(TemporaryFailure.class);
    }

    @Test
    void anErrorReachesItsCallerAndLeavesNoLookupHanging() {
        PolicyService broken = new PolicyService(new RecordDiscovery(new ThrowingDns(new OutOfMemoryError("test"))),
            fetcher, store, PolicyServiceSettings.defaults(), clock, 10);

        assertThatThrownBy(() -> broken.policyFor(DOMAIN)).isInstanceOf(OutOfMemoryError.class);
        assertThatThrownBy(() -> broken.policyFor(DOMAIN)).isInstanceOf(OutOfMemoryError.class);
    }

    /** A resolver with a bug. */
    private static final class ThrowingDns implements dev.mtasts.dns.DnsLookup {
        private final Throwable failure;

        ThrowingDns(Throwable failure) {
            this.failure = failure;
        }

        private <T> T fail() {
            if (failure instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) failure;
        }

        @Override
        public DnsAnswer<String> txt(String name) {
            return fail();
        }

        @Override
        public DnsAnswer<dev.mtasts.dns.MxHost> mx(String domain) {
            return fail();
        }

        @Override
        public DnsAnswer<java.net.InetAddress> addresses(String host) {
            return fail();
        }
    }

    @Nested
    class Persistence {

        @TempDir
        Path directory;

        @Test
        void aRestartedServiceUsesThePersistedPolicyWithoutFetching() throws Exception {
            service = newService(new FilePolicyStore(directory));
            service.policyFor(DOMAIN);

            PolicyService restarted = newService(new FilePolicyStore(directory));
            CachedPolicy cached = applicable(restarted.policyFor(DOMAIN), Source.CACHED);

            assertThat(cached.id()).isEqualTo("one");
            assertThat(cached.policy().permits("mx1.example.com")).isTrue();
            assertThat(fetcher.fetches()).isEqualTo(1);
            assertThat(dns.questionsOfType("TXT")).isEqualTo(2);
        }

        @Test
        void aRestartedServiceStillNoticesANewId() throws Exception {
            service = newService(new FilePolicyStore(directory));
            service.policyFor(DOMAIN);
            dns.txt("_mta-sts." + DOMAIN, "v=STSv1; id=two;");

            PolicyService restarted = newService(new FilePolicyStore(directory));

            assertThat(applicable(restarted.policyFor(DOMAIN), Source.FRESH).id()).isEqualTo("two");
        }

        @Test
        void aCorruptedStoreFileIsSetAsideAndIgnored() throws Exception {
            service = newService(new FilePolicyStore(directory));
            service.policyFor(DOMAIN);
            Files.writeString(directory.resolve("example.com.json"), "{ this is not json");
            Files.writeString(directory.resolve("notes.txt"), "foreign");

            PolicyService restarted = newService(new FilePolicyStore(directory));

            assertThat(restarted.cachedPolicies()).isEmpty();
            assertThat(directory.resolve("example.com.json")).doesNotExist();
            assertThat(directory.resolve("notes.txt")).doesNotExist();
            try (var setAside = Files.list(directory.resolve("set-aside"))) {
                assertThat(setAside.map(path -> path.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("example.com.json."))
                    .anyMatch(name -> name.startsWith("notes.txt."));
            }
            applicable(restarted.policyFor(DOMAIN), Source.FRESH);
        }

        @Test
        void expiredPoliciesAreDroppedAtStartUp() throws Exception {
            service = newService(new FilePolicyStore(directory));
            service.policyFor(DOMAIN);
            clock.advance(Duration.ofDays(2));

            PolicyService restarted = newService(new FilePolicyStore(directory));

            assertThat(restarted.cachedPolicies()).isEmpty();
            assertThat(directory.resolve("example.com.json")).doesNotExist();
        }
    }
}
