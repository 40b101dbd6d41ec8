package dev.mtasts.integration;

import dev.mtasts.testpeers.EximServer;
import dev.mtasts.testpeers.NginxServer;
import dev.mtasts.testpeers.TestCertificates;
import dev.mtasts.testpeers.UnboundServer;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real servers of the opportunistic-TLS world, all on 127.0.104.x (ports 25, 53 and 443): one exim listener per
 * kind of MX, unbound publishing the {@code _mta-sts} TXT records of the policy domains, and nginx serving their
 * policies.
 *
 * <pre>
 * 127.0.104.1   mx-good.opp.test        STARTTLS, valid certificate
 * 127.0.104.2   mx-plain.opp.test       no STARTTLS
 * 127.0.104.3   mx-oldtls.opp.test      STARTTLS with TLS 1.0 and 1.1 only
 * 127.0.104.4   mx-wrongname.opp.test   STARTTLS, certificate for someone-else.opp.test
 * 127.0.104.5   mx-expired.opp.test     STARTTLS, expired certificate
 * 127.0.104.6   mx-untrusted.opp.test   STARTTLS, certificate from a CA nobody trusts
 * 127.0.104.53  unbound (zone opp.test.)
 * 127.0.104.80  nginx: every mta-sts.&lt;domain&gt; policy host, chosen by SNI
 * </pre>
 */
public final class OpportunisticPeers implements AutoCloseable {

    public static final String ZONE = "opp.test";
    public static final String GOOD = "127.0.104.1";
    public static final String PLAIN = "127.0.104.2";
    public static final String OLD_TLS = "127.0.104.3";
    public static final String WRONG_NAME = "127.0.104.4";
    public static final String EXPIRED = "127.0.104.5";
    public static final String UNTRUSTED = "127.0.104.6";
    public static final String DNS_ADDRESS = "127.0.104.53";
    public static final String POLICY_HOSTS_ADDRESS = "127.0.104.80";

    public static final String MX_GOOD = "mx-good." + ZONE;
    public static final String MX_PLAIN = "mx-plain." + ZONE;
    public static final String MX_OLD_TLS = "mx-oldtls." + ZONE;
    public static final String MX_WRONG_NAME = "mx-wrongname." + ZONE;
    public static final String MX_EXPIRED = "mx-expired." + ZONE;
    public static final String MX_UNTRUSTED = "mx-untrusted." + ZONE;

    private final TestCertificates.Authority authority = TestCertificates.newAuthority("Opportunistic Test CA");
    private final TestCertificates.Authority stranger = TestCertificates.newAuthority("Nobody's Test CA");
    private final Path directory;
    private final List<AutoCloseable> running = new ArrayList<>();
    private EximServer exim;
    private UnboundServer dns;
    private NginxServer policyHosts;

    private OpportunisticPeers(Path directory) {
        this.directory = directory;
    }

    /** Starts exim, unbound and nginx; skips the tests when they are not installed or we are not root. */
    public static OpportunisticPeers start(Path directory, List<String> policyDomains) {
        Assumptions.assumeTrue(EximServer.isAvailable(), "exim and root are needed (scripts/install-test-deps.sh)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nginx"))
                && Files.isExecutable(Path.of("/usr/sbin/unbound")),
            "unbound and nginx are needed (scripts/install-test-deps.sh)");
        OpportunisticPeers peers = new OpportunisticPeers(directory);
        try {
            peers.startAll(policyDomains);
            return peers;
        } catch (RuntimeException | IOException e) {
            peers.close();
            throw new IllegalStateException("the opportunistic world's servers did not come up: " + e.getMessage(), e);
        }
    }

    private void startAll(List<String> policyDomains) throws IOException {
        Files.createDirectories(directory);
        exim = EximServer.start(List.of(
            EximServer.Listener.startTls(GOOD, authority.issue(MX_GOOD)),
            EximServer.Listener.withoutStartTls(PLAIN),
            EximServer.Listener.startTlsUpToTls11(OLD_TLS, authority.issue(MX_OLD_TLS)),
            EximServer.Listener.startTls(WRONG_NAME, authority.issue("someone-else." + ZONE)),
            EximServer.Listener.startTls(EXPIRED, authority.issueExpired(MX_EXPIRED)),
            EximServer.Listener.startTls(UNTRUSTED, stranger.issue(MX_UNTRUSTED))));
        running.add(exim);
        dns = UnboundServer.builder()
            .address(DNS_ADDRESS)
            .staticZone(ZONE + ".")
            .localData(policyDomains.stream()
                .map(domain -> policyHost(domain) + ". 0 IN A " + POLICY_HOSTS_ADDRESS)
                .toArray(String[]::new))
            .start();
        running.add(dns);
        List<String> hostNames = policyDomains.stream().map(OpportunisticPeers::policyHost).toList();
        TestCertificates.Leaf certificate = authority.issue(hostNames.toArray(String[]::new));
        Path chain = certificate.writeChainPem(directory.resolve("policy-hosts-chain.pem"));
        Path key = certificate.writeKeyPem(directory.resolve("policy-hosts-key.pem"));
        NginxServer.Builder nginx = NginxServer.builder(directory.resolve("nginx"));
        for (String host : hostNames) {
            nginx.site(new NginxServer.Site(host, POLICY_HOSTS_ADDRESS, 443, chain, key, ""));
        }
        policyHosts = nginx.start();
        running.add(policyHosts);
    }

    public static String policyHost(String domain) {
        return "mta-sts." + domain;
    }

    public EximServer exim() {
        return exim;
    }

    public UnboundServer dns() {
        return dns;
    }

    /** Publishes a policy: the TXT record with this id, and the policy text on the domain's policy host. */
    public void publish(String domain, String id, String mode, String... mxPatterns) {
        policyHosts.servePolicy(policyHost(domain), MatrixPeers.policyText(mode, mxPatterns));
        dns.replaceLocalData("_mta-sts." + domain + ".",
            "_mta-sts." + domain + ". 0 IN TXT \"v=STSv1; id=" + id + ";\"");
    }

    /** The test CA as a PEM file, for James' trust.pemFiles. */
    public Path writeTrustAnchor(Path file) {
        return authority.writePem(file);
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                // keep stopping the others
            }
        }
        running.clear();
    }
}
