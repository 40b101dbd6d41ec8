package dev.mtasts.cli;

import dev.mtasts.testpeers.EximMxHosts;
import dev.mtasts.testpeers.NginxServer;
import dev.mtasts.testpeers.TestCertificates;
import dev.mtasts.testpeers.TestCertificates.Authority;
import dev.mtasts.testpeers.TestCertificates.Leaf;
import dev.mtasts.testpeers.UnboundServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A small Internet on loopback for {@code mta-sts check} and {@code generate}: a real unbound for the zone
 * {@code check.test}, a real nginx serving every policy host on {@value #POLICY_HOSTS}:443 (one server block per
 * domain, chosen by SNI), and a real exim serving the MX hosts on port 25 of {@code 127.0.60.10} and up. One
 * domain per scenario, named {@code <scenario>.check.test}: the good one, and one per mistake.
 *
 * <p>Started once per test run and shared by the test classes that ask for it as a parameter (see
 * {@link Resolver}); stopped when the run ends.
 */
final class CheckWorld implements ExtensionContext.Store.CloseableResource {

    static final String ZONE = "check.test";
    static final String DNS_ADDRESS = "127.0.60.1";
    static final String POLICY_HOSTS = "127.0.60.2";

    static final String MX1 = "mx1.mail.check.test";
    static final String MX2 = "mx2.mail.check.test";
    static final String GOOD_POLICY = "version: STSv1\r\nmode: enforce\r\nmx: *.mail.check.test\r\nmax_age: 1209600\r\n";

    /** The domain {@code generate} is tried on: MX hosts a and b under mx.gen.check.test, nothing published yet. */
    static final String GENERATE_DOMAIN = "gen." + ZONE;

    /** MX host name → its address; each address is one exim listener (or, for dead, none). */
    private static final Map<String, String> MX_ADDRESSES = new LinkedHashMap<>();

    static {
        MX_ADDRESSES.put(MX1, "127.0.60.10");
        MX_ADDRESSES.put(MX2, "127.0.60.11");
        MX_ADDRESSES.put("plain.mail.check.test", "127.0.60.12");
        MX_ADDRESSES.put("expired.mail.check.test", "127.0.60.13");
        MX_ADDRESSES.put("wronghost.mail.check.test", "127.0.60.14");
        MX_ADDRESSES.put("untrusted.mail.check.test", "127.0.60.15");
        MX_ADDRESSES.put("expiring.mail.check.test", "127.0.60.16");
        MX_ADDRESSES.put("dead.mail.check.test", "127.0.60.17");
        MX_ADDRESSES.put("a.mx.gen.check.test", "127.0.60.10");
        MX_ADDRESSES.put("b.mx.gen.check.test", "127.0.60.11");
    }

    private final Path directory;
    private final Path caPem;
    private final UnboundServer dns;
    private final NginxServer nginx;
    private final EximMxHosts mx;

    private CheckWorld(Path directory, Path caPem, UnboundServer dns, NginxServer nginx, EximMxHosts mx) {
        this.directory = directory;
        this.caPem = caPem;
        this.dns = dns;
        this.nginx = nginx;
        this.mx = mx;
    }

    /** {@code check DOMAIN --dns ... --ca-file ...} followed by {@code extra}. */
    String[] check(String domain, String... extra) {
        List<String> args = new ArrayList<>(List.of("check", domain, "--dns", dns.hostAndPort(),
                "--ca-file", caPem.toString(), "--timeout", "10"));
        args.addAll(Arrays.asList(extra));
        return args.toArray(String[]::new);
    }

    String dnsServer() {
        return dns.hostAndPort();
    }

    Path caPem() {
        return caPem;
    }

    UnboundServer dns() {
        return dns;
    }

    NginxServer nginx() {
        return nginx;
    }

    /** What the servers logged, for a failure message. */
    String logs() {
        return "exim:\n" + mx.log() + "\nnginx:\n" + String.join("\n", nginx.accessLog());
    }

    @Override
    public void close() {
        try {
            mx.close();
        } finally {
            try {
                nginx.close();
            } finally {
                try {
                    dns.close();
                } finally {
                    deleteRecursively(directory);
                }
            }
        }
    }

