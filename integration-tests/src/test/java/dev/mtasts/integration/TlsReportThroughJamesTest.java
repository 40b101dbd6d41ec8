package dev.mtasts.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtasts.james.fixtures.PolicyWorld;
import dev.mtasts.testpeers.EximServer;
import dev.mtasts.testpeers.FakeDns;
import dev.mtasts.testpeers.ReportHttpsServer;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS reports (RFC 8460) made by a running James from real deliveries: a {@code mailto:} report travels through
 * James itself to exim, an {@code https:} report is uploaded to a local HTTPS server. The day ends by moving James'
 * clock forward, and the WebAdmin trigger sends what is due.
 */
class TlsReportThroughJamesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MovableClock CLOCK = new MovableClock();
    private static final String REPORT_HOST = "reports.example.test";
    private static final String MAILTO_RECIPIENT = "tlsrpt@" + MxPeers.SENDER_DOMAIN;

    @RegisterExtension
    @Order(1)
    static final MxPeers PEERS = new MxPeers();

    private static final ReportHttpsServer REPORT_SERVER =
        ReportHttpsServer.start(PEERS.authority().issue(REPORT_HOST).serverSslContext());

    @RegisterExtension
    @Order(2)
    static final JamesServerExtension JAMES = OpsJames.perClass(conf -> {
        PolicyWorld world = MxPeers.policies();
        ((FakeDns) world.dns())
            .txt("_smtp._tls.enforce-ok.test", "v=TLSRPTv1; rua=mailto:" + MAILTO_RECIPIENT)
            .txt("_smtp._tls.testing-wrongname.test",
                "v=TLSRPTv1; rua=https://" + REPORT_HOST + ":" + REPORT_SERVER.port() + "/tlsrpt")
            .address(REPORT_HOST, InetAddress.getLoopbackAddress());
        TestWorld.reset(world);
        TestConf.relayingThrough("""
                <mailet match="All" class="dev.mtasts.james.delivery.MtaStsRemoteDelivery">
                    <outgoing>outgoing</outgoing>
                    <delayTime>3*1 second</delayTime>
                    <maxRetries>3</maxRetries>
                    <heloName>james.test</heloName>
                    <bounceProcessor>bounces</bounceProcessor>
                </mailet>
                """, "")
            .mtaStsProperties(PEERS.mtaStsProperties(conf, """
                reports.submitter=james.test
                reports.organizationName=James Test Org
                reports.contactInfo=tls-reports@james.test
                reports.sendDelay=0s
                reports.sendJitter=0s
                """))
            .writeTo(conf.toPath());
    }, MxPeers.dns(), CLOCK);

    @AfterAll
    static void stopReportServer() {
        REPORT_SERVER.close();
    }

    @Test
    void aDayOfDeliveriesIsReportedByMailThroughJamesAndOverHttps(GuiceJamesServer james) throws Exception {
        Instant dayStart = CLOCK.instant();
        MtaStsJames.send(james, MxPeers.SENDER, "user@enforce-ok.test", "report: enforce ok");
        MtaStsJames.send(james, MxPeers.SENDER, "user@testing-wrongname.test", "report: testing wrong name");
        awaitDeliveryTo("user@enforce-ok.test");
        awaitDeliveryTo("user@testing-wrongname.test");
        int outcomesBefore = TestWorld.outcomes().size();

        CLOCK.advance(Duration.ofDays(1));
        OpsJames.Reply run = OpsJames.call(james, "POST", "/mta-sts/reports?action=send");

        assertThat(run.status()).isEqualTo(200);
        assertThat(JSON.readTree(run.body()).get("reportsMade").asInt()).isEqualTo(2);

        EximServer.Message mail = awaitDeliveryTo(MAILTO_RECIPIENT);
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            Files.newInputStream(mail.file()));
        checkReportMail(message);
        JsonNode mailed = JSON.readTree(gunzip(((Multipart) message.getContent()).getBodyPart(1).getInputStream()));
        checkReport(mailed, "enforce-ok.test", "enforce", dayStart);
        assertThat(mailed.at("/policies/0/summary/total-successful-session-count").asLong()).isEqualTo(1);
        assertThat(mailed.at("/policies/0/summary/total-failure-session-count").asLong()).isZero();
        assertThat(mailed.at("/policies/0/failure-details").isMissingNode()
            || mailed.at("/policies/0/failure-details").isEmpty()).isTrue();

        ReportHttpsServer.Request upload = REPORT_SERVER.requests().get(0);
        assertThat(upload.method()).isEqualTo("POST");
        assertThat(upload.path()).isEqualTo("/tlsrpt");
        assertThat(upload.contentType()).isEqualTo("application/tlsrpt+gzip");
        JsonNode uploaded = JSON.readTree(gunzip(new ByteArrayInputStream(upload.body())));
        checkReport(uploaded, "testing-wrongname.test", "testing", dayStart);
        assertThat(uploaded.at("/policies/0/summary/total-successful-session-count").asLong()).isZero();
        assertThat(uploaded.at("/policies/0/summary/total-failure-session-count").asLong()).isEqualTo(1);
        JsonNode failure = uploaded.at("/policies/0/failure-details/0");
        assertThat(failure.get("result-type").asText()).isEqualTo("certificate-host-mismatch");
        assertThat(failure.get("receiving-mx-hostname").asText()).isEqualTo(MxPeers.MX_WRONG_NAME);
        assertThat(failure.get("receiving-ip").asText()).isEqualTo(MxPeers.WRONG_NAME);
        assertThat(failure.get("sending-mta-ip").asText()).isNotBlank();
        assertThat(failure.get("failed-session-count").asLong()).isEqualTo(1);

        // RFC 8460 §5.3 / RFC 8689: the report mail itself is delivered without MTA-STS and is not counted.
        assertThat(TestWorld.outcomes()).hasSize(outcomesBefore);
    }

    private static EximServer.Message awaitDeliveryTo(String recipient) {
        return PEERS.exim().awaitMessage(message -> message.envelopeTo().contains(recipient), PATIENCE)
            .orElseThrow(() -> new AssertionError("nothing delivered to " + recipient));
    }

    /** RFC 8460 §5.3: the message's headers and its MIME structure. */
    private static void checkReportMail(MimeMessage message) throws Exception {
        ContentType type = new ContentType(message.getContentType());
        assertThat(type.getBaseType()).isEqualToIgnoringCase("multipart/report");
        assertThat(type.getParameter("report-type")).isEqualTo("tlsrpt");
        assertThat(message.getSubject()).startsWith("Report Domain: enforce-ok.test Submitter: james.test Report-ID: <");
        assertThat(message.getHeader("TLS-Report-Domain", null)).isEqualTo("enforce-ok.test");
        assertThat(message.getHeader("TLS-Report-Submitter", null)).isEqualTo("james.test");
        assertThat(message.getHeader("TLS-Required", null)).isEqualTo("No");
        Multipart parts = (Multipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(new ContentType(parts.getBodyPart(0).getContentType()).getBaseType())
            .isEqualToIgnoringCase("text/plain");
        Part report = parts.getBodyPart(1);
        assertThat(new ContentType(report.getContentType()).getBaseType())
            .isEqualToIgnoringCase("application/tlsrpt+gzip");
        assertThat(report.getDisposition()).isEqualToIgnoringCase(Part.ATTACHMENT);
        // RFC 8460 §5.1: submitter!policy-domain!begin-timestamp!end-timestamp.json.gz
        assertThat(report.getFileName()).matches("james\\.test!enforce-ok\\.test!\\d+!\\d+\\.json\\.gz");
    }

    /** RFC 8460 §4.3: the report's top-level fields and the policy block. */
    private static void checkReport(JsonNode report, String domain, String mode, Instant dayStart) {
        assertThat(report.get("organization-name").asText()).isEqualTo("James Test Org");
        assertThat(report.get("contact-info").asText()).isEqualTo("tls-reports@james.test");
        assertThat(report.get("report-id").asText()).isNotBlank();
        Instant start = Instant.parse(report.at("/date-range/start-datetime").asText());
        Instant end = Instant.parse(report.at("/date-range/end-datetime").asText());
        // RFC 8460 §4.4: one UTC day, as in the RFC's example (00:00:00Z to 23:59:59Z)
        assertThat(start.getEpochSecond() % 86_400).isZero();
        assertThat(Duration.between(start, end)).isEqualTo(Duration.ofDays(1).minusSeconds(1));
        assertThat(start).isBeforeOrEqualTo(dayStart);
        assertThat(end).isAfter(dayStart);
        assertThat(report.get("policies")).hasSize(1);
        JsonNode policy = report.at("/policies/0/policy");
        assertThat(policy.get("policy-type").asText()).isEqualTo("sts");
        assertThat(policy.get("policy-domain").asText()).isEqualTo(domain);
        assertThat(policy.get("policy-string").isArray()).isTrue();
        assertThat(policy.get("policy-string").toString()).contains("mode: " + mode);
    }

    private static byte[] gunzip(InputStream gzipped) throws Exception {
        try (InputStream in = new GZIPInputStream(gzipped)) {
            return in.readAllBytes();
        }
    }
}
