package dev.mtasts.integration;

import dev.mtasts.james.fixtures.PolicyWorld;
import dev.mtasts.policy.Mode;
import dev.mtasts.testpeers.EximServer;
import dev.mtasts.testpeers.TestCertificates;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The receiving side of the persistent-queue tests, on addresses of their own: one exim with three listeners, and
 * the recipient domains pointing at them. The world can be written to a file, for a James in a process of its own
 * ({@link CrashableJames}), with some MX records changed (the fix an operator makes while James is down).
 *
 * <pre>
 * listener      MX host name             behaviour
 * 127.0.102.1   mx-good.queues.test      STARTTLS, valid certificate
 * 127.0.102.2   mx-plain.queues.test     no STARTTLS
 * 127.0.102.3   mx-stall.queues.test     STARTTLS, valid certificate; holds DATA while the test says so
 * </pre>
 */
public final class QueuePeers implements BeforeAllCallback, AfterAllCallback {

    public static final String GOOD = "127.0.102.1";
    public static final String PLAIN = "127.0.102.2";
    public static final String STALL = "127.0.102.3";
    public static final String MX_GOOD = "mx-good.queues.test";
    public static final String MX_PLAIN = "mx-plain.queues.test";
    public static final String MX_STALL = "mx-stall.queues.test";

    public static final String SENDER = "alice@sender.queues.test";

    /** Enforce, listed MX with a valid certificate. */
    public static final String ENFORCE_OK = "enforce-ok.queues.test";
    /** Enforce, a listed MX without STARTTLS: retried, then bounced. */
    public static final String ENFORCE_PLAIN = "enforce-plain.queues.test";
    /** Enforce, nothing cached: moved from the standard lane before its first delivery. */
    public static final String MOVED = "moved.queues.test";
    /** Enforce, MX without STARTTLS until the operator points the MX at a good host. */
    public static final String RETRY_DELIVER = "retry-deliver.queues.test";
    /** Enforce, MX without STARTTLS for good. */
    public static final String RETRY_BOUNCE = "retry-bounce.queues.test";
    /** Enforce, good MX: the crash comes during its lane move. */
    public static final String MOVE_CRASH = "move-crash.queues.test";
    /** The same, for a second crash. */
    public static final String MOVE_CRASH_AGAIN = "move-crash-again.queues.test";
    /** Enforce, the stalling MX. */
    public static final String STALLED = "stall.queues.test";

    private static final Map<String, String> ADDRESSES = Map.of(MX_GOOD, GOOD, MX_PLAIN, PLAIN, MX_STALL, STALL);

    private final TestCertificates.Authority authority = TestCertificates.newAuthority("MTA-STS Queue Test CA");
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
            EximServer.Listener.startTls(STALL, authority.issue(MX_STALL))), List.of(STALL));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (exim != null) {
            exim.close();
        }
    }

    /** MX records of every test domain, before any change. */
    public static Map<String, List<String>> mxRecords() {
        Map<String, List<String>> mx = new LinkedHashMap<>();
        mx.put("sender.queues.test", List.of(MX_PLAIN));
        mx.put(ENFORCE_OK, List.of(MX_GOOD));
        mx.put(ENFORCE_PLAIN, List.of(MX_PLAIN));
        mx.put(MOVED, List.of(MX_GOOD));
        mx.put(RETRY_DELIVER, List.of(MX_PLAIN));
        mx.put(RETRY_BOUNCE, List.of(MX_PLAIN));
        mx.put(MOVE_CRASH, List.of(MX_GOOD));
        mx.put(MOVE_CRASH_AGAIN, List.of(MX_GOOD));
        mx.put(STALLED, List.of(MX_STALL));
        return mx;
    }

    /** Every policy is enforce and admits every MX host of the world. */
    private static List<String> enforcedDomains() {
        return List.of(ENFORCE_OK, ENFORCE_PLAIN, MOVED, RETRY_DELIVER, RETRY_BOUNCE, MOVE_CRASH, MOVE_CRASH_AGAIN,
            STALLED);
    }

    public static LoopbackDns dns(Map<String, List<String>> mxRecords) {
        LoopbackDns dns = new LoopbackDns();
        ADDRESSES.forEach(dns::address);
        mxRecords.forEach((domain, hosts) -> dns.mx(domain, hosts.toArray(String[]::new)));
        return dns;
    }

    public static PolicyWorld policies() {
        PolicyWorld world = new PolicyWorld();
        for (String domain : enforcedDomains()) {
            // RFC 8461 §3.1: an id is letters and digits only.
            String id = domain.substring(0, domain.indexOf('.')).replace("-", "") + "1";
            world.publish(domain, id, Mode.ENFORCE, "*.queues.test");
        }
        return world;
    }

    /** mta-sts.properties trusting only the test CA. */
    public String mtaStsProperties(Path confDirectory) {
        try {
            Files.createDirectories(confDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "trust.jdkDefaults=false\n"
            + "trust.pemFiles=" + authority.writePem(confDirectory.resolve("test-ca.pem")) + "\n"
            + "recheck.grace=0\n";
    }

    /** Writes the MX records for {@link CrashableJames}: {@code domain=host,host}. */
    public static void writeMxRecords(Path file, Map<String, List<String>> mxRecords) {
        Properties properties = new Properties();
        mxRecords.forEach((domain, hosts) -> properties.setProperty(domain, String.join(",", hosts)));
        try (var out = Files.newOutputStream(file)) {
            properties.store(out, "MX records of the queue test world");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, List<String>> readMxRecords(Path file) {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<String>> mx = new LinkedHashMap<>();
        for (String domain : properties.stringPropertyNames()) {
            mx.put(domain, new ArrayList<>(List.of(properties.getProperty(domain).split(","))));
        }
        return mx;
    }
}
