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
import java.nio.file.Path;
import java.util.List;

/**
 * The receiving side of the integration tests: one exim with five listeners, and the recipient domains whose MX
 * records and MTA-STS policies point at them. Certificates come from a test CA made for the run, which the James
 * under test trusts through {@code trust.pemFiles}.
 *
 * <pre>
 * listener     MX host name                 behaviour
 * 127.0.10.1   mx-good.example.test         STARTTLS, valid certificate
 * 127.0.10.2   mx-plain.example.test        no STARTTLS
 * 127.0.10.3   mx-wrongname.example.test    STARTTLS, certificate for someone-else.example.test
 * 127.0.10.4   mx-expired.example.test      STARTTLS, expired certificate
 * 127.0.10.5   mx-unlisted.example.test     STARTTLS, valid certificate, in no policy's mx list
 * </pre>
 */
public final class MxPeers implements BeforeAllCallback, AfterAllCallback {

    public static final String GOOD = "127.0.10.1";
    public static final String PLAIN = "127.0.10.2";
    public static final String WRONG_NAME = "127.0.10.3";
    public static final String EXPIRED = "127.0.10.4";
    public static final String UNLISTED = "127.0.10.5";

    public static final String MX_GOOD = "mx-good.example.test";
    public static final String MX_PLAIN = "mx-plain.example.test";
    public static final String MX_WRONG_NAME = "mx-wrongname.example.test";
    public static final String MX_EXPIRED = "mx-expired.example.test";
    public static final String MX_UNLISTED = "mx-unlisted.example.test";

    /** Where bounces go: no policy, MX without STARTTLS. */
    public static final String SENDER_DOMAIN = "sender.test";
    public static final String SENDER = "alice@" + SENDER_DOMAIN;

    private final TestCertificates.Authority authority = TestCertificates.newAuthority("MTA-STS Integration Test CA");
    private EximServer exim;

    public EximServer exim() {
        return exim;
    }

    /** The test CA, which James trusts: for MX hosts and for policy hosts. */
    public TestCertificates.Authority authority() {
        return authority;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Assumptions.assumeTrue(EximServer.isAvailable(), "exim and root are needed (scripts/install-test-deps.sh)");
        exim = EximServer.start(List.of(
            EximServer.Listener.startTls(GOOD, authority.issue(MX_GOOD)),
            EximServer.Listener.withoutStartTls(PLAIN),
            EximServer.Listener.startTls(WRONG_NAME, authority.issue("someone-else.example.test")),
            EximServer.Listener.startTls(EXPIRED, authority.issueExpired(MX_EXPIRED)),
            EximServer.Listener.startTls(UNLISTED, authority.issue(MX_UNLISTED))));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (exim != null) {
            exim.close();
        }
    }

    /** Writes the test CA where James' mta-sts.properties can name it. */
    public Path writeTrustAnchor(File confDirectory) {
        confDirectory.mkdirs();
        return authority.writePem(confDirectory.toPath().resolve("test-ca.pem"));
    }

    /** James' DNS: the MX hosts' addresses, and MX records for every test domain. */
    public static LoopbackDns dns() {
        return new LoopbackDns()
            .address(MX_GOOD, GOOD)
            .address(MX_PLAIN, PLAIN)
            .address(MX_WRONG_NAME, WRONG_NAME)
            .address(MX_EXPIRED, EXPIRED)
            .address(MX_UNLISTED, UNLISTED)
            .mx(SENDER_DOMAIN, MX_PLAIN)
            .mx("enforce-ok.test", MX_GOOD)
            .mx("enforce-unlisted.test", MX_UNLISTED)
            .mx("enforce-plain.test", MX_PLAIN)
            .mx("enforce-wrongname.test", MX_WRONG_NAME)
            .mx("enforce-expired.test", MX_EXPIRED)
            .mx("enforce-fallback.test", MX_WRONG_NAME, MX_GOOD)
            .mx("testing-wrongname.test", MX_WRONG_NAME)
            .mx("testing-plain.test", MX_PLAIN)
            .mx("nopolicy.test", MX_GOOD);
    }

    /** What each test domain publishes. */
    public static PolicyWorld policies() {
        return new PolicyWorld()
            .publish("enforce-ok.test", "ok1", Mode.ENFORCE, MX_GOOD)
            .publish("enforce-unlisted.test", "unlisted1", Mode.ENFORCE, MX_GOOD)
            .publish("enforce-plain.test", "plain1", Mode.ENFORCE, MX_PLAIN)
            .publish("enforce-wrongname.test", "wrongname1", Mode.ENFORCE, MX_WRONG_NAME)
            .publish("enforce-expired.test", "expired1", Mode.ENFORCE, "*.example.test")
            .publish("enforce-fallback.test", "fallback1", Mode.ENFORCE, "*.example.test")
            .publish("testing-wrongname.test", "twrong1", Mode.TESTING, MX_WRONG_NAME)
            .publish("testing-plain.test", "tplain1", Mode.TESTING, MX_PLAIN);
    }

    /** mta-sts.properties trusting only the test CA. */
    public String mtaStsProperties(File confDirectory, String more) {
        return "trust.jdkDefaults=false\n"
            + "trust.pemFiles=" + writeTrustAnchor(confDirectory) + "\n"
            + "recheck.grace=0\n"
            + more;
    }
}
