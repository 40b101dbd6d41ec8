package dev.mtasts.service;

import dev.mtasts.cache.InMemoryPolicyStore;
import dev.mtasts.discovery.RecordDiscovery;
import dev.mtasts.dns.DnsjavaLookup;
import dev.mtasts.dns.ResolverSettings;
import dev.mtasts.fetch.FetchSettings;
import dev.mtasts.fetch.HttpsPolicyFetcher;
import dev.mtasts.fetch.TrustAnchors;
import dev.mtasts.testpeers.NginxServer;
import dev.mtasts.testpeers.TestCertificates;
import dev.mtasts.testpeers.UnboundServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The cold-lookup harness (not a test): {@code N} domains (1,000 by default) that each publish a policy, none of them
 * cached, looked up with the refresher's bounded concurrency ({@link PolicyServiceSettings#refreshConcurrency()}, or
 * the second argument): each lookup is one TXT query to a real unbound and one HTTPS fetch from a real nginx, which
 * serves every policy host with a certificate of its own. Reports the wall time for all of them and per domain.
 * Servers on 127.0.106.154 (unbound, a free port) and 127.0.106.181:443 (nginx); needs root for port 443.
 *
 * <p>Run with {@code scripts/bench-cold-lookup.sh [N] [CONCURRENCY]}.
 */
public final class ColdLookupHarness {

    private static final String ZONE = "cold.test";
    private static final String NGINX_ADDRESS = "127.0.106.181";

    private ColdLookupHarness() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1])
            : PolicyServiceSettings.defaults().refreshConcurrency();
        Path directory = Files.createTempDirectory("mta-sts-cold-lookup-");
        TestCertificates.Authority authority = TestCertificates.newAuthority("Cold Lookup Test CA");
        TrustAnchors trustAnchors = TrustAnchors.builder().withoutJdkDefaults()
            .pemFile(authority.writePem(directory.resolve("ca.pem"))).build();

        List<String> domains = new ArrayList<>();
        List<String> records = new ArrayList<>();
        NginxServer.Builder nginx = NginxServer.builder(directory.resolve("nginx"));
        Path certificates = Files.createDirectories(directory.resolve("certificates"));
        for (int i = 0; i < count; i++) {
            String domain = String.format(Locale.ROOT, "d%04d.%s", i, ZONE);
            String host = "mta-sts." + domain;
            domains.add(domain);
            records.add("_mta-sts." + domain + ". 300 IN TXT \"v=STSv1; id=20260101;\"");
            records.add(host + ". 300 IN A " + NGINX_ADDRESS);
            TestCertificates.Leaf certificate = authority.issue(host);
            nginx.policyHost(host, NGINX_ADDRESS, certificate.writeChainPem(certificates.resolve(host + ".pem")),
                certificate.writeKeyPem(certificates.resolve(host + ".key")),
                "version: STSv1\r\nmode: enforce\r\nmx: mx1." + domain + "\r\nmx: mx2." + domain + "\r\nmx: *.relay."
                    + domain + "\r\nmax_age: 604800\r\n");
        }
        try (UnboundServer dns = UnboundServer.builder().address("127.0.106.154").staticZone(ZONE + ".")
                 .localData(records.toArray(String[]::new)).start();
             NginxServer policyHosts = nginx.start()) {
            DnsjavaLookup lookup = new DnsjavaLookup(new ResolverSettings(List.of(dns.address()),
                Duration.ofSeconds(5)));
            try (HttpsPolicyFetcher fetcher = new HttpsPolicyFetcher(
                     FetchSettings.defaults().withTrustAnchors(trustAnchors), lookup)) {
                PolicyService service = new PolicyService(new RecordDiscovery(lookup), fetcher,
                    new InMemoryPolicyStore(), PolicyServiceSettings.defaults(), Clock.systemUTC(), count * 2);
                ExecutorService pool = Executors.newFixedThreadPool(concurrency);
                try {
                    long start = System.nanoTime();
                    List<Future<PolicyLookup>> answers = new ArrayList<>();
                    for (String domain : domains) {
                        answers.add(pool.submit(() -> service.policyFor(domain)));
                    }
                    int applicable = 0;
                    for (Future<PolicyLookup> answer : answers) {
                        if (answer.get() instanceof PolicyLookup.Applicable) {
                            applicable++;
                        }
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long fetches = policyHosts.accessLog().size();
                    System.out.printf(Locale.ROOT, "%nCOLD LOOKUP (%d uncached domains, %d at a time — the refresher's"
                            + " bounded concurrency; real unbound and nginx, one certificate per policy host)%n"
                            + "  policies found:              %d of %d  (%d fetches in nginx's log)%n"
                            + "  wall time for all:           %.2f s%n"
                            + "  per domain:                  %.1f ms wall, %.1f ms per lookup in flight%n%n",
                        count, concurrency, applicable, count, fetches, seconds, seconds * 1000 / count,
                        seconds * 1000 * concurrency / count);
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }
}
