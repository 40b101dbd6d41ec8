package dev.mtasts.service;

import dev.mtasts.testpeers.TestClock;
import dev.mtasts.cache.InMemoryPolicyStore;
import dev.mtasts.discovery.RecordDiscovery;
import dev.mtasts.testpeers.FakeDns;
import dev.mtasts.policy.Mode;
import dev.mtasts.outcome.ResultType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyRefresherTest {

    private static final String DOMAIN = "example.com";

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FakeDns dns = new FakeDns();
    private final ScriptedFetcher fetcher = new ScriptedFetcher();
    private PolicyService service;
    private PolicyRefresher refresher;

    @BeforeEach
    void cacheAPolicy() {
        dns.txt("_mta-sts." + DOMAIN, "v=STSv1; id=one;");
        fetcher.serve(DOMAIN, ScriptedFetcher.policy(Mode.ENFORCE, 7 * 86_400, "mx.example.com"));
        PolicyServiceSettings settings = PolicyServiceSettings.defaults()
            .withRefreshInterval(Duration.ofDays(1))
            .withRefreshJitter(Duration.ZERO);
        service = new PolicyService(new RecordDiscovery(dns), fetcher, new InMemoryPolicyStore(), settings, clock, 100);
        refresher = new PolicyRefresher(service);
        service.policyFor(DOMAIN);
    }

    @AfterEach
    void stop() {
        refresher.close();
    }

    @Test
    void nothingIsDueBeforeTheRefreshInterval() {
        clock.advance(Duration.ofHours(23));

        assertThat(refresher.scan()).isZero();
    }

    @Test
    void aPolicyIsRefreshedOnceTheIntervalHasPassed() throws Exception {
        clock.advance(Duration.ofDays(1));

        assertThat(refresher.scan()).isEqualTo(1);

        awaitTrue(() -> refresher.isIdle());
        assertThat(service.cachedPolicies().get(0).fetchedAt()).isEqualTo(clock.instant());
        assertThat(fetcher.fetches()).isEqualTo(2);
        assertThat(refresher.scan()).isZero();
    }

    @Test
    void aShortLivedPolicyIsRefreshedAtHalfItsLife() {
        fetcher.serve(DOMAIN, ScriptedFetcher.policy(Mode.ENFORCE, 3_600, "mx.example.com"));
        service.refresh(DOMAIN);
        clock.advance(Duration.ofMinutes(29));
        assertThat(service.policiesDueForRefresh()).isEmpty();

        clock.advance(Duration.ofMinutes(1));

        assertThat(service.policiesDueForRefresh()).hasSize(1);
    }

    @Test
    void repeatedFailuresAreCountedAndTheCachedPolicyKept() throws Exception {
        fetcher.fail(DOMAIN, ResultType.STS_POLICY_FETCH_ERROR);
        for (int attempt = 1; attempt <= 3; attempt++) {
            clock.advance(Duration.ofDays(1));
            int expected = attempt;
            refresher.scan();
            awaitTrue(() -> refresher.isIdle()
                && service.status(DOMAIN).orElseThrow().consecutiveFailures() == expected);
        }

        assertThat(service.cachedPolicies()).hasSize(1);
        assertThat(service.status(DOMAIN).orElseThrow().lastError()).isPresent();
    }

    @Test
    void scanPeriodIsAQuarterOfTheIntervalWithinBounds() {
        assertThat(PolicyRefresher.scanPeriod(Duration.ofDays(1))).isEqualTo(Duration.ofMinutes(10));
        assertThat(PolicyRefresher.scanPeriod(Duration.ofMinutes(20))).isEqualTo(Duration.ofMinutes(5));
        assertThat(PolicyRefresher.scanPeriod(Duration.ofMillis(10))).isEqualTo(Duration.ofSeconds(1));
    }

    /** Waits for the background refresh to have happened; fails after ten seconds. */
    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition not met in time").isBefore(deadline);
            Thread.sleep(5);
        }
    }
}
