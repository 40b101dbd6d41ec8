package dev.mtasts.audit;

import dev.mtasts.fetch.TrustAnchors;
import dev.mtasts.testpeers.PolicyHttpsServer;
import dev.mtasts.testpeers.PolicyHttpsServer.Behaviour;
import dev.mtasts.testpeers.PolicyHttpsServer.Framing;
import dev.mtasts.testpeers.FakeDns;
import dev.mtasts.testpeers.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** What the policy host serves, judged: HTTP framing, media types, sizes and bytes a real server can send. */
class PolicyHostAuditTest {

    private static final String DOMAIN = "example.test";
    private static final String POLICY = "version: STSv1\r\nmode: enforce\r\nmx: mx.example.test\r\nmax_age: 1209600\r\n";

    private static PolicyHttpsServer server;
    private static TrustAnchors trust;

    @BeforeAll
    static void startServer(@TempDir Path dir) throws Exception {
        TestCertificates.Authority ca = TestCertificates.newAuthority("Policy Host CA");
        trust = TrustAnchors.builder().withoutJdkDefaults().pemFile(ca.writePem(dir.resolve("ca.pem"))).build();
        Instant now = Instant.now();
        String host = "mta-sts." + DOMAIN;
        server = PolicyHttpsServer.start(
            ca.issue(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(90)), host, host).serverSslContext());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static Stream<Arguments> answers() {
        byte[] policy = POLICY.getBytes(StandardCharsets.US_ASCII);
        return Stream.of(
            arguments("the policy", Behaviour.policy(POLICY), List.of("policy-host.ok")),
            arguments("chunked, media type in capitals with a charset",
                Behaviour.body(200, "TEXT/Plain; charset=utf-8", policy, Framing.CHUNKED), List.of("policy-host.ok")),
            arguments("no Content-Type", Behaviour.body(200, null, policy, Framing.CONTENT_LENGTH),
                List.of("policy-host.content-type")),
            arguments("application/octet-stream", Behaviour.body(200, "application/octet-stream", policy,
                Framing.CONTENT_LENGTH), List.of("policy-host.content-type")),
            arguments("HTTP 500", Behaviour.status(500), List.of("policy-host.http.status")),
            arguments("HTTP 302 to elsewhere", Behaviour.redirect(302, "https://www.example.test/policy"),
                List.of("policy-host.http.redirect")),
            arguments("exactly 64 KiB", Behaviour.body(200, "text/plain", padded(64 * 1024), Framing.CHUNKED),
                List.of("policy-host.ok")),
            arguments("one byte more than 64 KiB, chunked",
                Behaviour.body(200, "text/plain", padded(64 * 1024 + 1), Framing.CHUNKED),
                List.of("policy-host.too-large")),
            arguments("not UTF-8", Behaviour.body(200, "text/plain", new byte[] {'m', 'o', (byte) 0xff},
                Framing.CONTENT_LENGTH), List.of("policy.invalid")),
            arguments("LF line ends", Behaviour.policy(POLICY.replace("\r\n", "\n")),
                List.of("policy-host.line-endings", "policy-host.ok")),
            arguments("a body that drips past the deadline", Behaviour.dripFeed(POLICY, Duration.ofMillis(100)),
                List.of("policy-host.http.failed")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void judgesTheAnswer(String name, Behaviour behaviour, List<String> codes) {
        server.respondWith(behaviour);
        Findings findings = new Findings();

        audit(server.port()).check(DOMAIN, findings);

        assertThat(findings.list()).extracting(finding -> finding.code().code())
            .filteredOn(code -> code.startsWith("policy"))
            .isEqualTo(codes);
    }

    @Test
    void handsOnThePolicyText() {
        server.respondWith(Behaviour.policy(POLICY));

        Optional<String> text = audit(server.port()).check(DOMAIN, new Findings());

        assertThat(text).contains(POLICY);
        assertThat(server.serverNames()).last().isEqualTo("mta-sts." + DOMAIN);
    }

    @Test
    void saysWhenNothingListens() {
        Findings findings = new Findings();

        audit(1).check(DOMAIN, findings);

        assertThat(findings.list()).extracting(finding -> finding.code().code())
            .containsExactly("policy-host.connect.failed");
    }

    @Test
    void tellsATemporaryDnsFailureFromAMissingAddress() {
        FakeDns dns = new FakeDns()
            .failTemporarily("mta-sts." + DOMAIN);
        Findings findings = new Findings();

        new PolicyHostAudit(new PolicyHostInspector(dns, settings(443)), certificates()).check(DOMAIN, findings);
        new PolicyHostAudit(new PolicyHostInspector(new FakeDns(), settings(443)), certificates())
            .check(DOMAIN, findings);

        assertThat(findings.list()).extracting(finding -> finding.code().code())
            .containsExactly("policy-host.dns-failure", "policy-host.address.missing");
    }

    private static PolicyHostAudit audit(int port) {
        FakeDns dns = new FakeDns()
            .address("mta-sts." + DOMAIN, server.address());
        return new PolicyHostAudit(new PolicyHostInspector(dns, settings(port)), certificates());
    }

    private static AuditSettings settings(int port) {
        return new AuditSettings(trust, Duration.ofSeconds(1), port, 25, true, Clock.systemUTC());
    }

    private static CertificateAudit certificates() {
        return new CertificateAudit(trust, Clock.systemUTC());
    }

    /** A valid policy padded with an unknown field to exactly {@code size} bytes. */
    private static byte[] padded(int size) {
        String head = POLICY + "x-padding: ";
        return (head + "p".repeat(size - head.length() - 2) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
