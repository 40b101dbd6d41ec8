package dev.mtasts.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtasts.outcome.OutboundSession;
import dev.mtasts.outcome.TlsOutcome;
import dev.mtasts.testpeers.EximServer;
import org.apache.james.GuiceJamesServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static dev.mtasts.integration.DaneDeliveryPeers.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DANE (RFC 7672) in a real James from conf-samples, against real exim, nginx and a validating unbound over zones
 * signed at test time ({@link DaneDeliveryPeers}; James' own DNS service asks a second unbound that does not
 * validate and answers the forged records): one named test per row of the behaviour table and per case of
 * issue 13. Every scenario's message is handed to James over SMTP once, before the first test, so that their retries
 * overlap; each test then looks where its message ended — in exim's Maildir (which listener, which TLS cipher, and
 * exim's own log line) or in a bounce to the sender naming the DANE cause — and at the outcomes James recorded.
 * After all, every message must have ended exactly once, and no DANE domain's message in clear text.
 *
 * <p>Retries: the shipped schedule shortened to two retries a second apart, so a refused message bounces after
 * three attempts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DaneDeliveryThroughJamesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MovableClock CLOCK = new MovableClock();
    /** The first attempt and the two retries of the test schedule. */
    private static final int ATTEMPTS = 3;

    /** A message handed to James, and whether it may only travel encrypted. */
    private record Sent(String domain, String recipient, String subject, boolean encryptedOnly) {
    }

    /** Each scenario's domain and whether its message may only travel encrypted (DANE applies). */
    private static final Map<String, Boolean> SCENARIOS = new LinkedHashMap<>();

    static {
        for (String domain : List.of("ee.dane.test", "ta.dane.test", "ta-wrong-name.dane.test", "wrong-tlsa.dane.test",
                "expired.dane.test", "bogus-tlsa.dane.test", "unusable.dane.test", "both-fail.dane.test",
                "both-ok.dane.test", "mixed.dane.test", "nostarttls.dane.test", "ta-domain.dane.test",
                "ta-insecure-mx.insecure.test", "both-unlisted.dane.test", "both-expired.dane.test", "sts-only.dane.test")) {
            SCENARIOS.put(domain, true);
        }
        for (String domain : List.of("nxdomain-tlsa.dane.test", "nodata-tlsa.dane.test", "insecure.test",
                "addr-insecure.dane.test", "bogus-mx.dane.test")) {
            SCENARIOS.put(domain, false);
        }
    }

    private static final Map<String, Sent> SENT = new LinkedHashMap<>();

    private static DaneDeliveryPeers peers;
    private static GuiceJamesServer james;

    @BeforeAll
    static void startTheWorldAndSendEveryScenario() throws Exception {
        TestWorld.reset(new dev.mtasts.james.fixtures.PolicyWorld());
        SessionRecordingModule.reset();
        peers = DaneDeliveryPeers.start();
        Path workingDirectory = peers.newDirectory("james");
        Path trustAnchor = peers.writeTrustAnchor(workingDirectory.resolve("dane-delivery-ca.pem"));
        james = DaneDeliveryJames.start(workingDirectory, peers.jamesDnsAddress(),
            "dns.servers=" + peers.dnsServer() + "\n"
                + "dns.timeout=2s\n"
                + "dane.enabled=auto\n"
                + "dane.validationProbe=" + PROBE + "\n"
                + "trust.jdkDefaults=false\n"
                + "trust.pemFiles=" + trustAnchor + "\n"
                + "recheck.grace=0\n"
                + "fetch.timeout=2s\n"
                + "reports.submitter=james.test\n"
                + "reports.organizationName=James DANE Test Org\n"
                + "reports.contactInfo=tls-reports@james.test\n"
                + "reports.sendDelay=0s\n"
                + "reports.sendJitter=0s\n",
            CLOCK);
        for (Map.Entry<String, Boolean> scenario : SCENARIOS.entrySet()) {
            String domain = scenario.getKey();
            Sent sent = new Sent(domain, "user@" + domain, "DANE scenario " + domain, scenario.getValue());
            MtaStsJames.send(james, SENDER, sent.recipient(), sent.subject());
            SENT.put(domain, sent);
        }
    }

    @AfterAll
    static void nothingWasLostAndNoDaneMessageTravelledInClearText() {
        try {
            if (peers == null || SENT.isEmpty()) {
                return;
            }
            awaitEverythingSettled();
            List<String> problems = new ArrayList<>();
            for (Sent sent : SENT.values()) {
                List<EximServer.Message> deliveries = deliveriesOf(sent);
                List<EximServer.Message> bounces = bouncesOf(sent);
                if (deliveries.size() + bounces.size() != 1) {
                    problems.add(sent.subject() + ": delivered " + deliveries.size() + " times, bounced "
                        + bounces.size() + " times");
                }
                for (EximServer.Message bounce : bounces) {
                    if (!text(bounce).contains(sent.domain())) {
                        problems.add(sent.subject() + ": bounced without naming the domain");
                    }
                }
                for (EximServer.Message delivery : deliveries) {
                    if (sent.encryptedOnly() && delivery.tlsCipher().equals("none")) {
                        problems.add(sent.subject() + ": reached " + delivery.listener() + " in clear text");
                    }
                }
            }
            assertThat(problems).as("messages lost, duplicated or sent in clear text\n" + peers.logs()).isEmpty();
        } finally {
            if (james != null) {
                james.stop();
            }
            if (peers != null) {
                peers.close();
            }
        }
    }

    // ------------------------------------------------------------------------------ TLSA secure, usable records

    @Test
    @Order(1)
    @DisplayName("DANE-EE 3 1 1 matching the key: delivered over TLS to the MX, SNI the MX host, outcome tlsa success")
    void daneEeMatchIsDeliveredOverTls() {
        Sent sent = SENT.get("ee.dane.test");

        EximServer.Message delivered = awaitDelivered(sent);

        assertDeliveredOverTls(delivered, EE, MX_GOOD);
        assertThat(daneOutcomes(sent)).isNotEmpty().allSatisfy(outcome -> {
            assertThat(outcome.mxHost()).isEqualTo(MX_GOOD);
            assertThat(outcome.result()).isEqualTo("success");
            assertThat(lower(outcome.tlsaRecords())).containsExactlyInAnyOrderElementsOf(lower(peers.tlsaOf(MX_GOOD)));
        });
        assertThat(sessionsOf(sent)).isNotEmpty().allSatisfy(session -> {
            assertThat(session.lane()).isEqualTo("dane");
            assertThat(session.isEncrypted()).isTrue();
        });
    }

    @Test
    @Order(2)
    @DisplayName("DANE-TA 2 0 1 of the CA, the certificate names the MX host: delivered over TLS")
    void daneTaWithTheRightNameIsDelivered() {
        Sent sent = SENT.get("ta.dane.test");

        EximServer.Message delivered = awaitDelivered(sent);

        assertDeliveredOverTls(delivered, TA, MX_TA);
        assertThat(daneOutcomes(sent)).isNotEmpty().allMatch(TlsOutcome::isSuccess);
    }

    @Test
    @Order(3)
    @DisplayName("DANE-TA 2 0 1 of the CA, the certificate names another host: not delivered, bounced with the cause")
    void daneTaWithAWrongNameIsNotDelivered() {
        Sent sent = SENT.get("ta-wrong-name.dane.test");

        EximServer.Message bounce = awaitBounce(sent);

        assertBounceNamesTheDaneCause(bounce, sent, MX_TA_WRONG, "certificate-host-mismatch");
        assertThat(deliveriesOf(sent)).isEmpty();
        assertThat(daneOutcomes(sent)).hasSize(ATTEMPTS)
            .allSatisfy(outcome -> assertThat(outcome.result()).isEqualTo("certificate-host-mismatch"));
    }

    @Test
    @Order(31)
    @DisplayName("DANE-TA, the certificate names the recipient domain, MX answer secure: delivered (RFC 7672 §3.2.2)")
    void daneTaAcceptsTheRecipientDomainWhenTheMxAnswerIsSecure() {
        Sent sent = SENT.get("ta-domain.dane.test");

        EximServer.Message delivered = awaitDelivered(sent);

        assertDeliveredOverTls(delivered, TA_DOMAIN, MX_TA_DOMAIN);
        assertThat(daneOutcomes(sent)).isNotEmpty().allMatch(TlsOutcome::isSuccess);
    }

    @Test
    @Order(32)
    @DisplayName("DANE-TA, the certificate names the recipient domain, MX answer insecure: DANE still applies to the"
        + " secure host, and only the host is a reference name: not delivered")
    void daneTaRefusesTheRecipientDomainWhenTheMxAnswerIsInsecure() {
        Sent sent = SENT.get("ta-insecure-mx.insecure.test");

        EximServer.Message bounce = awaitBounce(sent);

        assertBounceNamesTheDaneCause(bounce, sent, MX_TA_DOMAIN_INSECURE_MX, "certificate-host-mismatch");
        assertThat(deliveriesOf(sent)).isEmpty();
    }

    @Test
    @Order(4)
    @DisplayName("TLSA for a different key: retried, then bounced naming the MX, its TLSA records and the failure")
    void tlsaForADifferentKeyIsBouncedAfterTheRetries() {
        Sent sent = SENT.get("wrong-tlsa.dane.test");

        EximServer.Message bounce = awaitBounce(sent);

        assertBounceNamesTheDaneCause(bounce, sent, MX_WRONG, "certificate-not-trusted");
        assertThat(deliveriesOf(sent)).isEmpty();
        assertThat(peers.exim().messagesMatching(message -> message.listener().equals(WRONG))).isEmpty();
        assertThat(daneOutcomes(sent)).as("one refused session per attempt").hasSize(ATTEMPTS)
            .allSatisfy(outcome -> {
                assertThat(outcome.mxHost()).isEqualTo(MX_WRONG);
                assertThat(outcome.result()).isEqualTo("certificate-not-trusted");
                assertThat(lower(outcome.tlsaRecords())).containsExactlyInAnyOrderElementsOf(lower(peers.tlsaOf(MX_WRONG)));
            });
    }

    @Test
    @Order(5)
    @DisplayName("DANE-EE and an expired certificate: delivered over TLS (RFC 7672 §3.1.1: dates ignored)")
    void anExpiredCertificateWithDaneEeIsDelivered() {
        Sent sent = SENT.get("expired.dane.test");

        EximServer.Message delivered = awaitDelivered(sent);

        assertDeliveredOverTls(delivered, EXPIRED, MX_EXPIRED);
        assertThat(daneOutcomes(sent)).isNotEmpty().allMatch(TlsOutcome::isSuccess);
    }

    // ------------------------------------------------------------------------------ TLSA bogus, unusable, none

    @Test
    @Order(6)
    @DisplayName("TLSA signature bogus: the MX skipped at every attempt (dnssec-invalid), never delivered, bounced")
    void aBogusTlsaSignatureIsNotDelivered() {
        Sent sent = SENT.get("bogus-tlsa.dane.test");

        EximServer.Message bounce = awaitBounce(sent);

        String text = text(bounce);
        assertThat(text).contains(sent.domain()).contains("DANE (RFC 7672)").contains(MX_BOGUS)
            .contains("dnssec-invalid");
        assertThat(deliveriesOf(sent)).isEmpty();
        assertThat(TestWorld.outcomesFor(sent.domain())).noneMatch(TlsOutcome::isSuccess);
        assertThat(sessionsOf(sent)).as("no session to a skipped host").isEmpty();
    }

    @Test
    @Order(7)
    @DisplayName("only unusable TLSA records (1 1 1, 3 2 1): delivered encrypted, outcome tlsa-invalid (RFC 7672 §3.1.3)")
    void onlyUnusableTlsaRecordsAreDeliveredEncryptedAndRecorded() {
        Sent sent = SENT.get("unusable.dane.test");

        EximServer.Message delivered = awaitDelivered(sent);

        assertDeliveredOverTls(delivered, EE, MX_UNUSABLE);
        assertThat(daneOutcomes(sent)).isNotEmpty().allSatisfy(outcome -> {
            assertThat(outcome.mxHost()).isEqualTo(MX_UNUSABLE);
            assertThat(outcome.result()).isEqualTo("tlsa-invalid");
        });
    }

    @Test
    @Order(8)
    @DisplayName("TLSA secure NXDOMAIN: no DANE, James' normal delivery")
    void aSecureNxdomainTlsaIsDeliveredNormally() {
        assertDeliveredWithoutDane(SENT.get("nxdomain-tlsa.dane.test"), EE);
    }

    @Test
    @Order(9)
    @DisplayName("TLSA secure NODATA: no DANE, James' normal delivery")
    void aSecureNodataTlsaIsDeliveredNormally() {
        assertDeliveredWithoutDane(SENT.get("nodata-tlsa.dane.test"), EE);
    }

    @Test
    @Order(10)
    @DisplayName("insecure delegation (no DS), TLSA of another key: no DANE, James' normal delivery")
    void anInsecureDelegationIsDeliveredNormally() {
        assertDeliveredWithoutDane(SENT.get("insecure.test"), EE);
    }

    @Test
    @Order(11)
    @DisplayName("MX host address insecure (CNAME into an unsigned zone), secure TLSA of another key: no DANE")
    void anInsecureAddressMeansNoDane() {
        assertDeliveredWithoutDane(SENT.get("addr-insecure.dane.test"), EE);
    }

    // ------------------------------------------------------------------------------ MX bogus

    @Test
    @Order(12)
    @DisplayName("MX answer bogus: a temporary failure, retried, bounced only after the retries; the forged MX that"
        + " James' own resolver answers never reached")
    void aBogusMxIsATemporaryFailure() {
        Sent sent = SENT.get("bogus-mx.dane.test");

        EximServer.Message bounce = awaitBounce(sent);

        String text = text(bounce);
        // James' own words for a message that failed temporarily until maxRetries (DeliveryRunnable), with the cause
        assertThat(text).contains(sent.domain()).contains("Bouncing after 2 retries").contains("dnssec-invalid");
        assertThat(deliveriesOf(sent)).as("not delivered, not even to the forged MX").isEmpty();
    }

    // ------------------------------------------------------------------------------ DANE and MTA-STS, MX sets

    @Test
    @Order(13)
    @DisplayName("DANE fails, MTA-STS enforce would pass: not delivered (RFC 8461 §2), bounced with the DANE cause")
    void daneFailingIsNotRescuedByMtaSts() {
        Sent sent = SENT.get("both-fail.dane.test");

        EximServer.Message bounce = awaitBounce(sent);

        assertBounceNamesTheDaneCause(bounce, sent, MX_BOTH, "certificate-not-trusted");
        assertThat(deliveriesOf(sent)).isEmpty();
        assertThat(peers.exim().messagesMatching(message -> message.listener().equals(BOTH)
            && message.envelopeTo().contains(sent.recipient()))).isEmpty();
    }

    @Test
    @Order(14)
    @DisplayName("DANE and MTA-STS enforce both pass: delivered over TLS")
    void daneAndMtaStsBothPassing() {
        Sent sent = SENT.get("both-ok.dane.test");

        EximServer.Message delivered = awaitDelivered(sent);

        assertDeliveredOverTls(delivered, BOTH, MX_BOTH_OK);
        assertThat(daneOutcomes(sent)).isNotEmpty().allMatch(TlsOutcome::isSuccess);
    }

    @Test
    @Order(141)
    @DisplayName("DANE passes, the host is not in the MTA-STS enforce policy's mx list: not delivered (both must pass)")
    void daneDoesNotWaiveTheEnforcePolicysMxList() {
        Sent sent = SENT.get("both-unlisted.dane.test");

        EximServer.Message bounce = awaitBounce(sent);

        // DaneDecision's first row: the host is skipped whatever DANE says, so it is held to MTA-STS's refusal (an
        // sts outcome, the MTA-STS bounce text), not to its TLSA records.
        String text = text(bounce);
        assertThat(text).as("the bounce; outcomes " + TestWorld.outcomesFor(sent.domain())).contains(sent.domain())
            .contains(MX_GOOD).contains("validation-failure");
        assertThat(deliveriesOf(sent)).isEmpty();
        assertThat(sessionsOf(sent)).as("no session to a host the policy does not list").isEmpty();
        assertThat(TestWorld.outcomesFor(sent.domain())).hasSize(ATTEMPTS).noneMatch(TlsOutcome::isSuccess);
    }

    @Test
    @Order(143)
    @DisplayName("MTA-STS enforce, signed zone without TLSA: the enforce lane, James' own DNS, validated TLS")
    void anEnforceDomainWithoutTlsaStaysInTheMtaStsLanes() {
        Sent sent = SENT.get("sts-only.dane.test");

        EximServer.Message delivered = awaitDelivered(sent);

        assertDeliveredOverTls(delivered, BOTH, MX_STS_ONLY);
        assertThat(daneOutcomes(sent)).isEmpty();
        assertThat(TestWorld.outcomesFor(sent.domain())).isNotEmpty().allMatch(TlsOutcome::isSuccess);
        assertThat(sessionsOf(sent)).isNotEmpty().allSatisfy(session -> assertThat(session.lane()).isEqualTo("enforce"));
    }

    @Test
    @Order(142)
    @DisplayName("DANE-EE passes an expired certificate, MTA-STS enforce refuses it: not delivered (both must pass)")
    void daneDoesNotWaiveTheEnforcePolicysPkixCheck() {
        Sent sent = SENT.get("both-expired.dane.test");

        EximServer.Message bounce = awaitBounce(sent);

        assertBounceNamesTheDaneCause(bounce, sent, MX_EXPIRED, "certificate-expired");
        assertThat(deliveriesOf(sent)).isEmpty();
    }

    @Test
    @Order(15)
    @DisplayName("mixed MX set, the first DANE host fails: delivered through the second, good one")
    void aMixedMxSetIsDeliveredThroughTheGoodHost() {
        Sent sent = SENT.get("mixed.dane.test");

        EximServer.Message delivered = awaitDelivered(sent);

        assertDeliveredOverTls(delivered, EE, MX_GOOD);
        assertThat(daneOutcomes(sent))
            .anyMatch(outcome -> outcome.mxHost().equals(MX_WRONG) && outcome.result().equals("certificate-not-trusted"))
            .anyMatch(outcome -> outcome.mxHost().equals(MX_GOOD) && outcome.isSuccess());
    }

    @Test
    @Order(16)
    @DisplayName("a DANE host without STARTTLS: never clear text, bounced after the retries")
    void aDaneHostWithoutStarttlsGetsNoClearText() {
        Sent sent = SENT.get("nostarttls.dane.test");

        EximServer.Message bounce = awaitBounce(sent);

        assertBounceNamesTheDaneCause(bounce, sent, MX_PLAIN, "starttls-not-supported");
        assertThat(deliveriesOf(sent)).as("nothing reached the MX, in clear text or otherwise").isEmpty();
        assertThat(sessionsOf(sent)).noneMatch(session -> !session.isEncrypted() && session.lane().equals("dane"));
    }

    // ------------------------------------------------------------------------------ figures and reports

    @Test
    @Order(90)
    @DisplayName("DANE sessions counted in James' metrics: mtasts_delivery_dane_<result>_total")
    void daneSessionsAreCountedInTheMetrics() throws Exception {
        awaitEverythingSettled();
        Map<String, Long> expected = new LinkedHashMap<>();
        for (TlsOutcome outcome : TestWorld.outcomes()) {
            if (outcome.isDane()) {
                expected.merge(prometheusName("mtasts.delivery.dane." + outcome.result()), 1L, Long::sum);
            }
        }
        assertThat(expected).containsKeys("mtasts_delivery_dane_success_total",
            "mtasts_delivery_dane_certificate_not_trusted_total");

        OpsJames.Reply metrics = OpsJames.call(james, "GET", "/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        Map<String, Long> counted = new LinkedHashMap<>();
        for (String name : expected.keySet()) {
            counted.put(name, metricValue(metrics.body(), name).orElse(-1L));
        }
        assertThat(counted).isEqualTo(expected);
        // Sessions of the dane lane, as the session listener saw them, in the lane's own counters and figures.
        long daneSessions = SessionRecordingModule.sessions().stream()
            .filter(session -> session.lane().equals("dane")).count();
        assertThat(daneSessions).isPositive();
        assertThat(metricValue(metrics.body(), "mtasts_sessions_dane_all_total")).contains(daneSessions);
        JsonNode figures = KnownDeliveries.awaitCounts(james, counts -> true);
        assertThat(figures.at("/daneLaneSessions").asLong()).as(figures.toString()).isEqualTo(daneSessions);
    }

    @Test
    @Order(89)
    @DisplayName("the DANE lane has its own James queue, <outgoing>-mta-sts-dane, next to the MTA-STS lanes' ones")
    void theDaneLaneHasItsOwnQueue() throws Exception {
        OpsJames.Reply queues = OpsJames.call(james, "GET", "/mailQueues");

        assertThat(queues.status()).as(queues.body()).isEqualTo(200);
        assertThat(texts(JSON.readTree(queues.body()))).contains("outgoing", "outgoing-mta-sts-dane",
            "outgoing-mta-sts-enforce", "outgoing-mta-sts-testing");
    }

    @Test
    @Order(91)
    @DisplayName("RFC 8460 reports for DANE domains, mailed through James: policy-type tlsa, field by field")
    void aDayOfDaneDeliveriesIsReportedByMail() throws Exception {
        awaitEverythingSettled();
        Instant dayStart = CLOCK.instant();
        long wrongTlsaSessions = daneOutcomes(SENT.get("wrong-tlsa.dane.test")).size();

        CLOCK.advance(Duration.ofDays(1));
        OpsJames.Reply run = OpsJames.call(james, "POST", "/mta-sts/reports?action=send");

        assertThat(run.status()).as(run.body()).isEqualTo(200);
        // A report is made for every domain with sessions; only those whose _smtp._tls record asks get one.
        assertThat(JSON.readTree(run.body()).get("delivered").asInt()).as(run.body())
            .isEqualTo(REPORTING_DOMAINS.size());

        JsonNode good = awaitReport("ee.dane.test");
        checkReport(good, "ee.dane.test", dayStart);
        JsonNode goodPolicy = good.at("/policies/0/policy");
        assertThat(lower(texts(goodPolicy.get("policy-string")))).containsExactlyInAnyOrderElementsOf(lower(peers.tlsaOf(MX_GOOD)));
        assertThat(texts(goodPolicy.get("mx-host"))).containsExactly(MX_GOOD);
        assertThat(good.at("/policies/0/summary/total-successful-session-count").asLong()).isEqualTo(1);
        assertThat(good.at("/policies/0/summary/total-failure-session-count").asLong()).isZero();
        assertThat(good.at("/policies/0/failure-details").isMissingNode()
            || good.at("/policies/0/failure-details").isEmpty()).isTrue();

        JsonNode wrong = awaitReport("wrong-tlsa.dane.test");
        checkReport(wrong, "wrong-tlsa.dane.test", dayStart);
        JsonNode wrongPolicy = wrong.at("/policies/0/policy");
        assertThat(lower(texts(wrongPolicy.get("policy-string")))).containsExactlyInAnyOrderElementsOf(lower(peers.tlsaOf(MX_WRONG)));
        assertThat(texts(wrongPolicy.get("mx-host"))).containsExactly(MX_WRONG);
        assertThat(wrong.at("/policies/0/summary/total-successful-session-count").asLong()).isZero();
        assertThat(wrong.at("/policies/0/summary/total-failure-session-count").asLong()).isEqualTo(wrongTlsaSessions);
        assertThat(wrong.at("/policies/0/failure-details")).hasSize(1);
        JsonNode failure = wrong.at("/policies/0/failure-details/0");
        assertThat(failure.get("result-type").asText()).isEqualTo("certificate-not-trusted");
        assertThat(failure.get("receiving-mx-hostname").asText()).isEqualTo(MX_WRONG);
        assertThat(failure.get("receiving-ip").asText()).isEqualTo(WRONG);
        assertThat(failure.get("sending-mta-ip").asText()).isNotBlank();
        assertThat(failure.get("failed-session-count").asLong()).isEqualTo(wrongTlsaSessions);

        // RFC 8460 §4.3.2.1: a host skipped on a bogus TLSA answer; no record could be trusted, so none is named.
        JsonNode bogus = awaitReport("bogus-tlsa.dane.test");
        checkReport(bogus, "bogus-tlsa.dane.test", dayStart);
        JsonNode bogusPolicy = bogus.at("/policies/0/policy");
        assertThat(texts(bogusPolicy.get("policy-string"))).isEmpty();
        assertThat(texts(bogusPolicy.get("mx-host"))).containsExactly(MX_BOGUS);
        assertThat(bogus.at("/policies/0/summary/total-successful-session-count").asLong()).isZero();
        assertThat(bogus.at("/policies/0/summary/total-failure-session-count").asLong()).isEqualTo(ATTEMPTS);
        JsonNode skipped = bogus.at("/policies/0/failure-details/0");
        assertThat(skipped.get("result-type").asText()).isEqualTo("dnssec-invalid");
        assertThat(skipped.get("receiving-mx-hostname").asText()).isEqualTo(MX_BOGUS);
        assertThat(skipped.get("failed-session-count").asLong()).isEqualTo(ATTEMPTS);
    }

    // ------------------------------------------------------------------------------ helpers

    private static void assertDeliveredOverTls(EximServer.Message delivered, String listener, String sni) {
        assertThat(delivered.listener()).isEqualTo(listener);
        assertThat(delivered.tlsCipher()).isNotEqualTo("none");
        assertThat(delivered.header("X-Test-TLS-SNI")).contains(sni);
        assertThat(eximReceptionLine(delivered)).as("exim's log line for the message").contains(" X=TLS");
    }

    /** Delivered over James' normal path: the lanes of MTA-STS (here: no policy), no DANE outcome. */
    private static void assertDeliveredWithoutDane(Sent sent, String listener) {
        EximServer.Message delivered = awaitDelivered(sent);

        assertThat(delivered.listener()).isEqualTo(listener);
        assertThat(daneOutcomes(sent)).isEmpty();
        assertThat(sessionsOf(sent)).isNotEmpty().noneMatch(session -> session.lane().equals("dane"));
    }

    private static void assertBounceNamesTheDaneCause(EximServer.Message bounce, Sent sent, String mxHost,
                                                      String resultType) {
        String text = text(bounce);
        assertThat(text).as("the bounce; outcomes " + TestWorld.outcomesFor(sent.domain()))
            .contains(sent.domain()).contains("DANE (RFC 7672)").contains(mxHost).contains(resultType);
        assertThat(text.toLowerCase(Locale.ROOT)).contains(lower(peers.tlsaOf(mxHost)).get(0));
    }

    private static List<TlsOutcome> daneOutcomes(Sent sent) {
        return TestWorld.outcomesFor(sent.domain()).stream().filter(TlsOutcome::isDane).toList();
    }

    private static List<OutboundSession> sessionsOf(Sent sent) {
        return SessionRecordingModule.sessions().stream()
            .filter(session -> session.domain().equals(sent.domain())).toList();
    }

    private static EximServer.Message awaitDelivered(Sent sent) {
        return peers.exim().awaitMessage(message -> isDeliveryOf(message, sent), PATIENCE)
            .orElseThrow(() -> new AssertionError("nothing delivered to " + sent.recipient() + "; outcomes "
                + TestWorld.outcomesFor(sent.domain()) + "; bounces " + bouncesOf(sent).stream()
                .map(DaneDeliveryThroughJamesTest::text).toList()));
    }

    private static EximServer.Message awaitBounce(Sent sent) {
        return peers.exim().awaitMessage(message -> isBounceOf(message, sent), PATIENCE)
            .orElseThrow(() -> new AssertionError("no bounce about " + sent.recipient() + "; outcomes "
                + TestWorld.outcomesFor(sent.domain()) + "; deliveries " + deliveriesOf(sent).stream()
                .map(EximServer.Message::listener).toList()));
    }

    private static boolean isDeliveryOf(EximServer.Message message, Sent sent) {
        return message.envelopeTo().contains(sent.recipient())
            && message.header("Subject").orElse("").equals(sent.subject());
    }

    private static boolean isBounceOf(EximServer.Message message, Sent sent) {
        return message.envelopeTo().contains(SENDER) && message.text().contains(sent.subject());
    }

    private static List<EximServer.Message> deliveriesOf(Sent sent) {
        return peers.exim().messagesMatching(message -> isDeliveryOf(message, sent));
    }

    private static List<EximServer.Message> bouncesOf(Sent sent) {
        return peers.exim().messagesMatching(message -> isBounceOf(message, sent));
    }

    /** Waits until every message sent was delivered or bounced (or the patience ran out). */
    private static void awaitEverythingSettled() {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (SENT.values().stream().anyMatch(sent -> deliveriesOf(sent).isEmpty() && bouncesOf(sent).isEmpty())
            && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // polling, not a timing
        }
    }

    /** exim's {@code <=} line for the message (found by its Message-ID). */
    private static String eximReceptionLine(EximServer.Message message) {
        String id = message.header("Message-ID").orElseThrow().replaceAll("[<>]", "");
        return peers.exim().mainLog().lines()
            .filter(line -> line.contains(" <= ") && line.contains("id=" + id))
            .findFirst().orElse("");
    }

    /**
     * The readable text of a message (a bounce is a multipart DSN): every part decoded, whitespace runs made single
     * spaces so that folded header lines and wrapped text compare as written.
     */
    private static String text(EximServer.Message message) {
        try (InputStream in = Files.newInputStream(message.file())) {
            MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()), in);
            StringBuilder text = new StringBuilder(message.text());
            appendParts(mime, text);
            return text.toString().replaceAll("\\s+", " ");
        } catch (Exception e) {
            throw new AssertionError("cannot read " + message.file(), e);
        }
    }

    private static void appendParts(Part part, StringBuilder text) throws Exception {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                appendParts(multipart.getBodyPart(i), text);
            }
        } else if (content instanceof MimeMessage inner) {
            appendParts(inner, text);
        } else if (content instanceof String string) {
            text.append('\n').append(string);
        } else if (content instanceof InputStream stream) {
            text.append('\n').append(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static List<String> lower(String lines) {
        return lines.lines().map(line -> line.toLowerCase(Locale.ROOT)).toList();
    }

    private static List<String> lower(List<String> lines) {
        return lines.stream().map(line -> line.toLowerCase(Locale.ROOT)).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        if (array != null) {
            array.forEach(node -> texts.add(node.asText()));
        }
        return texts;
    }

    /** Dropwizard's name as James' Prometheus exporter writes it: dots and dashes become underscores, _total added. */
    private static String prometheusName(String metric) {
        return metric.replace('.', '_').replace('-', '_') + "_total";
    }

    private static Optional<Long> metricValue(String exposition, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*})? ([0-9.eE+-]+)$")
            .matcher(exposition);
        return matcher.find() ? Optional.of((long) Double.parseDouble(matcher.group(1))) : Optional.empty();
    }

    /** The report James mailed about {@code domain}, unpacked. */
    private static JsonNode awaitReport(String domain) throws Exception {
        EximServer.Message mail = peers.exim().awaitMessage(message -> message.envelopeTo()
                .contains(REPORT_RECIPIENT) && message.header("TLS-Report-Domain").orElse("").equals(domain), PATIENCE)
            .orElseThrow(() -> new AssertionError("no report about " + domain));
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), Files.newInputStream(mail.file()));
        assertThat(message.getHeader("TLS-Report-Submitter", null)).isEqualTo("james.test");
        Part report = ((Multipart) message.getContent()).getBodyPart(1);
        // RFC 8460 §5.1: submitter!policy-domain!begin-timestamp!end-timestamp.json.gz
        assertThat(report.getFileName()).matches("james\\.test!" + Pattern.quote(domain) + "!\\d+!\\d+\\.json\\.gz");
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(report.getInputStream().readAllBytes()))) {
            return JSON.readTree(in.readAllBytes());
        }
    }

    /** RFC 8460 §4.3-4.4: the top-level fields, one UTC day, one policy of type tlsa for the domain. */
    private static void checkReport(JsonNode report, String domain, Instant dayStart) {
        assertThat(report.get("organization-name").asText()).isEqualTo("James DANE Test Org");
        assertThat(report.get("contact-info").asText()).isEqualTo("tls-reports@james.test");
        assertThat(report.get("report-id").asText()).isNotBlank();
        Instant start = Instant.parse(report.at("/date-range/start-datetime").asText());
        Instant end = Instant.parse(report.at("/date-range/end-datetime").asText());
        assertThat(start.getEpochSecond() % 86_400).isZero();
        assertThat(Duration.between(start, end)).isEqualTo(Duration.ofDays(1).minusSeconds(1));
        assertThat(start).isBeforeOrEqualTo(dayStart);
        assertThat(end).isAfter(dayStart);
        assertThat(report.get("policies")).as(report.toString()).hasSize(1);
        JsonNode policy = report.at("/policies/0/policy");
        assertThat(policy.get("policy-type").asText()).isEqualTo("tlsa");
        assertThat(policy.get("policy-domain").asText()).isEqualTo(domain);
        assertThat(policy.get("policy-string").isArray()).isTrue();
    }
}
