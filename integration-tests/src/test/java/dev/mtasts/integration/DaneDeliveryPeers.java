package dev.mtasts.integration;

import dev.mtasts.testpeers.EximServer;
import dev.mtasts.testpeers.NginxServer;
import dev.mtasts.testpeers.SignedZones;
import dev.mtasts.testpeers.TestCertificates;
import dev.mtasts.testpeers.UnboundServer;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The DANE world (RFC 7672) of the delivery tests, all on 127.0.108.x with the real ports: exim receiving on port 25,
 * a validating unbound answering on port 53 (.53, the extension's {@code dns.servers}), nginx serving the MTA-STS
 * policies on port 443. Zones are signed at test time ({@code test.} is the trust anchor,
 * {@code dane.test.} a signed child, {@code insecure.test.} a delegation without DS); TLSA values are computed from
 * the certificates exim presents. One recipient domain per scenario:
 *
 * <pre>
 * domain                       MX host (address)                    TLSA / what is special
 * ee.dane.test                 mx.good.dane.test (.25)              3 1 1 of the key exim presents
 * ta.dane.test                 mx.ta.dane.test (.26)                2 0 1 of the CA; the certificate names the host
 * ta-wrong-name.dane.test      mx.tawrong.dane.test (.26)           2 0 1 of the CA; certificate for mx.ta.dane.test
 * wrong-tlsa.dane.test         mx.wrong.dane.test (.31)             3 1 1 of another key
 * expired.dane.test            mx.expired.dane.test (.27)           3 1 1 of an expired certificate
 * bogus-tlsa.dane.test         mx.bogus.dane.test (.25)             TLSA edited after signing: bogus
 * unusable.dane.test           mx.unusable.dane.test (.25)          only 1 1 1 (PKIX-EE) and 3 2 1 (unknown selector)
 * nxdomain-tlsa.dane.test      mx.notlsa.dane.test (.25)            no TLSA name: secure NXDOMAIN
 * nodata-tlsa.dane.test        mx.nodata.dane.test (.25)            a TXT record at the TLSA name: secure NODATA
 * insecure.test                mx.insecure.test (.25)               insecure delegation; TLSA of another key
 * addr-insecure.dane.test      mx.cname.dane.test -> CNAME into     secure TLSA of another key, insecure address
 *                              insecure.test (.25)
 * bogus-mx.dane.test           (MX edited after signing)            bogus MX
 * both-fail.dane.test          mx.both.dane.test (.30)              MTA-STS enforce lists the host, PKIX valid;
 *                                                                   TLSA of another key
 * both-ok.dane.test            mx.bothok.dane.test (.30)            MTA-STS enforce and matching 3 1 1
 * both-unlisted.dane.test      mx.good.dane.test (.25)              matching 3 1 1; the enforce policy lists only
 *                                                                   mx.elsewhere.dane.test
 * both-expired.dane.test       mx.expired.dane.test (.27)           matching 3 1 1 (DANE-EE: dates ignored); the
 *                                                                   enforce policy lists it, PKIX refuses the date
 * sts-only.dane.test           mx.stsonly.dane.test (.30)           MTA-STS enforce, no TLSA (secure NXDOMAIN)
 * mixed.dane.test              10 mx.wrong (.31), 20 mx.good (.25)  the first fails DANE, the second passes
 * ta-domain.dane.test          mx.tadomain.dane.test (.32)          2 0 1; the certificate names only the recipient
 *                                                                   domain, a reference name as the MX is secure
 * ta-insecure-mx.insecure.test mx.tadomain2.dane.test (.32)         the same, but the MX answer is insecure: only
 *                                                                   the MX host is a reference name
 * nostarttls.dane.test         mx.plain.dane.test (.28)             3 1 1; exim offers no STARTTLS there
 * sender.insecure.test         mx.sender.insecure.test (.29)        the senders' domain, no STARTTLS: bounces land
 * </pre>
 *
 * {@code ee.dane.test}, {@code wrong-tlsa.dane.test} and {@code bogus-tlsa.dane.test} ask for RFC 8460 reports by
 * mail to the senders' domain.
 * A second unbound (.54) serves the same names unsigned, without validating, with the bogus records as forged: it is
 * James' own DNS service's resolver, and with {@link #startWithoutValidation} the extension's too.
 */
public final class DaneDeliveryPeers implements AutoCloseable {

    public static final String EE = "127.0.108.25";
    public static final String TA = "127.0.108.26";
    public static final String EXPIRED = "127.0.108.27";
    public static final String PLAIN = "127.0.108.28";
    public static final String SENDER_MX = "127.0.108.29";
    public static final String BOTH = "127.0.108.30";
    public static final String WRONG = "127.0.108.31";
    public static final String TA_DOMAIN = "127.0.108.32";
    public static final String VALIDATING_DNS = "127.0.108.53";
    public static final String PLAIN_DNS = "127.0.108.54";
    public static final String POLICY_HOSTS = "127.0.108.80";

    public static final String PROBE = "test.";

    public static final String MX_GOOD = "mx.good.dane.test";
    public static final String MX_TA = "mx.ta.dane.test";
    public static final String MX_TA_WRONG = "mx.tawrong.dane.test";
    public static final String MX_WRONG = "mx.wrong.dane.test";
    public static final String MX_EXPIRED = "mx.expired.dane.test";
    public static final String MX_BOGUS = "mx.bogus.dane.test";
    public static final String MX_UNUSABLE = "mx.unusable.dane.test";
    public static final String MX_NO_TLSA = "mx.notlsa.dane.test";
    public static final String MX_NODATA = "mx.nodata.dane.test";
    public static final String MX_INSECURE = "mx.insecure.test";
    public static final String MX_CNAME = "mx.cname.dane.test";
    public static final String MX_BOTH = "mx.both.dane.test";
    public static final String MX_BOTH_OK = "mx.bothok.dane.test";
    public static final String MX_STS_ONLY = "mx.stsonly.dane.test";
    public static final String MX_PLAIN = "mx.plain.dane.test";
    public static final String MX_TA_DOMAIN = "mx.tadomain.dane.test";
    public static final String MX_TA_DOMAIN_INSECURE_MX = "mx.tadomain2.dane.test";
    public static final String MX_SENDER = "mx.sender.insecure.test";

    public static final String SENDER_DOMAIN = "sender.insecure.test";
    public static final String SENDER = "alice@" + SENDER_DOMAIN;
    public static final String REPORT_RECIPIENT = "tlsrpt@" + SENDER_DOMAIN;

    /** Domains with an MTA-STS enforce policy (and the MX host it lists). */
    public static final Map<String, String> ENFORCE_POLICIES = Map.of(
        "both-fail.dane.test", MX_BOTH,
        "both-ok.dane.test", MX_BOTH_OK,
        "both-unlisted.dane.test", "mx.elsewhere.dane.test",
        "both-expired.dane.test", MX_EXPIRED,
        "sts-only.dane.test", MX_STS_ONLY);

    /** Domains that ask for RFC 8460 reports (rua mailto:{@link #REPORT_RECIPIENT}). */
    public static final List<String> REPORTING_DOMAINS = List.of("ee.dane.test", "wrong-tlsa.dane.test",
        "bogus-tlsa.dane.test");

    private final Path directory;
    private final TestCertificates.Authority authority;
    private final Map<String, String> tlsa;
    private final List<AutoCloseable> running = new ArrayList<>();
    private EximServer exim;
    private UnboundServer dns;
    private UnboundServer plainDns;

    private DaneDeliveryPeers(Path directory, TestCertificates.Authority authority, Map<String, String> tlsa) {
        this.directory = directory;
        this.authority = authority;
        this.tlsa = tlsa;
    }

    /** The world with a validating unbound over the signed zones. */
    public static DaneDeliveryPeers start() {
        return start(true);
    }

    /** The same names answered by an unbound that does not validate (no AD bit ever): DANE cannot be active. */
    public static DaneDeliveryPeers startWithoutValidation() {
        return start(false);
    }

    private static DaneDeliveryPeers start(boolean validating) {
        Assumptions.assumeTrue(EximServer.isAvailable(), "exim and root are needed (scripts/install-test-deps.sh)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/unbound"))
                && Files.isExecutable(Path.of("/usr/sbin/nginx"))
                && Files.isExecutable(Path.of("/usr/bin/dnssec-signzone")),
            "unbound, nginx and dnssec-signzone are needed (scripts/install-test-deps.sh)");
        Path directory;
        try {
            directory = Files.createTempDirectory("dane-delivery-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TestCertificates.Authority authority = TestCertificates.newAuthority("DANE Delivery Test CA");
        DaneDeliveryPeers peers = new DaneDeliveryPeers(directory, authority, new LinkedHashMap<>());
        try {
            peers.startAll(validating);
            return peers;
        } catch (RuntimeException e) {
            peers.close();
            throw new IllegalStateException("the DANE world did not come up: " + e.getMessage(), e);
        }
    }

    private void startAll(boolean validating) {
        Instant now = Instant.now();
        TestCertificates.Leaf ee = authority.issue(MX_GOOD);
        TestCertificates.Leaf other = authority.issue(MX_GOOD);
        TestCertificates.Leaf ta = authority.issue(MX_TA);
        TestCertificates.Leaf expired = authority.issue(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)),
            MX_EXPIRED, MX_EXPIRED);
        TestCertificates.Leaf both = authority.issue(MX_BOTH, MX_BOTH_OK, MX_STS_ONLY);
        TestCertificates.Leaf domainNamed = authority.issue("ta-domain.dane.test", "ta-insecure-mx.insecure.test");
        String eeKey = SignedZones.tlsa(3, 1, 1, ee.certificate());
        String otherKey = SignedZones.tlsa(3, 1, 1, other.certificate());
        String caCertificate = SignedZones.tlsa(2, 0, 1, authority.certificate());
        String pkixEe = SignedZones.tlsa(1, 1, 1, ee.certificate());
        String unknownSelector = "3 2 1 " + eeKey.substring("3 1 1 ".length());
        tlsa.put(MX_GOOD, eeKey);
        tlsa.put(MX_TA, caCertificate);
        tlsa.put(MX_TA_WRONG, caCertificate);
        tlsa.put(MX_WRONG, otherKey);
        tlsa.put(MX_EXPIRED, SignedZones.tlsa(3, 1, 1, expired.certificate()));
        tlsa.put(MX_BOGUS, otherKey); // as served; signed with eeKey
        tlsa.put(MX_UNUSABLE, pkixEe + "\n" + unknownSelector);
        tlsa.put(MX_BOTH, otherKey);
        tlsa.put(MX_BOTH_OK, SignedZones.tlsa(3, 1, 1, both.certificate()));
        tlsa.put(MX_PLAIN, eeKey);
        tlsa.put(MX_TA_DOMAIN, caCertificate);
        tlsa.put(MX_TA_DOMAIN_INSECURE_MX, caCertificate);

        List<String> records = new ArrayList<>(List.of(
            mx("ee.dane.test", MX_GOOD), a(MX_GOOD, EE), tlsa(MX_GOOD, eeKey),
            mx("ta.dane.test", MX_TA), a(MX_TA, TA), tlsa(MX_TA, caCertificate),
            mx("ta-wrong-name.dane.test", MX_TA_WRONG), a(MX_TA_WRONG, TA), tlsa(MX_TA_WRONG, caCertificate),
            mx("wrong-tlsa.dane.test", MX_WRONG), a(MX_WRONG, WRONG), tlsa(MX_WRONG, otherKey),
            mx("expired.dane.test", MX_EXPIRED), a(MX_EXPIRED, EXPIRED), tlsa(MX_EXPIRED, tlsa.get(MX_EXPIRED)),
            mx("bogus-tlsa.dane.test", MX_BOGUS), a(MX_BOGUS, EE),
            mx("unusable.dane.test", MX_UNUSABLE), a(MX_UNUSABLE, EE), tlsa(MX_UNUSABLE, pkixEe),
            tlsa(MX_UNUSABLE, unknownSelector),
            mx("nxdomain-tlsa.dane.test", MX_NO_TLSA), a(MX_NO_TLSA, EE),
            mx("nodata-tlsa.dane.test", MX_NODATA), a(MX_NODATA, EE),
            "_25._tcp." + MX_NODATA + ". 300 IN TXT \"no TLSA here\"",
            mx("insecure.test", MX_INSECURE), a(MX_INSECURE, EE), tlsa(MX_INSECURE, otherKey),
            mx("addr-insecure.dane.test", MX_CNAME), MX_CNAME + ". 300 IN CNAME mx.target.insecure.test.",
            a("mx.target.insecure.test", EE), tlsa(MX_CNAME, otherKey),
            mx("both-fail.dane.test", MX_BOTH), a(MX_BOTH, BOTH), tlsa(MX_BOTH, otherKey),
            mx("both-unlisted.dane.test", MX_GOOD), mx("both-expired.dane.test", MX_EXPIRED),
            mx("sts-only.dane.test", MX_STS_ONLY), a(MX_STS_ONLY, BOTH),
            mx("both-ok.dane.test", MX_BOTH_OK), a(MX_BOTH_OK, BOTH), tlsa(MX_BOTH_OK, tlsa.get(MX_BOTH_OK)),
            "mixed.dane.test. 300 IN MX 10 " + MX_WRONG + ".", "mixed.dane.test. 300 IN MX 20 " + MX_GOOD + ".",
            mx("nostarttls.dane.test", MX_PLAIN), a(MX_PLAIN, PLAIN), tlsa(MX_PLAIN, eeKey),
            mx("ta-domain.dane.test", MX_TA_DOMAIN), a(MX_TA_DOMAIN, TA_DOMAIN), tlsa(MX_TA_DOMAIN, caCertificate),
            mx("ta-insecure-mx.insecure.test", MX_TA_DOMAIN_INSECURE_MX), a(MX_TA_DOMAIN_INSECURE_MX, TA_DOMAIN),
            tlsa(MX_TA_DOMAIN_INSECURE_MX, caCertificate),
            mx(SENDER_DOMAIN, MX_SENDER), a(MX_SENDER, SENDER_MX)));
        for (Map.Entry<String, String> policy : ENFORCE_POLICIES.entrySet()) {
            records.add("_mta-sts." + policy.getKey() + ". 300 IN TXT \"v=STSv1; id=1;\"");
            records.add(a("mta-sts." + policy.getKey(), POLICY_HOSTS));
        }
        for (String domain : REPORTING_DOMAINS) {
            records.add("_smtp._tls." + domain + ". 300 IN TXT \"v=TLSRPTv1; rua=mailto:" + REPORT_RECIPIENT + "\"");
        }
        String bogusMx = mx("bogus-mx.dane.test", MX_GOOD);
        String bogusTlsa = tlsa(MX_BOGUS, eeKey);

        // What a resolver that does not validate answers: the same names, the bogus records as served.
        List<String> unsigned = new ArrayList<>();
        unsigned.add("test. 300 IN SOA ns.test. hostmaster.test. 1 3600 600 86400 60");
        for (String record : records) {
            // a CNAME in local data is not followed: give the name the address its target has
            unsigned.add(record.contains(" CNAME ") ? a(MX_CNAME, EE) : record);
        }
        unsigned.add("bogus-mx.dane.test. 300 IN MX 10 " + MX_WRONG + ".");
        unsigned.add(tlsa(MX_BOGUS, otherKey));
        plainDns = UnboundServer.builder().address(PLAIN_DNS).port(53).staticZone("test.")
            .localData(unsigned.toArray(String[]::new))
            .start();
        running.add(plainDns);
        if (validating) {
            SignedZones.Builder zones = SignedZones.builder(directory.resolve("zones"))
                .signed("test.")
                .signed("dane.test.")
                .unsigned("insecure.test.")
                .bogus(bogusMx, "10 " + MX_WRONG + ".")
                .bogus(bogusTlsa, otherKey);
            records.forEach(zones::record);
            dns = zones.build().serve(UnboundServer.builder().address(VALIDATING_DNS).port(53)).start();
            running.add(dns);
        } else {
            dns = plainDns;
        }

        exim = EximServer.start(List.of(
            EximServer.Listener.startTls(EE, ee),
            EximServer.Listener.startTls(TA, ta),
            EximServer.Listener.startTls(EXPIRED, expired),
            EximServer.Listener.withoutStartTls(PLAIN),
            EximServer.Listener.withoutStartTls(SENDER_MX),
            EximServer.Listener.startTls(BOTH, both),
            EximServer.Listener.startTls(WRONG, ee),
            EximServer.Listener.startTls(TA_DOMAIN, domainNamed)));
        running.add(exim);

        if (validating) {
            TestCertificates.Leaf policyHosts = authority.issue(ENFORCE_POLICIES.keySet().stream()
                .map(domain -> "mta-sts." + domain).toArray(String[]::new));
            Path chain = policyHosts.writeChainPem(directory.resolve("policy-hosts-chain.pem"));
            Path key = policyHosts.writeKeyPem(directory.resolve("policy-hosts-key.pem"));
            NginxServer.Builder nginx = NginxServer.builder(directory.resolve("nginx"));
            ENFORCE_POLICIES.forEach((domain, mxHost) -> nginx.policyHost("mta-sts." + domain, POLICY_HOSTS, chain,
                key, "version: STSv1\r\nmode: enforce\r\nmx: " + mxHost + "\r\nmax_age: 86400\r\n"));
            running.add(nginx.start());
        }
    }

    private static String mx(String domain, String host) {
        return domain + ". 300 IN MX 10 " + host + ".";
    }

    private static String a(String host, String address) {
        return host + ". 300 IN A " + address;
    }

    private static String tlsa(String host, String data) {
        return "_25._tcp." + host + ". 300 IN TLSA " + data;
    }

    public EximServer exim() {
        return exim;
    }

    public UnboundServer dns() {
        return dns;
    }

    /** {@code ip:port} of the resolver, for {@code dns.servers}. */
    public String dnsServer() {
        return dns.hostAndPort();
    }

    /**
     * The resolver James' own DNS service asks ({@code dnsservice.xml}, port 53): one that does not validate, as a
     * machine's usual resolver, answering the forged data of the bogus records. So a bogus MX or TLSA answer that
     * the extension let through to James' normal delivery would show as mail at the forged MX.
     */
    public String jamesDnsAddress() {
        return plainDns.address().getAddress().getHostAddress();
    }

    /** The TLSA records served for {@code mxHost}, in presentation form, one per line. */
    public String tlsaOf(String mxHost) {
        return tlsa.get(mxHost);
    }

    /** A new directory in the world's temporary directory (deleted by {@link #close()}), e.g. James' working one. */
    public Path newDirectory(String name) {
        try {
            return Files.createDirectories(directory.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test CA as a PEM file, for James' {@code trust.pemFiles} (MTA-STS's PKIX checks). */
    public Path writeTrustAnchor(Path file) {
        return authority.writePem(file);
    }

    /** What went wrong, for a failure message: exim's main log and unbound's output. */
    public String logs() {
        return "exim:\n" + (exim == null ? "" : exim.mainLog()) + "\nunbound:\n" + (dns == null ? "" : dns.output());
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
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
