package dev.mtasts.audit;

import dev.mtasts.fetch.TrustAnchors;
import dev.mtasts.testpeers.EximMxHosts;
import dev.mtasts.testpeers.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The SMTP probe against a real exim: STARTTLS and the certificate it shows, or no STARTTLS at all. */
class SmtpProbeEximTest {

    private static final String STARTTLS_MX = "127.0.60.20";
    private static final String PLAIN_MX = "127.0.60.21";

    private static EximMxHosts exim;
    private static TestCertificates.Leaf leaf;

    @BeforeAll
    static void startExim(@TempDir Path dir) {
        leaf = TestCertificates.newAuthority("Probe CA").issue("mx.probe.test");
        exim = EximMxHosts.builder()
            .starttls(STARTTLS_MX, leaf.writeChainPem(dir.resolve("chain.pem")), leaf.writeKeyPem(dir.resolve("key.pem")))
            .plain(PLAIN_MX)
            .start();
    }

    @AfterAll
    static void stopExim() {
        exim.close();
    }

    @Test
    void capturesTheChainAfterStartTls() {
        SmtpProbeResult result = probe().probe("mx.probe.test", List.of(address(STARTTLS_MX)));

        assertThat(result).as(exim.log()).isInstanceOf(SmtpProbeResult.Secured.class);
        TlsPeer peer = ((SmtpProbeResult.Secured) result).peer();
        assertThat(peer.protocol()).isIn("TLSv1.2", "TLSv1.3");
        assertThat(peer.leaf()).isEqualTo(leaf.certificate());
        assertThat(peer.address()).isEqualTo(address(STARTTLS_MX));
    }

    @Test
    void seesThatStartTlsIsNotOffered() {
        SmtpProbeResult result = probe().probe("mx.probe.test", List.of(address(PLAIN_MX)));

        assertThat(result).as(exim.log()).isInstanceOf(SmtpProbeResult.NoStartTls.class);
        assertThat(((SmtpProbeResult.NoStartTls) result).extensions()).contains("PIPELINING").doesNotContain("STARTTLS");
    }

    @Test
    void triesTheNextAddressWhenOneRefuses() {
        SmtpProbeResult result = probe().probe("mx.probe.test", List.of(address("127.0.60.22"), address(STARTTLS_MX)));

        assertThat(result).isInstanceOf(SmtpProbeResult.Secured.class);
    }

    private static SmtpProbe probe() {
        return new SmtpProbe(AuditSettings.defaults(TrustAnchors.jdkDefaults()).withTimeout(Duration.ofSeconds(10)));
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