    /** The scenarios: one domain each. */
    private static List<Domain> domains(Instant now, Authority rogue, Authority ca) {
        List<Domain> domains = new ArrayList<>();
        domains.add(new Domain("good"));
        domains.add(new Domain("no-txt").txt());
        domains.add(new Domain("two-txt").txt("v=STSv1; id=1;", "v=STSv1; id=2;"));
        domains.add(new Domain("bad-txt").txt("v=STSv1; id=not-alnum;"));
        domains.add(new Domain("lowercase-txt").txt("v=stsv1; id=1;"));
        domains.add(new Domain("no-policy-host").withoutPolicyHost());
        domains.add(new Domain("expired-cert").policyHostLeaf(name -> ca.issueExpired(name)));
        domains.add(new Domain("expiring-cert").policyHostLeaf(
                name -> ca.issue(now.minus(Duration.ofDays(80)), now.plus(Duration.ofDays(10)), name, name)));
        domains.add(new Domain("wrong-host-cert").policyHostLeaf(name -> longLived(ca, now, "www.elsewhere.test")));
        domains.add(new Domain("untrusted-cert").policyHostLeaf(name -> longLived(rogue, now, name)));
        domains.add(new Domain("redirect").site("return 301 https://www.redirect.check.test/mta-sts.txt;"));
        domains.add(new Domain("not-found").site(""));
        domains.add(new Domain("wrong-type").site("default_type text/html;").policy(GOOD_POLICY));
        domains.add(new Domain("oversized").policy(GOOD_POLICY + "x-padding: " + "p".repeat(70 * 1024) + "\r\n"));
        domains.add(new Domain("invalid-policy").policy(
                "version: STSv1\r\nmode: enforced\r\nmx: *.mail.check.test\r\nmax_age: 1209600\r\n"));
        domains.add(new Domain("short-max-age").policy(GOOD_POLICY.replace("1209600", "3600")));
        domains.add(new Domain("week-max-age").policy(GOOD_POLICY.replace("1209600", "604800")));
        domains.add(new Domain("huge-max-age").policy(GOOD_POLICY.replace("1209600", "99999999")));
        domains.add(new Domain("testing-lf").policy(
                "version: STSv1\nmode: testing\nmx: *.mail.check.test\nmax_age: 604800\n"));
        domains.add(new Domain("not-covered").policy(GOOD_POLICY.replace("*.mail.check.test", MX1)));
        domains.add(new Domain("unused-pattern").policy(
                GOOD_POLICY.replace("mx: *.mail.check.test\r\n", "mx: *.mail.check.test\r\nmx: old.elsewhere.test\r\n")));
        domains.add(new Domain("plain-mx").mx("plain.mail.check.test"));
        domains.add(new Domain("mx-wrong-host").mx("wronghost.mail.check.test"));
        domains.add(new Domain("mx-expired").mx("expired.mail.check.test"));
        domains.add(new Domain("mx-untrusted").mx("untrusted.mail.check.test"));
        domains.add(new Domain("mx-expiring").mx("expiring.mail.check.test"));
        domains.add(new Domain("mx-unreachable").mx("dead.mail.check.test"));
        domains.add(new Domain("mx-no-address").mx("ghost.mail.check.test"));
        domains.add(new Domain("no-mx").mx());
        domains.add(new Domain("no-tlsrpt").withoutTlsRpt());
        domains.add(new Domain("gen").txt().withoutTlsRpt().mx("a.mx.gen.check.test", "b.mx.gen.check.test")
                .policy("not published yet\r\n"));
        return domains;
    }

