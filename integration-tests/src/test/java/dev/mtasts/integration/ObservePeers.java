package dev.mtasts.integration;

import dev.mtasts.james.fixtures.PolicyWorld;
import dev.mtasts.policy.Mode;
import dev.mtasts.testpeers.EximServer;
import dev.mtasts.testpeers.TestCertificates;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.File;
import java.util.List;

/**
 * The receiving side of the figures tests (Prometheus, dashboard): one exim with three listeners on 127.0.103.x and
 * six recipient domains whose deliveries give known figures.
 *
 * <pre>
 * listener       MX host name                 behaviour
 * 127.0.103.10   mx-good.observe.test         STARTTLS, valid certificate
 * 127.0.103.11   mx-plain.observe.test        no STARTTLS
 * 127.0.103.12   mx-wrongname.observe.test    STARTTLS, certificate for someone-else.observe.test
 * </pre>
 */
public final class ObservePeers implements BeforeAllCallback, AfterAllCallback {

    public static final String GOOD = "127.0.103.10";
    public static final String PLAIN = "127.0.103.11";
    public static final String WRONG_NAME = "127.0.103.12";
    public static final String MX_GOOD = "mx-good.observe.test";
    public static final String MX_PLAIN = "mx-plain.observe.test";
    public static final String MX_WRONG_NAME = "mx-wrongname.observe.test";

    public static final String SENDER = "alice@sender.observe.test";

    private final TestCertificates.Authority authority = TestCertificates.newAuthority("Observe Test CA");
    private EximServer exim;

    public EximServer exim() {
        return exim;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Assumptions.assumeTrue(EximServer.isAvailable(), "exim and root are needed (scripts/install-test-deps.sh)");
        exim = EximServer.start(List.of(
            EximServer.Listener.startTls(GOOD, authority.issue(MX_GOOD)),
            EximServer.Listener.withoutStartTls(PLAIN),
            EximServer.Listener.startTls(WRONG_NAME, authority.issue("someone-else.observe.test"))));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (exim != null) {
            exim.close();
        }
    }

    /** James' DNS for the known deliveries. */
    public static LoopbackDns dns() {
        return new LoopbackDns()
            .address(MX_GOOD, GOOD)
            .address(MX_PLAIN, PLAIN)
            .address(MX_WRONG_NAME, WRONG_NAME)
            .mx("sender.observe.test", MX_PLAIN)
            .mx(KnownDeliveries.ENFORCE_OK, MX_GOOD)
            .mx(KnownDeliveries.TESTING_WRONG_NAME, MX_WRONG_NAME)
            .mx(KnownDeliveries.ENFORCE_PLAIN, MX_PLAIN)
            .mx(KnownDeliveries.NO_POLICY, MX_PLAIN)
            .mx(KnownDeliveries.POLICY_HOST_DOWN, MX_PLAIN)
            .mx(KnownDeliveries.POLICY_INVALID, MX_PLAIN);
    }

    /** What the domains publish. */
    public static PolicyWorld policies() {
        return new PolicyWorld()
            .publish(KnownDeliveries.ENFORCE_OK, "ok1", Mode.ENFORCE, MX_GOOD)
            .publish(KnownDeliveries.TESTING_WRONG_NAME, "wrong1", Mode.TESTING, MX_WRONG_NAME)
            .publish(KnownDeliveries.ENFORCE_PLAIN, "plain1", Mode.ENFORCE, MX_PLAIN)
            .publishRecordOnly(KnownDeliveries.POLICY_HOST_DOWN, "down1")
            .publishInvalid(KnownDeliveries.POLICY_INVALID, "invalid1");
    }

    /**
     * The conf: the relay processor runs {@code MtaStsRemoteDelivery} without retries (a refused enforce message fails
     * on its first attempt) and bounces into a processor that drops the bounce, so that no further session is made.
     */
    public void writeConf(File confDirectory) {
        confDirectory.mkdirs();
        TestWorld.reset(policies());
        TestConf.relayingThrough("""
                <mailet match="All" class="dev.mtasts.james.delivery.MtaStsRemoteDelivery">
                    <outgoing>outgoing</outgoing>
                    <delayTime>1 second</delayTime>
                    <maxRetries>0</maxRetries>
                    <heloName>james.observe.test</heloName>
                    <bounceProcessor>dropped</bounceProcessor>
                </mailet>
                """, """
                <processor state="dropped" enableJmx="false">
                    <mailet match="All" class="Null"/>
                </processor>
                """)
            .mtaStsProperties("trust.jdkDefaults=false\n"
                + "trust.pemFiles=" + authority.writePem(confDirectory.toPath().resolve("test-ca.pem")) + "\n"
                + "recheck.grace=0\nreports.enabled=false\nreports.submitter=james.observe.test\n")
            .writeTo(confDirectory.toPath());
    }
}
