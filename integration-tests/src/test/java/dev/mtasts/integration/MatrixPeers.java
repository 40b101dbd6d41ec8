package dev.mtasts.integration;

import dev.mtasts.testpeers.EximServer;
import dev.mtasts.testpeers.NginxServer;
import dev.mtasts.testpeers.TestCertificates;
import dev.mtasts.testpeers.UnboundServer;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real servers of the downgrade-attack matrix (RFC 8461 §10), all on 127.0.70.x, port 25, 53 and 443:
 *
 * <pre>
 * 127.0.70.1   mx-good.matrix.test        STARTTLS, valid certificate
 * 127.0.70.2   mx-plain.matrix.test       no STARTTLS (also the MX of the senders' domain, where bounces land)
 * 127.0.70.3   mx-expired.matrix.test     STARTTLS, expired certificate
 * 127.0.70.4   mx-wrongname.matrix.test   STARTTLS, certificate for someone-else.matrix.test
 * 127.0.70.5   mx-untrusted.matrix.test   STARTTLS, certificate from a CA James does not trust
 * 127.0.70.6   mx-oldtls.matrix.test      STARTTLS with TLS 1.0 and 1.1 only
 * 127.0.70.7   mx-outside.matrix.test     STARTTLS, valid certificate for its own name, in no policy
 * 127.0.70.8   mx-good2.matrix.test       STARTTLS, valid certificate
 * 127.0.70.53  unbound: _mta-sts TXT records and policy hosts' addresses (zone matrix.test.)
 * 127.0.70.80  nginx: every mta-sts.&lt;domain&gt; policy host, chosen by SNI
 * </pre>
 *
 * Every policy host answers its policy file, unless a flag file in its web root says otherwise: {@link Answer}.
 */
public final class MatrixPeers implements AutoCloseable {

    public static final String ZONE = "matrix.test";
    public static final String GOOD = "127.0.70.1";
    public static final String PLAIN = "127.0.70.2";
    public static final String EXPIRED = "127.0.70.3";
    public static final String WRONG_NAME = "127.0.70.4";
    public static final String UNTRUSTED = "127.0.70.5";
    public static final String OLD_TLS = "127.0.70.6";
    public static final String OUTSIDE = "127.0.70.7";
    public static final String GOOD2 = "127.0.70.8";
    public static final String DNS_ADDRESS = "127.0.70.53";
    public static final String POLICY_HOSTS_ADDRESS = "127.0.70.80";

    public static final String MX_GOOD = "mx-good." + ZONE;
    public static final String MX_PLAIN = "mx-plain." + ZONE;
    public static final String MX_EXPIRED = "mx-expired." + ZONE;
    public static final String MX_WRONG_NAME = "mx-wrongname." + ZONE;
    public static final String MX_UNTRUSTED = "mx-untrusted." + ZONE;
    public static final String MX_OLD_TLS = "mx-oldtls." + ZONE;
    public static final String MX_OUTSIDE = "mx-outside." + ZONE;
    public static final String MX_GOOD2 = "mx-good2." + ZONE;

    /** The senders' domain: no policy, MX without STARTTLS; bounces end there. */
    public static final String SENDER_DOMAIN = "sender." + ZONE;
    public static final String SENDER = "alice@" + SENDER_DOMAIN;

    /** What a policy host answers instead of its policy, switched by a flag file in its web root. */
    public enum Answer {
        NOT_FOUND(".answer-404", "return 404;"),
        REDIRECT(".answer-redirect", "return 301 /.well-known/elsewhere.txt;"),
        SLOWLY(".answer-slowly", "set $limit_rate 1;");

        private final String flag;
        private final String directive;

        Answer(String flag, String directive) {
            this.flag = flag;
            this.directive = directive;
        }

        String nginxIf() {
            return "if (-f $document_root/" + flag + ") { " + directive + " }";
        }
    }

    private final TestCertificates.Authority authority = TestCertificates.newAuthority("MTA-STS Matrix Test CA");
    private final TestCertificates.Authority stranger = TestCertificates.newAuthority("Untrusted Test CA");
    private final Path directory;
    private final List<AutoCloseable> running = new ArrayList<>();
    private EximServer exim;
    private UnboundServer dns;
    private NginxServer policyHosts;

    private MatrixPeers(Path directory) {
        this.directory = directory;
    }

    /**
     * Starts exim, unbound and nginx for these policy domains (each gets {@code mta-sts.<domain>} in nginx and its
     * address in unbound). Skips the tests when the servers are not installed or we are not root.
     */
    public static MatrixPeers start(Path directory, List<String> policyDomains) {
        Assumptions.assumeTrue(EximServer.isAvailable(), "exim and root are needed (scripts/install-test-deps.sh)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nginx"))
                && Files.isExecutable(Path.of("/usr/sbin/unbound")),
            "unbound and nginx are needed (scripts/install-test-deps.sh)");
        MatrixPeers peers = new MatrixPeers(directory);
        try {
            peers.startAll(policyDomains);
            return peers;
        } catch (RuntimeException | IOException e) {
            peers.close();
            throw new IllegalStateException("the matrix's servers did not come up: " + e.getMessage(), e);
        }
    }

    private void startAll(List<String> policyDomains) throws IOException {
        Files.createDirectories(directory);
        exim = EximServer.start(List.of(
            EximServer.Listener.startTls(GOOD, authority.issue(MX_GOOD)),
            EximServer.Listener.withoutStartTls(PLAIN),
            EximServer.Listener.startTls(EXPIRED, authority.issueExpired(MX_EXPIRED)),
            EximServer.Listener.startTls(WRONG_NAME, authority.issue("someone-else." + ZONE)),
            EximServer.Listener.startTls(UNTRUSTED, stranger.issue(MX_UNTRUSTED)),
            EximServer.Listener.startTlsUpToTls11(OLD_TLS, authority.issue(MX_OLD_TLS)),
            EximServer.Listener.startTls(OUTSIDE, authority.issue(MX_OUTSIDE)),
            EximServer.Listener.startTls(GOOD2, authority.issue(MX_GOOD2))));
        running.add(exim);
        dns = UnboundServer.builder()
            .address(DNS_ADDRESS)
            .staticZone(ZONE + ".")
            .localData(policyDomains.stream()
                .map(domain -> policyHost(domain) + ". 0 IN A " + POLICY_HOSTS_ADDRESS)
                .toArray(String[]::new))
            .start();
        running.add(dns);
        List<String> hostNames = policyDomains.stream().map(MatrixPeers::policyHost).toList();
        TestCertificates.Leaf certificate = authority.issue(hostNames.toArray(String[]::new));
        Path chain = certificate.writeChainPem(directory.resolve("policy-hosts-chain.pem"));
        Path key = certificate.writeKeyPem(directory.resolve("policy-hosts-key.pem"));
        String answers = String.join(" ", Stream.of(Answer.values()).map(Answer::nginxIf).toList());
        NginxServer.Builder nginx = NginxServer.builder(directory.resolve("nginx"));
        for (String host : hostNames) {
            nginx.site(new NginxServer.Site(host, POLICY_HOSTS_ADDRESS, 443, chain, key, answers));
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

    public NginxServer policyHosts() {
        return policyHosts;
    }

    /** Publishes a policy: the TXT record with this id, and the policy text on the domain's policy host. */
    public void publish(String domain, String id, String mode, String... mxPatterns) {
        policyHosts.servePolicy(policyHost(domain), policyText(mode, mxPatterns));
        setTxt(domain, id);
    }

    /** Replaces every {@code _mta-sts} TXT record of the domain by one with this id. */
    public void setTxt(String domain, String id) {
        dns.replaceLocalData("_mta-sts." + domain + ".", txt(domain, id));
    }

    /** Adds one more {@code _mta-sts} TXT record. */
    public void addTxt(String domain, String id) {
        dns.addLocalData(txt(domain, id));
    }

    public void removeTxt(String domain) {
        dns.removeLocalData("_mta-sts." + domain + ".");
    }

    private static String txt(String domain, String id) {
        return "_mta-sts." + domain + ". 0 IN TXT \"v=STSv1; id=" + id + ";\"";
    }

    public static String policyText(String mode, String... mxPatterns) {
        StringBuilder text = new StringBuilder("version: STSv1\r\nmode: ").append(mode).append("\r\n");
        for (String mx : mxPatterns) {
            text.append("mx: ").append(mx).append("\r\n");
        }
        return text.append("max_age: 86400\r\n").toString();
    }

    /** Writes another file next to the policy (e.g. the target of a redirect). */
    public void serveFile(String domain, String relativePath, String text) {
        write(webRoot(domain).resolve(relativePath), text);
    }

    /** From now on the domain's policy host answers this way instead of with its policy. */
    public void answer(String domain, Answer answer) {
        write(webRoot(domain).resolve(answer.flag), "");
    }

    private Path webRoot(String domain) {
        return policyHosts.directory().resolve("www").resolve(policyHost(domain));
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test CA that signed every certificate but mx-untrusted's. */
    public TestCertificates.Authority authority() {
        return authority;
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
