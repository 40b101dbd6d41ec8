package dev.mtasts.service;

import dev.mtasts.cache.InMemoryPolicyStore;
import dev.mtasts.discovery.RecordDiscovery;
import dev.mtasts.dns.DnsjavaLookup;
import dev.mtasts.dns.ResolverSettings;
import dev.mtasts.fetch.FetchSettings;
import dev.mtasts.fetch.HttpsPolicyFetcher;
import dev.mtasts.fetch.TrustAnchors;
import dev.mtasts.policy.Mode;
import dev.mtasts.testpeers.NginxServer;
import dev.mtasts.testpeers.TestCertificates;
import dev.mtasts.testpeers.UnboundServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Single flight under real concurrency: 1,000 threads ask for the policy of one uncached domain at the same moment,
 * against a real unbound (which logs each query it gets) and a real nginx policy host (which logs each request).
 * Exactly one TXT query and one policy fetch must reach them, and every caller gets the policy. Servers on
 * 127.0.106.153 (unbound, a free port) and 127.0.106.180:443 (nginx).
 */
class SingleFlightAgainstRealServersTest {

    private static final String DOMAIN = "one.flight.test";
    private static final String POLICY_HOST = "mta-sts." + DOMAIN;
    private static final String NGINX_ADDRESS = "127.0.106.180";
    private static final int CALLERS = 1_000;

    private static UnboundServer dns;
    private static NginxServer nginx;
    private static TrustAnchors trustAnchors;

    @BeforeAll
    static void startServers(@TempDir Path directory) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nginx")) && Files.isExecutable(Path.of("/usr/sbin/unbound")),
            "unbound and nginx are needed (scripts/install-test-deps.sh)");
        TestCertificates.Authority authority = TestCertificates.newAuthority("Single Flight Test CA");
        trustAnchors = TrustAnchors.builder().withoutJdkDefaults()
            .pemFile(authority.writePem(directory.resolve("ca.pem"))).build();
        dns = UnboundServer.builder().address("127.0.106.153").staticZone("flight.test.").logQueries()
            .localData("_mta-sts." + DOMAIN + ". 300 IN TXT \"v=STSv1; id=20260101;\"",
                POLICY_HOST + ". 300 IN A " + NGINX_ADDRESS)
            .start();
        TestCertificates.Leaf certificate = authority.issue(POLICY_HOST);
        nginx = NginxServer.builder(directory.resolve("nginx"))
            .policyHost(POLICY_HOST, NGINX_ADDRESS, certificate.writeChainPem(directory.resolve("chain.pem")),
                certificate.writeKeyPem(directory.resolve("key.pem")),
                "version: STSv1\r\nmode: enforce\r\nmx: mx1." + DOMAIN + "\r\nmx: *.relay." + DOMAIN
                    + "\r\nmax_age: 604800\r\n")
            .start();
    }

    @AfterAll
    static void stopServers() {
        if (nginx != null) {
            nginx.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void aThousandConcurrentCallersForOneUncachedDomainShareOneTxtQueryAndOneFetch() throws Exception {
        DnsjavaLookup lookup = new DnsjavaLookup(new ResolverSettings(List.of(dns.address()), Duration.ofSeconds(5)));
        HttpsPolicyFetcher fetcher = new HttpsPolicyFetcher(FetchSettings.defaults().withTrustAnchors(trustAnchors),
            lookup);
        PolicyService service = new PolicyService(new RecordDiscovery(lookup), fetcher, new InMemoryPolicyStore(),
            PolicyServiceSettings.defaults(), Clock.systemUTC(), 10_000);
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            CountDownLatch ready = new CountDownLatch(CALLERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<PolicyLookup>> answers = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                answers.add(callers.submit(() -> {
                    ready.countDown();
                    go.await();
                    return service.policyFor(DOMAIN);
                }));
            }
            ready.await();
            go.countDown();
            for (Future<PolicyLookup> answer : answers) {
                assertThat(answer.get()).isInstanceOfSatisfying(PolicyLookup.Applicable.class,
                    applicable -> assertThat(applicable.cached().policy().mode()).isEqualTo(Mode.ENFORCE));
            }
        } finally {
            callers.shutdownNow();
            fetcher.close();
        }

        assertThat(nginx.policyRequests(POLICY_HOST)).isEqualTo(1);
        // unbound logs asynchronously to us: wait for its line, then make sure no second one follows.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (dns.queriesLogged("_mta-sts." + DOMAIN + ".", "TXT") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
        assertThat(dns.queriesLogged("_mta-sts." + DOMAIN + ".", "TXT")).isEqualTo(1);
    }
}
