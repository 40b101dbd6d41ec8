package dev.mtasts.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtasts.integration.inbound.TlsRptCorpus;
import dev.mtasts.testpeers.NginxServer;
import dev.mtasts.testpeers.TestCertificates;
import dev.mtasts.testpeers.UnboundServer;
import org.apache.james.GuiceJamesServer;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.server.core.configuration.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owner's side through a real James from conf-samples: the TLS report corpus ({@link TlsRptCorpus}) is mailed to
 * {@code tls-reports@own.test} over SMTP, and the WebAdmin routes' figures are asserted exactly; the rejected list
 * names each reason; a restart keeps everything; the rollout advice gives each verdict against policies published
 * by a live unbound and nginx. Test world on 127.0.91.x: unbound 127.0.91.53, nginx (policy hosts) 127.0.91.80.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReceivedReportsThroughJamesTest {

    static final String DNS_ADDRESS = "127.0.91.53";
    static final String POLICY_HOSTS_ADDRESS = "127.0.91.80";
    /** James' clock in this test: the day after the corpus' last report day. */
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final String CORPUS_SINCE = "2026-11-01T00:00:00Z";
    static final Path CORPUS = Path.of("src/test/resources/tlsrpt-corpus");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Rollout domains (James domains): what they publish and the reports they get. */
    static final String READY = "ready.test";
    static final String NOT_READY = "notready.test";
    static final String NO_DATA = "nodata.test";
    static final String ENFORCED = "enforced.test";
    static final String NO_POLICY = "nopolicy.test";

    private static UnboundServer dns;
    private static NginxServer policyHosts;
    private static MovableClock clock;
    private static Path workingDirectory;
    private static GuiceJamesServer james;

    @BeforeAll
    static void startTheWorld(@TempDir Path directory) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nginx"))
                && Files.isExecutable(Path.of("/usr/sbin/unbound")),
            "unbound and nginx are needed (scripts/install-test-deps.sh)");
        TestWorld.reset(new dev.mtasts.james.fixtures.PolicyWorld());
        TestCertificates.Authority authority = TestCertificates.newAuthority("Inbound Reports Test CA");
        List<String> withPolicy = List.of(READY, NOT_READY, NO_DATA, ENFORCED);
        List<String> localData = new ArrayList<>();
        for (String domain : List.of(READY, NOT_READY, NO_DATA, ENFORCED, NO_POLICY)) {
            localData.add(domain + ". 0 IN MX 10 mx1." + domain + ".");
        }
        localData.add(NOT_READY + ". 0 IN MX 20 backup." + NOT_READY + ".");
        for (String domain : withPolicy) {
            localData.add("mta-sts." + domain + ". 0 IN A " + POLICY_HOSTS_ADDRESS);
            localData.add("_mta-sts." + domain + ". 0 IN TXT \"v=STSv1; id=20261101;\"");
        }
        dns = UnboundServer.builder().address(DNS_ADDRESS).staticZone("test.")
            .localData(localData.toArray(String[]::new)).start();
        TestCertificates.Leaf certificate = authority.issue(withPolicy.stream().map(d -> "mta-sts." + d)
            .toArray(String[]::new));
        Path chain = certificate.writeChainPem(directory.resolve("policy-chain.pem"));
        Path key = certificate.writeKeyPem(directory.resolve("policy-key.pem"));
        NginxServer.Builder nginx = NginxServer.builder(directory.resolve("nginx"));
        nginx.policyHost("mta-sts." + READY, POLICY_HOSTS_ADDRESS, chain, key, policy("testing", READY));
        // The backup MX of notready.test is not in its policy: one more rule that fails.
        nginx.policyHost("mta-sts." + NOT_READY, POLICY_HOSTS_ADDRESS, chain, key, policy("testing", NOT_READY));
        nginx.policyHost("mta-sts." + NO_DATA, POLICY_HOSTS_ADDRESS, chain, key, policy("testing", NO_DATA));
        nginx.policyHost("mta-sts." + ENFORCED, POLICY_HOSTS_ADDRESS, chain, key, policy("enforce", ENFORCED));
        policyHosts = nginx.start();

        workingDirectory = directory.resolve("james");
        Path trustAnchor = authority.writePem(directory.resolve("ca.pem"));
        ShippedJames.prepare(workingDirectory, new LoopbackDns(),
            "dns.servers=" + dns.hostAndPort() + "\n"
                + "trust.jdkDefaults=false\n"
                + "trust.pemFiles=" + trustAnchor + "\n"
                + "fetch.timeout=2s\n"
                + "recheck.grace=0\n"
                + "reports.inbound.domains=" + TlsRptCorpus.SECOND + "\n"
                + "reports.inbound.maxMailBytes=" + TlsRptCorpus.TEST_MAX_MAIL_BYTES + "\n",
            "dev.mtasts.james.delivery.MtaStsRemoteDelivery", "");
        Path webadmin = workingDirectory.resolve("conf/webadmin.properties");
        String shipped = Files.readString(webadmin);
        assertThat(shipped).contains("dev.mtasts.james.webadmin.ReceivedReportRoutes");
        Files.writeString(webadmin, shipped.replace("port=8000", "port=0").replace("host=localhost",
            "host=127.0.0.1"));
        clock = new MovableClock();
        clock.advance(Duration.between(Instant.now(), NOW));
        james = startJames();
    }

    private static String policy(String mode, String domain) {
        return "version: STSv1\r\nmode: " + mode + "\r\nmx: mx1." + domain + "\r\nmax_age: 86400\r\n";
    }

    private static GuiceJamesServer startJames() throws Exception {
        GuiceJamesServer server = OpsJames.server(Configuration.builder()
                .workingDirectory(workingDirectory.toFile()).build(), new LoopbackDns(), clock)
            .overrideWith(binder -> com.google.inject.multibindings.Multibinder
                .newSetBinder(binder, org.apache.james.utils.GuiceProbe.class).addBinding().to(MetricsProbe.class));
        server.start();
        // James' memory domain list starts empty at every start: the operator's domains.
        for (String domain : List.of(TlsRptCorpus.OWN, READY, NOT_READY, NO_DATA, ENFORCED, NO_POLICY)) {
            assertThat(OpsJames.call(server, "PUT", "/domains/" + domain).status()).isEqualTo(204);
        }
        return server;
    }

    @AfterAll
    static void stopTheWorld() {
        if (james != null) {
            james.stop();
        }
        if (policyHosts != null) {
            policyHosts.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    @Order(1)
    void theReportAddressIsValidAtSmtpAndNothingElseIsOpened() throws Exception {
        try (Smtp smtp = new Smtp(smtpPort(james))) {
            smtp.command("EHLO reporter.test", 250);
            smtp.command("MAIL FROM:<tlsrpt@reporter.test>", 250);
            assertThat(smtp.command("RCPT TO:<tls-reports@own.test>")).isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<TLS-Reports@ready.test>")).isEqualTo(250);
            // ValidRcptHandler still refuses unknown users of our domains.
            assertThat(smtp.command("RCPT TO:<nobody@own.test>")).isEqualTo(550);
            assertThat(smtp.command("RCPT TO:<tls-reportsx@own.test>")).isEqualTo(550);
        }
    }

    @Test
    @Order(2)
    void theCorpusGoesThroughJamesAndTheRoutesCountItExactly() throws Exception {
        JsonNode manifest = JSON.readTree(CORPUS.resolve("corpus.json").toFile());
        for (JsonNode mail : manifest.get("mails")) {
            byte[] bytes = Files.readAllBytes(CORPUS.resolve(mail.get("file").asText()));
            assertThat(send(james, mail.get("from").asText(), mail.get("recipient").asText(), bytes))
                .as(mail.get("file").asText()).isEqualTo(250);
        }
        awaitRejected(10);

        JsonNode list = get("/mta-sts/received-reports?domain=own.test&since=" + CORPUS_SINCE);
        assertThat(list.get("total").asInt()).isEqualTo(21);
        Map<String, JsonNode> byId = new HashMap<>();
        list.get("reports").forEach(report -> byId.put(report.get("reportId").asText(), report));
        for (JsonNode mail : manifest.get("mails")) {
            if (mail.get("outcome").asText().equals("accepted") && mail.get("policyDomain").asText().equals("own.test")) {
                JsonNode report = byId.get(mail.get("reportId").asText());
                assertThat(report).as(mail.get("file").asText()).isNotNull();
                assertThat(report.get("organization").asText()).isEqualTo(mail.get("organization").asText());
                assertThat(report.get("successfulSessions").asLong()).as(mail.get("file").asText())
                    .isEqualTo(mail.get("successfulSessions").asLong());
                assertThat(report.get("failedSessions").asLong()).as(mail.get("file").asText())
                    .isEqualTo(mail.get("failedSessions").asLong());
                assertThat(report.get("policyType").asText()).isEqualTo(mail.get("policyType").asText());
                assertThat(report.get("policyDomain").asText()).isEqualTo("own.test");
                assertThat(report.get("dkim").asText()).isEqualTo("none");
                assertThat(report.get("receivedAt").asText()).startsWith("2026-11-20T");
            }
        }
        JsonNode mailru = byId.get("mailru-own-1");
        assertThat(mailru.get("contactInfo").isNull()).isTrue();
        assertThat(mailru.get("start").asText()).isEqualTo("2026-11-16T00:00:00Z");
        assertThat(mailru.get("end").asText()).isEqualTo("2026-11-17T00:00:00Z");
        assertThat(byId.get("mox-own-1").get("policyType").asText()).isEqualTo("no-policy-found");
        assertThat(byId.get("2026-11-16T00:00:00Z_own.test").get("contactInfo").asText())
            .isEqualTo("smtp-tls-reporting@google.com");
        JsonNode page = get("/mta-sts/received-reports?domain=own.test&since=" + CORPUS_SINCE + "&offset=20&limit=5");
        assertThat(page.get("total").asInt()).isEqualTo(21);
        assertThat(page.get("reports")).hasSize(1);

        assertOwnSummary(get("/mta-sts/received-reports/summary?domain=own.test&since=" + CORPUS_SINCE));
        keep("received-reports", "/mta-sts/received-reports?domain=own.test&since=" + CORPUS_SINCE + "&limit=2");
        keep("summary", "/mta-sts/received-reports/summary?domain=own.test&since=" + CORPUS_SINCE);
        // metrics: accepted reports, rejections by reason, sessions by result type (RFC 8460 result types)
        MetricsProbe metrics = james.getProbe(MetricsProbe.class);
        assertThat(metrics.count("mtasts.inbound.reports.accepted")).isEqualTo(26);
        assertThat(metrics.count("mtasts.inbound.reports.rejected.not-a-report")).isEqualTo(2);
        for (String reason : List.of("invalid-json", "decompression-bomb", "too-large", "foreign-domain", "duplicate",
                "invalid-report", "too-many-policies", "too-many-failure-details")) {
            assertThat(metrics.count("mtasts.inbound.reports.rejected." + reason)).as(reason).isEqualTo(1);
        }
        assertThat(metrics.count("mtasts.inbound.sessions.success")).isEqualTo(7097 + 1053);
        assertThat(metrics.count("mtasts.inbound.sessions.certificate-expired")).isEqualTo(7);
        assertThat(metrics.count("mtasts.inbound.sessions.certificate-host-mismatch")).isEqualTo(1 + 5);

        JsonNode second = get("/mta-sts/received-reports/summary?domain=second.test&since=" + CORPUS_SINCE);
        assertThat(second.get("reports").asLong()).isEqualTo(5);
        assertThat(second.get("successfulSessions").asLong()).isEqualTo(1053);
        assertThat(second.get("failedSessions").asLong()).isEqualTo(5);
        assertThat(second.get("byResultType").toString())
            .isEqualTo("[{\"resultType\":\"certificate-host-mismatch\",\"sessions\":5}]");
    }

    /** own.test: 21 reports from 15 organizations over four days, the figures worked out by hand from the corpus. */
    static void assertOwnSummary(JsonNode summary) {
        assertThat(summary.get("domain").asText()).isEqualTo("own.test");
        assertThat(summary.get("since").asText()).isEqualTo(CORPUS_SINCE);
        assertThat(summary.get("reports").asLong()).isEqualTo(21);
        assertThat(summary.get("successfulSessions").asLong()).isEqualTo(7097);
        assertThat(summary.get("failedSessions").asLong()).isEqualTo(24);
        Map<String, String> organizations = new TreeMap<>();
        summary.get("byOrganization").forEach(org -> organizations.put(org.get("organization").asText(),
            org.get("reports").asLong() + "/" + org.get("successfulSessions").asLong() + "/"
                + org.get("failedSessions").asLong()));
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
            Map.entry("Google Inc.", "3/3760/3"), Map.entry("Microsoft Corporation", "2/1620/2"),
            Map.entry("Yahoo", "2/610/1"), Map.entry("Mail.Ru", "2/290/2"), Map.entry("James Test Org", "2/82/1"),
            Map.entry("Fastmail Pty Ltd", "1/90/0"), Map.entry("Comcast", "1/70/0"),
            Map.entry("Zoho Corporation", "1/60/0"), Map.entry("mox", "1/5/0"), Map.entry("GMX", "1/100/4"),
            Map.entry("Proton AG", "1/200/10"), Map.entry("Tuta", "1/55/0"), Map.entry("Yandex", "1/80/1"),
            Map.entry("Seznam.cz", "1/30/0"), Map.entry("Deutsche Telekom", "1/45/0")));
        assertThat(organizations).isEqualTo(expected);
        // The failure details' counts, by result type; Proton's 4 failed sessions without a detail have none.
        assertThat(summary.get("byResultType").toString()).isEqualTo("["
            + "{\"resultType\":\"certificate-expired\",\"sessions\":7},"
            + "{\"resultType\":\"certificate-not-trusted\",\"sessions\":4},"
            + "{\"resultType\":\"starttls-not-supported\",\"sessions\":3},"
            + "{\"resultType\":\"sts-policy-fetch-error\",\"sessions\":2},"
            + "{\"resultType\":\"validation-failure\",\"sessions\":2},"
            + "{\"resultType\":\"certificate-host-mismatch\",\"sessions\":1},"
            + "{\"resultType\":\"sts-webpki-invalid\",\"sessions\":1}]");
        // Microsoft's sts-policy-fetch-error names no MX.
        assertThat(summary.get("byReceivingMx").toString()).isEqualTo("["
            + "{\"receivingMx\":\"mx2.own.test\",\"failedSessions\":10,\"resultTypes\":"
            + "[\"certificate-expired\",\"certificate-host-mismatch\",\"validation-failure\"]},"
            + "{\"receivingMx\":\"mx1.own.test\",\"failedSessions\":8,\"resultTypes\":"
            + "[\"certificate-not-trusted\",\"starttls-not-supported\",\"sts-webpki-invalid\"]}]");
        assertThat(summary.get("days").toString()).isEqualTo("["
            + "{\"date\":\"2026-11-16\",\"successfulSessions\":3070,\"failedSessions\":17},"
            + "{\"date\":\"2026-11-17\",\"successfulSessions\":2622,\"failedSessions\":6},"
            + "{\"date\":\"2026-11-18\",\"successfulSessions\":1375,\"failedSessions\":1},"
            + "{\"date\":\"2026-11-19\",\"successfulSessions\":30,\"failedSessions\":0}]");
    }

    @Test
    @Order(3)
    void theRejectedListNamesEachReason() throws Exception {
        JsonNode rejected = get("/mta-sts/received-reports/rejected?since=P1D");
        keep("rejected", "/mta-sts/received-reports/rejected?since=P1D");
        assertThat(rejected.get("total").asInt()).isEqualTo(10);
        List<String> reasons = new ArrayList<>();
        List<String> senders = new ArrayList<>();
        rejected.get("rejected").forEach(entry -> {
            reasons.add(entry.get("reason").asText());
            senders.add(entry.get("sender").asText());
            assertThat(entry.get("receivedAt").asText()).startsWith("2026-11-20T");
        });
        assertThat(reasons).containsExactly("invalid-json", "not-a-report", "decompression-bomb", "too-large",
            "foreign-domain", "duplicate", "invalid-report", "too-many-policies", "too-many-failure-details",
            "not-a-report");
        assertThat(senders).containsExactly("tlsrpt@broken.example", "news@news.example", "tlsrpt@bomb.example",
            "tlsrpt@big.example", "noreply-smtp-tls-reporting@google.com", "noreply-smtp-tls-reporting@google.com",
            "tlsrpt@sloppy.example", "tlsrpt@many.example", "tlsrpt@details.example", "tlsrpt@reportlike.example");
    }

    @Test
    @Order(4)
    void malformedParametersAre400AndDomainsNotOursAre404() {
        assertThat(status("/mta-sts/received-reports?domain=own.test&since=yesterday")).isEqualTo(400);
        assertThat(status("/mta-sts/received-reports?domain=own.test&limit=0")).isEqualTo(400);
        assertThat(status("/mta-sts/received-reports?domain=not_a_domain")).isEqualTo(400);
        assertThat(status("/mta-sts/received-reports")).isEqualTo(400);
        assertThat(status("/mta-sts/received-reports/summary?domain=own.test&since=-P1D")).isEqualTo(400);
        assertThat(status("/mta-sts/received-reports/rejected?since=P")).isEqualTo(400);
        assertThat(status("/mta-sts/received-reports/rejected?since=P1000000000000D")).isEqualTo(400);
        assertThat(status("/mta-sts/received-reports?domain=foreign.test")).isEqualTo(404);
        assertThat(status("/mta-sts/received-reports/summary?domain=foreign.test")).isEqualTo(404);
        assertThat(status("/mta-sts/rollout/foreign.test")).isEqualTo(404);
        assertThat(status("/mta-sts/rollout/bad..name")).isEqualTo(400);
        assertThat(status("/mta-sts/received-reports?domain=second.test")).isEqualTo(200);
    }

    @Test
    @Order(5)
    void theRolloutAdviceGivesEachVerdictAgainstLivePolicies() throws Exception {
        LocalDate today = LocalDate.ofInstant(NOW, java.time.ZoneOffset.UTC);
        for (int day = 15; day >= 1; day--) {
            LocalDate date = today.minusDays(day);
            send(james, "noreply-smtp-tls-reporting@google.com", "tls-reports@" + READY,
                TlsRptCorpus.dailyReport(READY, date, 10_000, 0));
            // 1 % failures in the last week: too many.
            send(james, "noreply-smtp-tls-reporting@google.com", "tls-reports@" + NOT_READY,
                TlsRptCorpus.dailyReport(NOT_READY, date, 9_900, day <= 7 ? 100 : 0));
        }
        for (int day = 3; day >= 1; day--) {
            send(james, "noreply-smtp-tls-reporting@google.com", "tls-reports@" + ENFORCED,
                TlsRptCorpus.dailyReport(ENFORCED, today.minusDays(day), 500, 0));
            send(james, "noreply-smtp-tls-reporting@google.com", "tls-reports@" + NO_POLICY,
                TlsRptCorpus.dailyReport(NO_POLICY, today.minusDays(day), 500, 0));
        }
        awaitReports(READY, 15);
        awaitReports(NOT_READY, 15);
        awaitReports(NO_POLICY, 3);

        JsonNode ready = get("/mta-sts/rollout/" + READY);
        for (String domain : List.of(READY, NOT_READY, NO_DATA, ENFORCED, NO_POLICY)) {
            keep("rollout-" + domain, "/mta-sts/rollout/" + domain);
        }
        assertThat(ready.get("verdict").asText()).as(ready.toString()).isEqualTo("ready-to-enforce");
        assertThat(ready.get("domain").asText()).isEqualTo(READY);
        assertThat(ready.get("publishedPolicy").toString())
            .isEqualTo("{\"id\":\"20261101\",\"mode\":\"testing\",\"mx\":[\"mx1.ready.test\"],\"maxAge\":86400}");
        assertThat(ready.get("days").asInt()).isEqualTo(15);
        assertThat(ready.get("reports").asInt()).isEqualTo(15);
        assertThat(ready.get("organizations").asInt()).isEqualTo(1);
        assertThat(ready.get("failedSessions").asLong()).isZero();
        assertThat(ready.get("failureRate").asDouble()).isZero();
        assertThat(ready.get("reasons")).isEmpty();
        assertThat(ready.get("nextSteps").toString()).contains("mode: enforce");

        JsonNode notReady = get("/mta-sts/rollout/" + NOT_READY);
        assertThat(notReady.get("verdict").asText()).as(notReady.toString()).isEqualTo("not-ready");
        assertThat(notReady.get("reasons").size()).as(notReady.toString()).isGreaterThanOrEqualTo(2);
        assertThat(notReady.get("reasons").toString()).contains("backup.notready.test");

        JsonNode noData = get("/mta-sts/rollout/" + NO_DATA);
        assertThat(noData.get("verdict").asText()).as(noData.toString()).isEqualTo("no-data");
        assertThat(noData.get("reports").asInt()).isZero();

        JsonNode enforced = get("/mta-sts/rollout/" + ENFORCED);
        assertThat(enforced.get("verdict").asText()).as(enforced.toString()).isEqualTo("already-enforced");
        assertThat(enforced.at("/publishedPolicy/mode").asText()).isEqualTo("enforce");

        JsonNode noPolicy = get("/mta-sts/rollout/" + NO_POLICY);
        assertThat(noPolicy.get("verdict").asText()).as(noPolicy.toString()).isEqualTo("no-policy");
        assertThat(noPolicy.get("publishedPolicy").isNull()).isTrue();
        assertThat(noPolicy.get("reports").asInt()).isEqualTo(3);
    }

    @Test
    @Order(6)
    void aRestartKeepsEverything() throws Exception {
        String summary = summaryWithoutUntil();
        String list = get("/mta-sts/received-reports?domain=own.test&since=" + CORPUS_SINCE).toString();
        String rejected = get("/mta-sts/received-reports/rejected?since=P1D").toString();
        String ready = get("/mta-sts/rollout/" + READY).get("verdict").asText();

        james.stop();
        james = startJames();

        assertThat(summaryWithoutUntil()).isEqualTo(summary);
        assertOwnSummary(get("/mta-sts/received-reports/summary?domain=own.test&since=" + CORPUS_SINCE));
        assertThat(get("/mta-sts/received-reports?domain=own.test&since=" + CORPUS_SINCE).toString()).isEqualTo(list);
        assertThat(get("/mta-sts/received-reports/rejected?since=P1D").toString()).isEqualTo(rejected);
        assertThat(get("/mta-sts/rollout/" + READY).get("verdict").asText()).isEqualTo(ready);
        // and the duplicate of a report stored before the restart is still one
        send(james, "noreply-smtp-tls-reporting@google.com", "tls-reports@own.test",
            Files.readAllBytes(CORPUS.resolve("01-google-own-day1.eml")));
        awaitRejected(11);
        assertThat(get("/mta-sts/received-reports/rejected?since=P1D").at("/rejected/10/reason").asText())
            .isEqualTo("duplicate");
        assertThat(summaryWithoutUntil()).isEqualTo(summary);
    }

    @Test
    @Order(7)
    void theCommandLinePrintsTheSameFiguresAsTheRoute() throws Exception {
        // Every corpus mail (not the manifest), with this James' mail size limit and the route's window.
        List<String> arguments = new ArrayList<>(List.of("reports", "--json", "--since", CORPUS_SINCE,
            "--max-mail-bytes", String.valueOf(TlsRptCorpus.TEST_MAX_MAIL_BYTES)));
        try (java.util.stream.Stream<Path> files = Files.list(CORPUS)) {
            files.map(Path::toString).filter(name -> name.endsWith(".eml")).sorted().forEach(arguments::add);
        }
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine command = dev.mtasts.cli.MtaStsCommand.newCommandLine();
        command.setOut(new java.io.PrintWriter(out));
        command.setErr(new java.io.PrintWriter(err));

        int exitCode = command.execute(arguments.toArray(String[]::new));

        assertThat(exitCode).as(err.toString()).isZero();
        JsonNode printed = JSON.readTree(out.toString());
        Map<String, JsonNode> summaries = new HashMap<>();
        printed.get("summaries").forEach(summary -> summaries.put(summary.get("domain").asText(), summary));
        for (String domain : List.of(TlsRptCorpus.OWN, TlsRptCorpus.SECOND)) {
            com.fasterxml.jackson.databind.node.ObjectNode route = (com.fasterxml.jackson.databind.node.ObjectNode)
                get("/mta-sts/received-reports/summary?domain=" + domain + "&since=" + CORPUS_SINCE);
            com.fasterxml.jackson.databind.node.ObjectNode cli =
                (com.fasterxml.jackson.databind.node.ObjectNode) summaries.get(domain).deepCopy();
            // the same window but its end, now, a few seconds apart
            for (com.fasterxml.jackson.databind.node.ObjectNode node : List.of(route, cli)) {
                node.remove("until");
            }
            assertThat(cli).as(domain).isEqualTo(route);
        }
        assertOwnSummary(summaries.get(TlsRptCorpus.OWN));
        // the command has no James domain list: the foreign report is summarised, the rest rejected as in James
        List<String> reasons = new ArrayList<>();
        printed.get("rejected").forEach(rejected -> reasons.add(rejected.get("reason").asText()));
        assertThat(reasons).containsExactlyInAnyOrder("invalid-json", "not-a-report", "decompression-bomb",
            "too-large", "duplicate", "invalid-report", "too-many-policies", "too-many-failure-details",
            "not-a-report");
    }

    // ---------------------------------------------------------------- helpers

    /** Reads James' counters (the WebAdmin of this test world has no /metrics route). */
    public static final class MetricsProbe implements org.apache.james.utils.GuiceProbe {
        private final org.apache.james.metrics.api.MetricFactory metricFactory;

        @com.google.inject.Inject
        public MetricsProbe(org.apache.james.metrics.api.MetricFactory metricFactory) {
            this.metricFactory = metricFactory;
        }

        long count(String name) {
            return metricFactory.generate(name).getCount();
        }
    }

    /** The own.test summary; {@code until} is now, so it moves. */
    private static String summaryWithoutUntil() {
        com.fasterxml.jackson.databind.node.ObjectNode summary = (com.fasterxml.jackson.databind.node.ObjectNode)
            get("/mta-sts/received-reports/summary?domain=own.test&since=" + CORPUS_SINCE);
        summary.remove("until");
        return summary.toString();
    }

    private static JsonNode get(String path) {
        OpsJames.Reply reply = OpsJames.call(james, "GET", path);
        assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(200);
        try {
            return JSON.readTree(reply.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps a route's answer under target/inbound-examples (the README shows them). */
    private static void keep(String name, String path) {
        try {
            Path directory = Files.createDirectories(Path.of("target/inbound-examples"));
            Files.writeString(directory.resolve(name + ".json"), "$ curl -s 'http://127.0.0.1:8000" + path + "'\n"
                + OpsJames.call(james, "GET", path).body() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int status(String path) {
        return OpsJames.call(james, "GET", path).status();
    }

    private static void awaitRejected(int count) throws InterruptedException {
        await(() -> get("/mta-sts/received-reports/rejected?since=P1D").get("total").asInt() >= count,
            count + " rejections");
    }

    private static void awaitReports(String domain, int count) throws InterruptedException {
        await(() -> get("/mta-sts/received-reports?domain=" + domain + "&since=P60D").get("total").asInt() >= count,
            count + " reports for " + domain);
    }

    private static void await(java.util.function.BooleanSupplier condition, String what)
        throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(100);
        }
        // the spool may still be on the last mail of a batch: let it settle
        Thread.sleep(300);
    }

    static int smtpPort(GuiceJamesServer server) {
        return server.getProbe(SmtpGuiceProbe.class).getSmtpPort().getValue();
    }

    /** Sends one mail as it is (RFC 5321 DATA with dot-stuffing); the reply code to the end of data. */
    static int send(GuiceJamesServer server, String from, String to, byte[] mail) throws IOException {
        try (Smtp smtp = new Smtp(smtpPort(server))) {
            smtp.command("EHLO reporter.test", 250);
            smtp.command("MAIL FROM:<" + from + ">", 250);
            smtp.command("RCPT TO:<" + to + ">", 250);
            smtp.command("DATA", 354);
            return smtp.data(mail);
        }
    }

    /** A minimal SMTP client: the test needs each reply code. */
    static final class Smtp implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Smtp(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(60_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
            reply();
        }

        int command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return reply();
        }

        void command(String line, int expected) throws IOException {
            int code = command(line);
            if (code != expected) {
                throw new IllegalStateException(line + " answered " + code);
            }
        }

        int data(byte[] mail) throws IOException {
            String text = new String(mail, StandardCharsets.ISO_8859_1);
            StringBuilder stuffed = new StringBuilder(text.length() + 64);
            for (String line : text.split("\r\n", -1)) {
                stuffed.append(line.startsWith(".") ? "." + line : line).append("\r\n");
            }
            out.write(stuffed.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return reply();
        }

        private int reply() throws IOException {
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new IOException("connection closed");
                }
            } while (line.length() > 3 && line.charAt(3) == '-');
            return Integer.parseInt(line.substring(0, 3));
        }

        @Override
        public void close() throws IOException {
            try {
                out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // closing anyway
            }
            socket.close();
        }
    }
}
