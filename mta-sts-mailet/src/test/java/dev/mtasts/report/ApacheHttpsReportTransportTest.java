package dev.mtasts.report;

import dev.mtasts.outcome.ResultType;

import dev.mtasts.testpeers.TestClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtasts.discovery.RecordDiscovery;
import dev.mtasts.fetch.TrustAnchorException;
import dev.mtasts.fetch.TrustAnchors;
import dev.mtasts.testpeers.FakeDns;
import dev.mtasts.testpeers.ReportHttpsServer;
import dev.mtasts.testpeers.TestCertificates;
import dev.mtasts.testpeers.TestCertificates.Authority;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Uploads to a local HTTPS server (RFC 8460 §5.4). */
class ApacheHttpsReportTransportTest {

    private static final String REPORT_HOST = "reports.example.test";
    private static final byte[] BODY = {0x1f, (byte) 0x8b, 1, 2, 3};

    private static Authority ca;
    private static TrustAnchors trustAnchors;
    private static ReportHttpsServer server;
    private static ReportHttpsServer wrongHostServer;
    private static ReportHttpsServer strangerServer;

    private final FakeDns dns = new FakeDns();
    private ApacheHttpsReportTransport transport;

    @BeforeAll
    static void startServers(@TempDir Path dir) throws TrustAnchorException {
        ca = TestCertificates.newAuthority("Report Test CA");
        trustAnchors = TrustAnchors.builder().withoutJdkDefaults().pemFile(ca.writePem(dir.resolve("ca.pem")))
                .build();
        server = ReportHttpsServer.start(ca.issue(REPORT_HOST).serverSslContext());
        wrongHostServer = ReportHttpsServer.start(ca.issue("elsewhere.example.test").serverSslContext());
        strangerServer = ReportHttpsServer.start(TestCertificates.newAuthority("Stranger CA").issue(REPORT_HOST)
                .serverSslContext());
    }

    @AfterAll
    static void stopServers() {
        server.close();
        wrongHostServer.close();
        strangerServer.close();
    }

    @BeforeEach
    void setUp() {
        dns.address(REPORT_HOST, InetAddress.getLoopbackAddress());
        server.respondWith(200);
        transport = new ApacheHttpsReportTransport(Duration.ofSeconds(10), trustAnchors, dns);
    }

    @AfterEach
    void closeTransport() {
        transport.close();
    }

    private static URI uri(ReportHttpsServer target, String path) {
        return URI.create("https://" + REPORT_HOST + ":" + target.port() + path);
    }

    @Test
    void postsTheGzippedReportWithTheTlsrptMediaType() throws ReportDeliveryException {
        int before = server.requests().size();

        transport.post(uri(server, "/v1/tlsrpt"), BODY);

        List<ReportHttpsServer.Request> requests = server.requests();
        assertThat(requests).hasSize(before + 1);
        ReportHttpsServer.Request request = requests.get(before);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/tlsrpt");
        assertThat(request.contentType()).isEqualTo("application/tlsrpt+gzip");
        assertThat(request.body()).isEqualTo(BODY);
    }

    @ParameterizedTest(name = "HTTP {0} is delivered")
    @ValueSource(ints = {200, 201, 202, 204})
    void anySuccessStatusIsDelivered(int status) throws ReportDeliveryException {
        server.respondWith(status);

        transport.post(uri(server, "/"), BODY);
    }

    @ParameterizedTest(name = "HTTP {0} is not delivered")
    @ValueSource(ints = {400, 404, 413, 500, 503})
    void anErrorStatusIsNotDelivered(int status) {
        server.respondWith(status);

        assertThatThrownBy(() -> transport.post(uri(server, "/"), BODY))
                .isInstanceOf(ReportDeliveryException.class).hasMessageContaining("HTTP " + status);
    }

    @Test
    void redirectsAreNotFollowed() {
        server.redirectTo(307, "https://" + REPORT_HOST + ":" + server.port() + "/elsewhere");
        int before = server.requests().size();

        assertThatThrownBy(() -> transport.post(uri(server, "/"), BODY))
                .isInstanceOf(ReportDeliveryException.class).hasMessageContaining("HTTP 307");
        assertThat(server.requests()).hasSize(before + 1);
    }

    @Test
    void aCertificateForAnotherHostIsRefused() {
        int before = wrongHostServer.requests().size();

        assertThatThrownBy(() -> transport.post(uri(wrongHostServer, "/"), BODY))
                .isInstanceOf(ReportDeliveryException.class);
        assertThat(wrongHostServer.requests()).hasSize(before);
    }

    @Test
    void aCertificateFromAnUntrustedAuthorityIsRefused() {
        int before = strangerServer.requests().size();

        assertThatThrownBy(() -> transport.post(uri(strangerServer, "/"), BODY))
                .isInstanceOf(ReportDeliveryException.class);
        assertThat(strangerServer.requests()).hasSize(before);
    }

    @Test
    void anUnknownHostIsNotDelivered() {
        assertThatThrownBy(() -> transport.post(URI.create("https://unknown.example.test/"), BODY))
                .isInstanceOf(ReportDeliveryException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://reports.example.test/", "mailto:tlsrpt@example.test", "https:/no-host"})
    void onlyHttpsUrisWithAHostAreUsed(String destination) {
        assertThatThrownBy(() -> transport.post(URI.create(destination), BODY))
                .isInstanceOf(ReportDeliveryException.class).hasMessageContaining("not an https: URI");
    }

    @Test
    void aSchedulerDeliversAReportToTheLocalServer() throws IOException {
        TestClock clock = new TestClock("2024-03-01T10:00:00Z");
        dns.txt("_smtp._tls.example.com", "v=TLSRPTv1; rua=https://" + REPORT_HOST + ":" + server.port()
                + "/tlsrpt");
        TlsReportSettings settings = TlsReportSettings.defaults("mail.sender.example")
                .withSendJitter(Duration.ZERO);
        TlsReportAggregator aggregator = new TlsReportAggregator(new InMemoryTlsReportStore());
        TlsReportBuilder builder = new TlsReportBuilder(settings);
        TlsReportScheduler scheduler = new TlsReportScheduler(aggregator, builder,
                new TlsReportSender(builder, new RecordDiscovery(dns), transport, new RecordingMailTransport()),
                clock, 0);
        aggregator.record(Outcomes.failure("2024-03-01T10:00:00Z", ResultType.CERTIFICATE_NOT_TRUSTED,
                "mx1.example.com", "192.0.2.10"));
        int before = server.requests().size();
        clock.set("2024-03-02T06:00:00Z");

        ReportRunSummary run = scheduler.runOnce();

        assertThat(run.delivered()).isEqualTo(1);
        ReportHttpsServer.Request request = server.requests().get(before);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/tlsrpt");
        assertThat(request.contentType()).isEqualTo("application/tlsrpt+gzip");
        JsonNode report;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(request.body()))) {
            report = new ObjectMapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(report.get("report-id").asText()).startsWith("20240301.example.com.");
        JsonNode detail = report.get("policies").get(0).get("failure-details").get(0);
        assertThat(detail.get("result-type").asText()).isEqualTo("certificate-not-trusted");
        assertThat(detail.get("receiving-ip").asText()).isEqualTo("192.0.2.10");
    }
}
