package dev.mtasts.integration;

import dev.mtasts.james.guice.MtaStsModule;
import dev.mtasts.testpeers.UnboundServer;
import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.modules.data.MemoryUsersRepositoryModule;
import org.apache.james.server.core.configuration.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * James with the production module starts and stops three times in one JVM, and each stop leaves no thread of the
 * extension behind (they are all named {@code mta-sts-*}): the policy refresher, the fetcher's deadline timer and TLS
 * reporting are closed with James. Each run also looks a policy up, over real DNS (unbound), from a policy host that
 * refuses connections, so the fetcher's pool and its deadline timer are used.
 */
class LifecycleTest {

    private static final String DOMAIN = "life.test";
    private static final String DNS_ADDRESS = "127.0.101.53";
    private static final String POLICY_HOST_ADDRESS = "127.0.101.6";

    private static UnboundServer dns;

    @BeforeAll
    static void startDns() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/unbound")),
            "unbound is needed (scripts/install-test-deps.sh)");
        dns = UnboundServer.builder()
            .address(DNS_ADDRESS)
            .staticZone("test.")
            .localData("_mta-sts." + DOMAIN + ". 60 IN TXT \"v=STSv1; id=life1;\"",
                "mta-sts." + DOMAIN + ". 60 IN A " + POLICY_HOST_ADDRESS)
            .start();
    }

    @AfterAll
    static void stopDns() {
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void threeStartsAndStopsLeaveNoThreadOfTheExtension(@TempDir Path workingDirectory) throws Exception {
        TestConf.relayingThrough("""
                <mailet match="All" class="dev.mtasts.james.delivery.MtaStsRemoteDelivery">
                    <outgoing>outgoing</outgoing>
                    <delayTime>1 second</delayTime>
                    <maxRetries>1</maxRetries>
                    <heloName>james.test</heloName>
                </mailet>
                """, "")
            .extensionModule(MtaStsModule.class)
            .mtaStsProperties("dns.servers=" + dns.hostAndPort() + "\nfetch.timeout=5s\nrefresh.interval=1m\n")
            .writeTo(workingDirectory.resolve("conf"));

        for (int run = 1; run <= 3; run++) {
            GuiceJamesServer james = GuiceJamesServer.forConfiguration(Configuration.builder()
                    .workingDirectory(workingDirectory.toFile())
                    .build())
                .combineWith(MemoryJamesServerMain.SMTP_ONLY_MODULE)
                .combineWith(new MemoryUsersRepositoryModule())
                .overrideWith(binder -> binder.bind(DNSService.class).toInstance(new LoopbackDns()));
            try {
                james.start();
                assertThat(threadsOfTheExtension()).as("run %d: threads while James runs", run)
                    .anyMatch(name -> name.startsWith("mta-sts-tls-reports"));
                MtaStsJames.send(james, "alice@sender.test", "user@" + DOMAIN, "run " + run);
                awaitPolicyFetchAttempt(workingDirectory);
            } finally {
                james.stop();
            }
            assertThat(awaitNoThreadOfTheExtension(Duration.ofSeconds(10)))
                .as("run %d: threads of the extension left after James stopped", run).isEmpty();
        }
    }

    /** The lookup is done on a delivery thread; the log of the fetch is not needed, only that it had a chance. */
    private static void awaitPolicyFetchAttempt(Path workingDirectory) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(5);
        while (Instant.now().isBefore(until) && threadsOfTheExtension().stream()
            .noneMatch(name -> name.startsWith("mta-sts-fetch-deadline"))) {
            Thread.sleep(50);
        }
    }

    private static List<String> awaitNoThreadOfTheExtension(Duration timeout) throws InterruptedException {
        Instant until = Instant.now().plus(timeout);
        List<String> left = threadsOfTheExtension();
        while (!left.isEmpty() && Instant.now().isBefore(until)) {
            Thread.sleep(100);
            left = threadsOfTheExtension();
        }
        return left;
    }

    private static List<String> threadsOfTheExtension() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .filter(name -> name.startsWith("mta-sts"))
            .sorted()
            .collect(Collectors.toList());
    }
}
