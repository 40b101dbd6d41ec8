package dev.mtasts.integration;

import dev.mtasts.james.guice.MtaStsModule;
import dev.mtasts.testpeers.EximServer;
import dev.mtasts.testpeers.NginxServer;
import dev.mtasts.testpeers.TestCertificates;
import dev.mtasts.testpeers.UnboundServer;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extension exactly as in production — {@link MtaStsModule} from extensions.properties, no test double — with
 * its policy found by real DNS (unbound: the {@code _mta-sts} TXT record and the policy host's address) and fetched
 * over real HTTPS (nginx, certificate from the test CA), then enforced on real SMTP (exim).
 */
class ProductionWiringTest {

    private static final String DOMAIN = "e2e-enforce.test";
    private static final String POLICY_HOST = "mta-sts." + DOMAIN;
    private static final String POLICY_HOST_ADDRESS = "127.0.10.6";
    private static final String DNS_ADDRESS = "127.0.10.53";

    @RegisterExtension
    @Order(1)
    static final MxPeers PEERS = new MxPeers();

    private static UnboundServer dns;
    private static NginxServer policyHost;
    private static File confDirectory;

    @RegisterExtension
    @Order(2)
    static final JamesServerExtension JAMES = MtaStsJames.perClass(conf -> {
        confDirectory = conf;
        startDnsAndPolicyHost(conf.toPath().getParent().resolve("peers"));
        TestConf.relayingThrough("""
                <mailet match="All" class="dev.mtasts.james.delivery.MtaStsRemoteDelivery">
                    <outgoing>outgoing</outgoing>
                    <delayTime>3*1 second</delayTime>
                    <maxRetries>3</maxRetries>
                    <heloName>james.test</heloName>
                    <bounceProcessor>bounces</bounceProcessor>
                </mailet>
                """, "")
            .extensionModule(MtaStsModule.class)
            .mtaStsProperties(PEERS.mtaStsProperties(conf, "dns.servers=" + dns.hostAndPort() + "\n"))
            .writeTo(conf.toPath());
    }, MxPeers.dns().mx(DOMAIN, MxPeers.MX_GOOD));

    private static void startDnsAndPolicyHost(Path directory) {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nginx"))
                && Files.isExecutable(Path.of("/usr/sbin/unbound")),
            "unbound and nginx are needed (scripts/install-test-deps.sh)");
        try {
            Files.createDirectories(directory);
            dns = UnboundServer.builder()
                .address(DNS_ADDRESS)
                .staticZone("test.")
                .localData(
                    "_mta-sts." + DOMAIN + ". 60 IN TXT \"v=STSv1; id=e2e1;\"",
                    POLICY_HOST + ". 60 IN A " + POLICY_HOST_ADDRESS)
                .start();
            TestCertificates.Leaf certificate = PEERS.authority().issue(POLICY_HOST);
            policyHost = NginxServer.builder(directory.resolve("nginx"))
                .policyHost(POLICY_HOST, POLICY_HOST_ADDRESS,
                    certificate.writeChainPem(directory.resolve("policy-host-chain.pem")),
                    certificate.writeKeyPem(directory.resolve("policy-host-key.pem")),
                    "version: STSv1\r\nmode: enforce\r\nmx: " + MxPeers.MX_GOOD + "\r\nmax_age: 86400\r\n")
                .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopDnsAndPolicyHost() {
        if (policyHost != null) {
            policyHost.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void aPolicyFoundInDnsAndFetchedOverHttpsIsEnforcedAndCached(GuiceJamesServer james) throws Exception {
        MtaStsJames.send(james, MxPeers.SENDER, "user@" + DOMAIN, "production wiring");

        EximServer.Message delivered = PEERS.exim()
            .awaitMessage(message -> message.envelopeTo().contains("user@" + DOMAIN), Duration.ofSeconds(60))
            .orElseThrow(() -> new AssertionError("nothing delivered to user@" + DOMAIN));

        assertThat(delivered.listener()).isEqualTo(MxPeers.GOOD);
        assertThat(delivered.tlsCipher()).isNotEqualTo("none");
        assertThat(policyHost.policyRequests(POLICY_HOST)).isEqualTo(1);
        Path cache = confDirectory.toPath().getParent().resolve("var/mta-sts");
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files.map(file -> file.getFileName().toString())).contains(DOMAIN + ".json");
        }
    }
}