    /** Starts unbound, nginx and exim with every scenario. */
    static CheckWorld start() {
        Instant now = Instant.now();
        Path directory;
        try {
            directory = Files.createTempDirectory("check-world-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Authority ca = TestCertificates.newAuthority("Check World CA");
        Authority rogue = TestCertificates.newAuthority("Rogue CA");
        Path caPem = ca.writePem(directory.resolve("ca.pem"));
        List<Domain> domains = domains(now, rogue, ca);

        List<String> records = new ArrayList<>();
        MX_ADDRESSES.forEach((host, address) -> records.add(host + ". 60 IN A " + address));
        domains.forEach(domain -> records.addAll(domain.records()));

        UnboundServer dns = null;
        NginxServer nginx = null;
        try {
            dns = UnboundServer.builder().address(DNS_ADDRESS).staticZone(ZONE + ".")
                    .localData(records.toArray(String[]::new)).start();
            nginx = startNginx(directory, ca, now, domains);
            EximMxHosts mx = startExim(directory, ca, rogue, now);
            return new CheckWorld(directory, caPem, dns, nginx, mx);
        } catch (RuntimeException e) {
            if (nginx != null) {
                nginx.close();
            }
            if (dns != null) {
                dns.close();
            }
            deleteRecursively(directory);
            throw e;
        }
    }

    private static NginxServer startNginx(Path directory, Authority ca, Instant now, List<Domain> domains) {
        Path nginxDirectory = directory.resolve("nginx");
        String[] goodNames = domains.stream().filter(d -> d.hasPolicyHost && d.leaf == null)
                .map(Domain::policyHost).toArray(String[]::new);
        Leaf shared = ca.issue(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(90)), goodNames[0], goodNames);
        Path sharedChain = shared.writeChainPem(directory.resolve("policy-hosts-chain.pem"));
        Path sharedKey = shared.writeKeyPem(directory.resolve("policy-hosts-key.pem"));
        NginxServer.Builder builder = NginxServer.builder(nginxDirectory);
        Map<String, String> writeAfterStart = new LinkedHashMap<>();
        for (Domain domain : domains) {
            if (!domain.hasPolicyHost) {
                continue;
            }
            Path chain = sharedChain;
            Path key = sharedKey;
            if (domain.leaf != null) {
                Leaf leaf = domain.leaf.issue(domain.policyHost());
                chain = leaf.writeChainPem(directory.resolve(domain.label + "-chain.pem"));
                key = leaf.writeKeyPem(directory.resolve(domain.label + "-key.pem"));
            }
            if (domain.siteDirectives != null) {
                builder.site(new NginxServer.Site(domain.policyHost(), POLICY_HOSTS, 443, chain, key,
                        domain.siteDirectives));
                if (domain.policy != null) {
                    writeAfterStart.put(domain.policyHost(), domain.policy);
                }
            } else {
                builder.policyHost(domain.policyHost(), POLICY_HOSTS, chain, key,
                        domain.policy == null ? GOOD_POLICY : domain.policy);
            }
        }
        NginxServer nginx = builder.start();
        writeAfterStart.forEach(nginx::servePolicy);
        return nginx;
    }

    private static EximMxHosts startExim(Path directory, Authority ca, Authority rogue, Instant now) {
        Path certificates = directory.resolve("mx");
        try {
            Files.createDirectories(certificates);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EximMxHosts.Builder exim = EximMxHosts.builder();
        Map<String, Leaf> leaves = new LinkedHashMap<>();
        leaves.put("127.0.60.10", longLived(ca, now, MX1, "a.mx.gen.check.test"));
        leaves.put("127.0.60.11", longLived(ca, now, MX2, "b.mx.gen.check.test"));
        leaves.put("127.0.60.13", ca.issueExpired("expired.mail.check.test"));
        leaves.put("127.0.60.14", longLived(ca, now, "other.elsewhere.test"));
        leaves.put("127.0.60.15", longLived(rogue, now, "untrusted.mail.check.test"));
        leaves.put("127.0.60.16", ca.issue(now.minus(Duration.ofDays(80)), now.plus(Duration.ofDays(10)),
                "expiring.mail.check.test", "expiring.mail.check.test"));
        leaves.forEach((address, leaf) -> exim.starttls(address,
                leaf.writeChainPem(certificates.resolve(address + "-chain.pem")),
                leaf.writeKeyPem(certificates.resolve(address + "-key.pem"))));
        exim.plain("127.0.60.12");
        return exim.start();
    }

    private static Leaf longLived(Authority authority, Instant now, String... names) {
        return authority.issue(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(90)), names[0], names);
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }

    /** How a scenario's certificate is made, given the policy host name. */
    private interface LeafFactory {
        Leaf issue(String policyHost);
    }

    /** One scenario domain: by default a correct publication; each method introduces one difference. */
    private static final class Domain {
        final String label;
        List<String> txt = List.of("v=STSv1; id=20240101000000;");
        List<String> mxHosts = List.of(MX1, MX2);
        boolean hasPolicyHost = true;
        boolean hasTlsRpt = true;
        LeafFactory leaf;
        String siteDirectives;
        String policy;

        Domain(String label) {
            this.label = label;
        }

        String name() {
            return label + "." + ZONE;
        }

        String policyHost() {
            return "mta-sts." + name();
        }

        Domain txt(String... values) {
            txt = List.of(values);
            return this;
        }

        Domain mx(String... hosts) {
            mxHosts = List.of(hosts);
            return this;
        }

        Domain withoutPolicyHost() {
            hasPolicyHost = false;
            return this;
        }

        Domain withoutTlsRpt() {
            hasTlsRpt = false;
            return this;
        }

        Domain policyHostLeaf(LeafFactory factory) {
            leaf = factory;
            return this;
        }

        /** An nginx server block with these directives instead of a plain policy host. */
        Domain site(String directives) {
            siteDirectives = directives;
            return this;
        }

        Domain policy(String text) {
            policy = text;
            return this;
        }

        List<String> records() {
            List<String> records = new ArrayList<>();
            txt.forEach(value -> records.add("_mta-sts." + name() + ". 60 IN TXT \"" + value + "\""));
            if (hasPolicyHost) {
                records.add(policyHost() + ". 60 IN A " + POLICY_HOSTS);
            }
            int preference = 10;
            for (String host : mxHosts) {
                records.add(name() + ". 60 IN MX " + preference + " " + host + ".");
                preference += 10;
            }
            if (hasTlsRpt) {
                records.add("_smtp._tls." + name() + ". 60 IN TXT \"v=TLSRPTv1; rua=mailto:tls-reports@" + name() + "\"");
            }
            return records;
        }
    }

    /** Gives a test method or {@code @BeforeAll} method the one world of this test run. */
    static final class Resolver implements ParameterResolver {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CheckWorld.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == CheckWorld.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(CheckWorld.class, key -> CheckWorld.start(), CheckWorld.class);
        }
    }
}
