package dev.mtasts.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mtasts.dns.DnsAnswer;
import dev.mtasts.dns.DnsLookup;
import dev.mtasts.dns.MxHost;
import dev.mtasts.fetch.FetchResult.Failed;
import dev.mtasts.fetch.FetchResult.Fetched;
import dev.mtasts.policy.Mode;
import dev.mtasts.policy.MxPattern;
import dev.mtasts.outcome.ResultType;
import dev.mtasts.testpeers.FakeDns;
import dev.mtasts.testpeers.LegacyTlsServer;
import dev.mtasts.testpeers.PolicyHttpsServer;
import dev.mtasts.testpeers.PolicyHttpsServer.Behaviour;
import dev.mtasts.testpeers.PolicyHttpsServer.Framing;
import dev.mtasts.testpeers.TestCertificates;
import dev.mtasts.testpeers.TestCertificates.Authority;
import dev.mtasts.testpeers.TestCertificates.Leaf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpsPolicyFetcherTest {

    private static final String DOMAIN = "example.test";
    private static final String POLICY_HOST = "mta-sts.example.test";
    private static final String POLICY = "version: STSv1\r\nmode: enforce\r\nmx: mail.example.test\r\n"
            + "mx: *.mx.example.test\r\nmax_age: 86400\r\n";
    private static final int CAP = FetchSettings.DEFAULT_MAX_BODY_BYTES;

    private static Authority ca;
    private static Authority strangerCa;
    private static TrustAnchors trustAnchors;
    private static PolicyHttpsServer server;

    private final FakeDns dns = new FakeDns();
    private HttpsPolicyFetcher fetcher;

    @BeforeAll
    static void startPolicyHost(@TempDir Path dir) throws TrustAnchorException {
        ca = TestCertificates.newAuthority("Fetch Test CA");
        strangerCa = TestCertificates.newAuthority("Stranger CA");
        trustAnchors = TrustAnchors.builder().withoutJdkDefaults().pemFile(ca.writePem(dir.resolve("ca.pem"))).build();
        server = PolicyHttpsServer.start(ca.issue(POLICY_HOST).serverSslContext());
    }

    @AfterAll
    static void stopPolicyHost() {
        server.close();
    }

    @BeforeEach
    void pointDnsAtLoopback() {
        dns.address(POLICY_HOST, InetAddress.getLoopbackAddress());
        fetcher = fetcherFor(server.port(), FetchSettings.DEFAULT_TIMEOUT);
    }

    @AfterEach
    void closeFetcher() {
        fetcher.close();
    }

    private HttpsPolicyFetcher fetcherFor(int port, Duration timeout) {
        FetchSettings settings = FetchSettings.defaults().withTrustAnchors(trustAnchors).withPort(port).withTimeout(timeout);
        return new HttpsPolicyFetcher(settings, dns);
    }

    @Test
    void fetchesThePolicyFromTheWellKnownUrlOfThePolicyHost() {
        server.respondWith(Behaviour.policy(POLICY));
        int before = server.requests().size();
        int handshakesBefore = server.serverNames().size();

        FetchResult result = fetcher.fetch(DOMAIN);

        assertThat(result).isInstanceOf(Fetched.class);
        Fetched fetched = (Fetched) result;
        assertThat(fetched.text()).isEqualTo(POLICY);
        assertThat(fetched.policy().mode()).isEqualTo(Mode.ENFORCE);
        assertThat(fetched.policy().mx()).containsExactly(new MxPattern("mail.example.test"), new MxPattern("*.mx.example.test"));
        assertThat(fetched.policy().maxAgeSeconds()).isEqualTo(86400);
        // RFC 8461 §3.3: GET https://mta-sts.<domain>/.well-known/mta-sts.txt, SNI naming the policy host
        assertThat(server.requests().subList(before, server.requests().size()))
                .containsExactly(new PolicyHttpsServer.Request("GET", POLICY_HOST + ":" + server.port(),
                        "/.well-known/mta-sts.txt"));
        assertThat(server.serverNames().subList(handshakesBefore, server.serverNames().size()))
                .containsExactly(POLICY_HOST);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"EXAMPLE.test", "example.test.", "Example.Test."})
    void normalisesThePolicyDomain(String domain) {
        server.respondWith(Behaviour.policy(POLICY));
        int before = server.requests().size();

        assertThat(fetcher.fetch(domain)).isInstanceOf(Fetched.class);
        assertThat(server.requests().get(before).host()).isEqualTo(POLICY_HOST + ":" + server.port());
    }

    static Stream<Arguments> policyHosts() {
        return Stream.of(
                Arguments.of("example.com", "mta-sts.example.com"),
                Arguments.of("Example.COM", "mta-sts.example.com"),
                Arguments.of("example.com.", "mta-sts.example.com"),
                Arguments.of("b\u00fccher.example", "mta-sts.xn--bcher-kva.example"),
                Arguments.of("xn--bcher-kva.example", "mta-sts.xn--bcher-kva.example"),
                Arguments.of("localhost", "mta-sts.localhost"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("policyHosts")
    void namesThePolicyHostWithTheDomainsALabels(String domain, String host) {
        // RFC 8461 §3.3: the policy host is mta-sts.<policy domain>
        assertThat(HttpsPolicyFetcher.policyHost(domain)).isEqualTo(host);
    }

    @Test
    void fetchesAnewEachTimeWithoutCaching() {
        server.respondWith(Behaviour.policy(POLICY));
        int before = server.requests().size();

        assertThat(fetcher.fetch(DOMAIN)).isInstanceOf(Fetched.class);
        assertThat(fetcher.fetch(DOMAIN)).isInstanceOf(Fetched.class);

        assertThat(server.requests()).hasSize(before + 2);
    }

    static Stream<Arguments> acceptedResponses() {
        String atCap = padded(POLICY, CAP);
        return Stream.of(
                accepted("text/plain", Behaviour.policy(POLICY), POLICY),
                accepted("charset parameter", plain("text/plain; charset=utf-8", POLICY, Framing.CONTENT_LENGTH), POLICY),
                accepted("upper-case media type", plain("TEXT/PLAIN", POLICY, Framing.CONTENT_LENGTH), POLICY),
                accepted("space before parameter", plain("text/plain ;charset=US-ASCII", POLICY, Framing.CONTENT_LENGTH), POLICY),
                accepted("chunked", plain("text/plain", POLICY, Framing.CHUNKED), POLICY),
                accepted("LF line endings", Behaviour.policy(POLICY.replace("\r\n", "\n")), POLICY.replace("\r\n", "\n")),
                accepted("exactly the cap, Content-Length", plain("text/plain", atCap, Framing.CONTENT_LENGTH), atCap),
                accepted("exactly the cap, chunked", plain("text/plain", atCap, Framing.CHUNKED), atCap),
                accepted("UTF-8 beyond ASCII in an extension", Behaviour.policy(POLICY + "comment: café\r\n"),
                        POLICY + "comment: café\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedResponses")
    void acceptsAWellFormedPolicyResponse(String name, Behaviour behaviour, String expectedText) {
        server.respondWith(behaviour);

        FetchResult result = fetcher.fetch(DOMAIN);

        assertThat(result).isInstanceOfSatisfying(Fetched.class, fetched -> {
            assertThat(fetched.text()).isEqualTo(expectedText);
            assertThat(fetched.policy().mode()).isEqualTo(Mode.ENFORCE);
        });
    }

    static Stream<Arguments> rejectedResponses() {
        String overCap = padded(POLICY, CAP + 1);
        byte[] latin1 = (POLICY + "comment: caf\u00e9\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return Stream.of(
                rejected("301 redirect", Behaviour.redirect(301, "https://elsewhere.example.test/policy.txt"),
                        ResultType.STS_POLICY_FETCH_ERROR, "HTTP 301 redirect", "'https://elsewhere.example.test/policy.txt'", "not followed"),
                rejected("302 redirect", Behaviour.redirect(302, "/.well-known/other.txt"),
                        ResultType.STS_POLICY_FETCH_ERROR, "HTTP 302 redirect", "'/.well-known/other.txt'"),
                rejected("308 redirect", Behaviour.redirect(308, "/.well-known/mta-sts.txt"),
                        ResultType.STS_POLICY_FETCH_ERROR, "HTTP 308 redirect"),
                rejected("404", Behaviour.status(404), ResultType.STS_POLICY_FETCH_ERROR, "HTTP 404", POLICY_HOST),
                rejected("500", Behaviour.status(500), ResultType.STS_POLICY_FETCH_ERROR, "HTTP 500"),
                rejected("204 no content", Behaviour.body(204, "text/plain", new byte[0], Framing.CONTENT_LENGTH),
                        ResultType.STS_POLICY_FETCH_ERROR, "HTTP 204"),
                rejected("text/html", plain("text/html", POLICY, Framing.CONTENT_LENGTH),
                        ResultType.STS_POLICY_FETCH_ERROR, "Content-Type 'text/html'", "text/plain required"),
                rejected("text/plain-ish", plain("text/plainx", POLICY, Framing.CONTENT_LENGTH),
                        ResultType.STS_POLICY_FETCH_ERROR, "Content-Type 'text/plainx'"),
                rejected("no Content-Type", plain(null, POLICY, Framing.CONTENT_LENGTH),
                        ResultType.STS_POLICY_FETCH_ERROR, "no Content-Type"),
                rejected("over the cap, Content-Length", plain("text/plain", overCap, Framing.CONTENT_LENGTH),
                        ResultType.STS_POLICY_FETCH_ERROR, (CAP + 1) + " bytes (Content-Length)", "limit of " + CAP),
                rejected("over the cap, chunked", plain("text/plain", overCap, Framing.CHUNKED),
                        ResultType.STS_POLICY_FETCH_ERROR, "larger than the limit of " + CAP + " bytes"),
                rejected("far over the cap, chunked", plain("text/plain", padded(POLICY, 4 * 1024 * 1024), Framing.CHUNKED),
                        ResultType.STS_POLICY_FETCH_ERROR, "larger than the limit of " + CAP + " bytes"),
                rejected("not a policy", Behaviour.policy("<html>hello</html>\r\n"),
                        ResultType.STS_POLICY_INVALID, "policy from " + POLICY_HOST + " is invalid", "line 1"),
                rejected("empty body", Behaviour.body(200, "text/plain", new byte[0], Framing.CHUNKED),
                        ResultType.STS_POLICY_INVALID, "is invalid"),
                rejected("not UTF-8", Behaviour.body(200, "text/plain; charset=iso-8859-1", latin1, Framing.CONTENT_LENGTH),
                        ResultType.STS_POLICY_INVALID, "not UTF-8", "offset " + (latin1.length - 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedResponses")
    void rejectsABadResponseAfterExactlyOneRequest(String name, Behaviour behaviour, ResultType type, List<String> detail) {
        server.respondWith(behaviour);
        int before = server.requests().size();

        FetchResult result = fetcher.fetch(DOMAIN);

        assertFailed(result, type, detail);
        assertThat(server.requests()).hasSize(before + 1); // no redirect followed, no retry
    }

    @Test
    void abortsABodyThatDripsInPastTheTotalTimeout() {
        // 200 bytes at one per 100 ms would take 20 s; every read succeeds long before a socket timeout
        server.respondWith(Behaviour.dripFeed(padded(POLICY, 200), Duration.ofMillis(100)));

        try (HttpsPolicyFetcher impatient = fetcherFor(server.port(), Duration.ofSeconds(2))) {
            FetchResult result = impatient.fetch(DOMAIN);

            assertFailed(result, ResultType.STS_POLICY_FETCH_ERROR, List.of("no complete response from " + POLICY_HOST,
                    "within 2000 ms"));
        }
    }

    @Test
    void abortsATlsHandshakeThatNeverCompletes() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             HttpsPolicyFetcher impatient = fetcherFor(silent.getLocalPort(), Duration.ofSeconds(1))) {
            // the connection is accepted by the kernel (backlog) and then nothing is ever said

            FetchResult result = impatient.fetch(DOMAIN);

            assertFailed(result, ResultType.STS_POLICY_FETCH_ERROR, List.of("no complete response from " + POLICY_HOST,
                    "within 1000 ms"));
        }
    }

    @Test
    void leavesNoDeadlinePendingAndStartsNoThreadPerFetch() {
        server.respondWith(Behaviour.policy(POLICY));
        for (int i = 0; i < 10; i++) {
            fetcher.fetch(DOMAIN);
        }
        dns.failTemporarily(POLICY_HOST);
        for (int i = 0; i < 10; i++) {
            fetcher.fetch(DOMAIN);
        }

        assertThat(FetchDeadline.pending()).isZero();
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(thread -> thread.getName().equals("mta-sts-fetch-deadline"))
                .hasSize(1);
    }

    static Stream<Arguments> certificateFailures() {
        Instant now = Instant.now();
        return Stream.of(
                certificateCase("expired", authority -> authority.issueExpired(POLICY_HOST),
                        "certificate of " + POLICY_HOST + " expired"),
                certificateCase("not yet valid", authority -> authority.issueNotYetValid(POLICY_HOST),
                        "certificate of " + POLICY_HOST + " not yet valid"),
                certificateCase("for another host", authority -> authority.issue("mta-sts.other.test"),
                        "certificate not valid for " + POLICY_HOST, "mta-sts.other.test"),
                certificateCase("for the domain, not the policy host", authority -> authority.issue(DOMAIN),
                        "certificate not valid for " + POLICY_HOST),
                certificateCase("wildcard two labels up", authority -> authority.issue("*.test"),
                        "certificate not valid for " + POLICY_HOST),
                certificateCase("host in the common name only, other SAN", authority -> authority.issue(
                        now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), POLICY_HOST, "www.example.test"),
                        "certificate not valid for " + POLICY_HOST),
                // The same rule as for MX hosts and mta-sts check: no common-name fallback (DnsIdentity).
                certificateCase("host in the common name only, no SAN at all", authority -> authority.issue(
                        now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), POLICY_HOST),
                        "certificate not valid for " + POLICY_HOST),
                certificateCase("issued by an untrusted CA", authority -> strangerCa.issue(POLICY_HOST),
                        "certificate of " + POLICY_HOST + " not trusted"),
                certificateCase("self-signed by the untrusted CA", authority -> selfSignedLookalike(),
                        "certificate of " + POLICY_HOST + " not trusted"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("certificateFailures")
    void rejectsACertificateThatDoesNotAuthenticateThePolicyHost(String name, Function<Authority, Leaf> certificate,
            List<String> detail) {
        try (PolicyHttpsServer badHost = PolicyHttpsServer.start(certificate.apply(ca).serverSslContext());
             HttpsPolicyFetcher toBadHost = fetcherFor(badHost.port(), FetchSettings.DEFAULT_TIMEOUT)) {
            badHost.respondWith(Behaviour.policy(POLICY));

            FetchResult result = toBadHost.fetch(DOMAIN);

            // RFC 8461 §3.3, RFC 8460 §4.3.2.2
            assertFailed(result, ResultType.STS_WEBPKI_INVALID, detail);
            assertThat(badHost.requests()).isEmpty();
        }
    }

    static Stream<Arguments> acceptedCertificates() {
        Instant now = Instant.now();
        return Stream.of(
                Arguments.of("exact SAN", (Function<Authority, Leaf>) authority -> authority.issue(POLICY_HOST)),
                Arguments.of("wildcard SAN", (Function<Authority, Leaf>) authority -> authority.issue("*.example.test")),
                Arguments.of("one SAN among several, other common name", (Function<Authority, Leaf>) authority ->
                        authority.issue(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), "Policy Host",
                                "www.example.test", "MTA-STS.Example.Test", "mail.example.test")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedCertificates")
    void acceptsACertificateWithAMatchingSubjectAlternativeName(String name, Function<Authority, Leaf> certificate) {
        try (PolicyHttpsServer host = PolicyHttpsServer.start(certificate.apply(ca).serverSslContext());
             HttpsPolicyFetcher toHost = fetcherFor(host.port(), FetchSettings.DEFAULT_TIMEOUT)) {
            host.respondWith(Behaviour.policy(POLICY));

            assertThat(toHost.fetch(DOMAIN)).isInstanceOf(Fetched.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void speaksTls12And13(String protocol) {
        try (PolicyHttpsServer host = PolicyHttpsServer.start(ca.issue(POLICY_HOST).serverSslContext(), List.of(protocol));
             HttpsPolicyFetcher toHost = fetcherFor(host.port(), FetchSettings.DEFAULT_TIMEOUT)) {
            host.respondWith(Behaviour.policy(POLICY));

            assertThat(toHost.fetch(DOMAIN)).isInstanceOf(Fetched.class);
        }
    }

    @Test
    void refusesAPolicyHostThatOnlySpeaksTls10Or11(@TempDir Path dir) {
        assumeTrue(LegacyTlsServer.opensslAvailable(), "needs the openssl command");
        Leaf leaf = ca.issue(POLICY_HOST);
        try (LegacyTlsServer legacy = LegacyTlsServer.start(leaf.writeChainPem(dir.resolve("chain.pem")),
                leaf.writeKeyPem(dir.resolve("key.pem")));
             HttpsPolicyFetcher toLegacy = fetcherFor(legacy.port(), FetchSettings.DEFAULT_TIMEOUT)) {

            FetchResult result = toLegacy.fetch(DOMAIN);

            // RFC 8996: TLS 1.0 and 1.1 are deprecated; a host that cannot do better is not authenticated
            assertFailed(result, ResultType.STS_WEBPKI_INVALID, List.of("TLS handshake with " + POLICY_HOST + " failed",
                    "protocol"));
        }
    }

    @Test
    void treatsAServerThatDoesNotSpeakTlsAsAFetchError() throws IOException {
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             HttpsPolicyFetcher toPlain = fetcherFor(plain.getLocalPort(), FetchSettings.DEFAULT_TIMEOUT)) {
            Thread answer = new Thread(() -> answerInCleartext(plain), "cleartext-http");
            answer.setDaemon(true);
            answer.start();

            FetchResult result = toPlain.fetch(DOMAIN);

            assertFailed(result, ResultType.STS_POLICY_FETCH_ERROR, List.of("TLS failure with " + POLICY_HOST));
        }
    }

    @Test
    void reportsAPolicyHostWithoutAddress() {
        FakeDns empty = new FakeDns();
        try (HttpsPolicyFetcher withoutRecords = new HttpsPolicyFetcher(
                FetchSettings.defaults().withTrustAnchors(trustAnchors).withPort(server.port()), empty)) {

            assertFailed(withoutRecords.fetch(DOMAIN), ResultType.STS_POLICY_FETCH_ERROR,
                    List.of("DNS: no address for " + POLICY_HOST, "NXDOMAIN"));
        }
    }

    @Test
    void reportsATemporaryDnsFailure() {
        dns.failTemporarily(POLICY_HOST);

        assertFailed(fetcher.fetch(DOMAIN), ResultType.STS_POLICY_FETCH_ERROR,
                List.of("DNS: temporary failure resolving " + POLICY_HOST, "SERVFAIL"));
    }

    @Test
    void reportsARefusedConnection() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (HttpsPolicyFetcher toNobody = fetcherFor(closedPort, FetchSettings.DEFAULT_TIMEOUT)) {

            assertFailed(toNobody.fetch(DOMAIN), ResultType.STS_POLICY_FETCH_ERROR,
                    List.of("cannot connect", POLICY_HOST + ":" + closedPort, "refused"));
        }
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", ".", "a..b", "exa mple.test", "example.test/evil", "-example.test", "x@example.test"})
    void rejectsANameThatIsNoDomain(String domain) {
        int before = server.requests().size();

        assertFailed(fetcher.fetch(domain), ResultType.STS_POLICY_FETCH_ERROR, List.of("not a valid policy domain"));
        assertThat(server.requests()).hasSize(before);
    }

    @Test
    void rejectsANullDomain() {
        assertFailed(fetcher.fetch(null), ResultType.STS_POLICY_FETCH_ERROR, List.of("not a valid policy domain"));
    }

    @Test
    void turnsAnUnexpectedExceptionIntoAFailure() {
        DnsLookup broken = new DnsLookup() {
            @Override
            public DnsAnswer<String> txt(String name) {
                throw new IllegalStateException("resolver bug");
            }

            @Override
            public DnsAnswer<MxHost> mx(String domain) {
                throw new IllegalStateException("resolver bug");
            }

            @Override
            public DnsAnswer<InetAddress> addresses(String host) {
                throw new IllegalStateException("resolver bug");
            }
        };
        try (HttpsPolicyFetcher withBrokenDns = new HttpsPolicyFetcher(
                FetchSettings.defaults().withTrustAnchors(trustAnchors).withPort(server.port()), broken)) {

            assertFailed(withBrokenDns.fetch(DOMAIN), ResultType.STS_POLICY_FETCH_ERROR,
                    List.of("internal error", "resolver bug"));
        }
    }

    private static void assertFailed(FetchResult result, ResultType type, List<String> detailParts) {
        assertThat(result).isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.type()).isEqualTo(type);
            assertThat(failed.detail()).contains(detailParts);
        });
    }

    private static Arguments accepted(String name, Behaviour behaviour, String expectedText) {
        return Arguments.of(name, behaviour, expectedText);
    }

    private static Arguments rejected(String name, Behaviour behaviour, ResultType type, String... detail) {
        return Arguments.of(name, behaviour, type, Arrays.asList(detail));
    }

    private static Arguments certificateCase(String name, Function<Authority, Leaf> certificate, String... detail) {
        return Arguments.of(name, certificate, Arrays.asList(detail));
    }

    private static Behaviour plain(String contentType, String text, Framing framing) {
        return Behaviour.body(200, contentType, text.getBytes(StandardCharsets.UTF_8), framing);
    }

    /** The policy followed by an ignored extension line, {@code size} bytes in all. */
    private static String padded(String policy, int size) {
        String prefix = "padding: ";
        int fill = size - policy.length() - prefix.length() - 2;
        return policy + prefix + "a".repeat(fill) + "\r\n";
    }

    private static Leaf selfSignedLookalike() {
        Authority lookalike = TestCertificates.newAuthority(POLICY_HOST);
        return lookalike.issue(POLICY_HOST);
    }

    private static void answerInCleartext(ServerSocket plain) {
        try (Socket connection = plain.accept()) {
            InputStream in = connection.getInputStream();
            in.read(new byte[512]);
            OutputStream out = connection.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + POLICY.length() + "\r\n\r\n"
                    + POLICY).getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            // the client hung up
        }
    }
}
