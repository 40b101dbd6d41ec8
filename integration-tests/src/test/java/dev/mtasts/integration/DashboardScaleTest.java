package dev.mtasts.integration;

import com.google.inject.AbstractModule;
import com.google.inject.util.Modules;
import dev.mtasts.cache.CachedPolicy;
import dev.mtasts.cache.InMemoryPolicyStore;
import dev.mtasts.cache.PolicyStore;
import dev.mtasts.dns.DnsLookup;
import dev.mtasts.fetch.PolicyFetcher;
import dev.mtasts.james.fixtures.PolicyWorld;
import dev.mtasts.james.guice.MtaStsModule;
import dev.mtasts.policy.Mode;
import dev.mtasts.policy.MxPattern;
import dev.mtasts.policy.Policy;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard with 100,000 cached policies: James starts with its policy cache filled, and the page (first and last
 * page of the policy table) is fetched over WebAdmin a number of times. The render times are printed and written to
 * {@code target/dashboard-render-100k.txt}; nothing is asserted about them (timings depend on the machine).
 */
class DashboardScaleTest {

    static final int POLICIES = 100_000;
    static final int ROUNDS = 20;
    static final Path RESULT = Path.of("target", "dashboard-render-100k.txt");

    /** The test module with a policy cache that holds {@value #POLICIES} policies from the start. */
    public static class FilledCacheModule extends AbstractModule {
        @Override
        protected void configure() {
            PolicyWorld world = new PolicyWorld();
            install(Modules.override(new MtaStsModule()).with(binder -> {
                binder.bind(DnsLookup.class).toInstance(world.dns());
                binder.bind(PolicyFetcher.class).toInstance(world.fetcher());
                binder.bind(PolicyStore.class).toInstance(filledStore());
            }));
        }
    }

    static InMemoryPolicyStore filledStore() {
        InMemoryPolicyStore store = new InMemoryPolicyStore();
        Instant now = Instant.now();
        Policy policy = new Policy(Mode.ENFORCE, List.of(new MxPattern("*.mail.example")), 7 * 86_400);
        for (int i = 0; i < POLICIES; i++) {
            String domain = String.format(Locale.ROOT, "domain%06d.example", i);
            store.put(new CachedPolicy(domain, "id" + i, policy, policy.toString(), now,
                now.plus(Duration.ofDays(7))));
        }
        return store;
    }

    @RegisterExtension
    static final JamesServerExtension JAMES = OpsJames.perClass(conf -> TestConf.relayingThrough("""
            <mailet match="All" class="Null"/>
            """, "")
        .extensionModule(FilledCacheModule.class)
        .mtaStsProperties("reports.enabled=false\nreports.submitter=james.test\n")
        .writeTo(conf.toPath()), new LoopbackDns(), new MovableClock());

    @Test
    void renderTimeWithAHundredThousandCachedPolicies(GuiceJamesServer james) throws Exception {
        OpsJames.Reply first = OpsJames.call(james, "GET", "/mta-sts/dashboard");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).contains("<section id=\"policies\" data-total=\"" + POLICIES + "\">",
            "1–50 of " + POLICIES + " cached policies", "<tr data-domain=\"domain000049.example\">");
        String last = "/mta-sts/dashboard?offset=" + (POLICIES - 50) + "&limit=50";
        assertThat(OpsJames.call(james, "GET", last).body()).contains("<tr data-domain=\"domain099999.example\">");

        List<String> report = new ArrayList<>();
        for (String path : List.of("/mta-sts/dashboard", last)) {
            for (int i = 0; i < 5; i++) {
                OpsJames.call(james, "GET", path); // warm-up
            }
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                long start = System.nanoTime();
                OpsJames.Reply reply = OpsJames.call(james, "GET", path);
                millis.add((System.nanoTime() - start) / 1e6);
                assertThat(reply.status()).isEqualTo(200);
            }
            Collections.sort(millis);
            report.add(String.format(Locale.ROOT, "GET %s with %,d cached policies: median %.1f ms, min %.1f ms, "
                    + "max %.1f ms over %d requests (%,d bytes)", path, POLICIES, millis.get(ROUNDS / 2),
                millis.get(0), millis.get(ROUNDS - 1), ROUNDS, first.body().getBytes(StandardCharsets.UTF_8).length));
        }
        report.forEach(System.out::println);
        Files.createDirectories(RESULT.getParent());
        Files.write(RESULT, report, StandardCharsets.UTF_8);
    }
}
