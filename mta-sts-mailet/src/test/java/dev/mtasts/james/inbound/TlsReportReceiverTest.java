package dev.mtasts.james.inbound;

import dev.mtasts.inbound.FileReceivedReportStore;
import dev.mtasts.inbound.InMemoryReceivedReportStore;
import dev.mtasts.inbound.ReceivedReportStore;
import dev.mtasts.inbound.RejectedReport;
import dev.mtasts.inbound.ReportLimits;
import dev.mtasts.inbound.ReportMailReader;
import dev.mtasts.inbound.StoreLimits;
import dev.mtasts.james.config.MtaStsSettings;
import dev.mtasts.james.config.MtaStsSettingsParser;
import dev.mtasts.james.metrics.MtaStsMetrics;
import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The mailet around the engine: what it keeps, what it records as rejected, what it counts, and that no mail can make
 * it throw or leave the mail in the spool; only a store that cannot write does, leaving the mail to James' error
 * handling.
 */
class TlsReportReceiverTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    private final InMemoryReceivedReportStore store = new InMemoryReceivedReportStore();
    private final RecordingMetricFactory metricFactory = new RecordingMetricFactory();

    private TlsReportReceiver receiver(Map<String, String> properties) throws Exception {
        return receiver(properties, store);
    }

    private static MtaStsSettings settings(Map<String, String> properties) throws Exception {
        Map<String, String> values = new HashMap<>(properties);
        values.putIfAbsent(MtaStsSettingsParser.INBOUND_DOMAINS, "listed.example");
        return MtaStsSettingsParser.parse(values, Path.of("/opt/james"), Path.of("/opt/james/var"));
    }

    private TlsReportReceiver receiver(Map<String, String> properties, ReceivedReportStore into) throws Exception {
        MtaStsSettings settings = settings(properties);
        LocalDomains localDomains = new LocalDomains(domainList("own.example"));
        ReportIntake intake = new ReportIntake(new ReportMailReader(ReportLimits.defaults()), into, settings.inbound(),
            localDomains, new MtaStsMetrics(metricFactory), Clock.fixed(NOW, ZoneOffset.UTC));
        return new TlsReportReceiver(intake, settings);
    }

    /** A DomainList answering for these domains only. */
    static DomainList domainList(String... domains) {
        List<Domain> list = java.util.Arrays.stream(domains).map(Domain::of).collect(Collectors.toList());
        return (DomainList) Proxy.newProxyInstance(DomainList.class.getClassLoader(), new Class<?>[] {DomainList.class},
            (proxy, method, args) -> {
                switch (method.getName()) {
                    case "getDomains":
                        return list;
                    case "containsDomain":
                        return list.contains(args[0]);
                    default:
                        throw new UnsupportedOperationException(method.getName());
                }
            });
    }

    static String report(String organization, String reportId, String policyDomain) {
        // RFC 8460 §4.4
        return "{\"organization-name\":\"" + organization + "\",\"date-range\":{\"start-datetime\":"
            + "\"2026-11-19T00:00:00Z\",\"end-datetime\":\"2026-11-19T23:59:59Z\"},\"contact-info\":\"x@y.example\","
            + "\"report-id\":\"" + reportId + "\",\"policies\":[{\"policy\":{\"policy-type\":\"sts\","
            + "\"policy-string\":[\"version: STSv1\",\"mode: testing\",\"mx: mx.x\",\"max_age: 86400\"],"
            + "\"policy-domain\":\"" + policyDomain + "\",\"mx-host\":[\"mx.x\"]},"
            + "\"summary\":{\"total-successful-session-count\":90,\"total-failure-session-count\":10},"
            + "\"failure-details\":[{\"result-type\":\"certificate-expired\",\"sending-mta-ip\":\"192.0.2.1\","
            + "\"receiving-mx-hostname\":\"mx.x\",\"receiving-ip\":\"192.0.2.2\",\"failed-session-count\":10}]}]}";
    }

    /** RFC 8460 §5.3: multipart/report; report-type=tlsrpt with a +json part. */
    static MimeMessage mail(String json) throws MessagingException {
        String text = "From: reporter@sender.example\r\nTo: tls-reports@own.example\r\nSubject: Report\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=tlsrpt; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nA report.\r\n"
            + "--b\r\nContent-Type: application/tlsrpt+json\r\n\r\n" + json + "\r\n--b--\r\n";
        return new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static FakeMail fakeMail(MimeMessage message, Attribute... attributes) throws MessagingException {
        FakeMail.Builder builder = FakeMail.builder().name("m").sender("reporter@sender.example")
            .recipient("tls-reports@own.example").mimeMessage(message).state(Mail.DEFAULT);
        for (Attribute attribute : attributes) {
            builder.attribute(attribute);
        }
        return builder.build();
    }

    @Test
    void aReportAboutOurDomainIsStoredCountedAndConsumed() throws Exception {
        FakeMail mail = fakeMail(mail(report("Sender Inc.", "r-1", "own.example")));

        receiver(Map.of()).service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(store.reports(Instant.EPOCH)).hasSize(1);
        assertThat(store.reports(Instant.EPOCH).get(0).dkim()).isEqualTo("none");
        assertThat(store.reports(Instant.EPOCH).get(0).receivedAt()).isEqualTo(NOW);
        assertThat(metricFactory.countFor(MtaStsMetrics.INBOUND_ACCEPTED)).isEqualTo(1);
        assertThat(metricFactory.countFor(MtaStsMetrics.inboundSessionsMetric("success"))).isEqualTo(90);
        assertThat(metricFactory.countFor(MtaStsMetrics.inboundSessionsMetric("certificate-expired"))).isEqualTo(10);
    }

    @Test
    void passOnLeavesTheMailToTheNextMailet() throws Exception {
        FakeMail mail = fakeMail(mail(report("Sender Inc.", "r-1", "own.example")));

        receiver(Map.of(MtaStsSettingsParser.INBOUND_PASS_ON, "true")).service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.DEFAULT);
        assertThat(store.reports(Instant.EPOCH)).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a listed domain                 | listed.example  | ",
        "a domain that is not ours       | foreign.example | foreign-domain",
    })
    void thePolicyDomainMustBeOurs(String name, String policyDomain, String reason) throws Exception {
        receiver(Map.of()).service(fakeMail(mail(report("Sender Inc.", "r-1", policyDomain))));

        assertThat(store.rejected(Instant.EPOCH).stream().map(rejected -> rejected.reason().code()))
            .containsExactlyElementsOf(reason == null ? List.of() : List.of(reason));
    }

    @Test
    void aDuplicateIsCountedOnceAndRecorded() throws Exception {
        TlsReportReceiver receiver = receiver(Map.of());
        receiver.service(fakeMail(mail(report("Sender Inc.", "r-1", "own.example"))));
        receiver.service(fakeMail(mail(report("Sender Inc.", "r-1", "own.example"))));
        receiver.service(fakeMail(mail(report("Other Org", "r-1", "own.example"))));

        assertThat(store.reports(Instant.EPOCH)).hasSize(2);
        List<RejectedReport> rejected = store.rejected(Instant.EPOCH);
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).reason().code()).isEqualTo("duplicate");
        assertThat(rejected.get(0).sender()).isEqualTo("reporter@sender.example");
        assertThat(metricFactory.countFor(MtaStsMetrics.inboundRejectedMetric("duplicate"))).isEqualTo(1);
    }

    @ParameterizedTest(name = "DKIMVerify said {0}, requireDkim={1}")
    @CsvSource(delimiter = '|', nullValues = "ABSENT", value = {
        "pass (identity @sender.example) | false | pass    | ",
        "fail (body hash did not verify) | false | fail    | ",
        "ABSENT                          | false | none    | ",
        "pass (identity @sender.example) | true  | pass    | ",
        "fail (body hash did not verify) | true  |         | dkim-required",
        "neutral (no signatures)         | true  |         | dkim-required",
        "ABSENT                          | true  |         | dkim-required",
    })
    void theDkimVerdictIsKeptAndCanBeRequired(String attribute, boolean requireDkim, String kept, String reason)
        throws Exception {
        FakeMail mail = attribute == null ? fakeMail(mail(report("Sender Inc.", "r-1", "own.example")))
            : fakeMail(mail(report("Sender Inc.", "r-1", "own.example")),
                new Attribute(AttributeName.of("jDKIM.AUTHRESULT"), AttributeValue.of(attribute)));

        receiver(Map.of(MtaStsSettingsParser.INBOUND_REQUIRE_DKIM, String.valueOf(requireDkim))).service(mail);

        if (reason == null) {
            assertThat(store.reports(Instant.EPOCH)).singleElement()
                .satisfies(stored -> assertThat(stored.dkim()).isEqualTo(kept));
        } else {
            assertThat(store.reports(Instant.EPOCH)).isEmpty();
            assertThat(store.rejected(Instant.EPOCH)).singleElement()
                .satisfies(rejected -> assertThat(rejected.reason().code()).isEqualTo(reason));
        }
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void aMailTheEngineCannotEvenOpenIsRejectedNotThrown() throws Exception {
        MimeMessage exploding = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            public String getContentType() {
                throw new IllegalStateException("boom");
            }

            @Override
            public Object getContent() {
                throw new IllegalStateException("boom");
            }

            @Override
            public java.io.InputStream getInputStream() {
                throw new IllegalStateException("boom");
            }
        };
        FakeMail mail = fakeMail(exploding);

        receiver(Map.of()).service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(store.rejected(Instant.EPOCH)).hasSize(1);
    }

    @Test
    void aMailWhoseMessageJamesCannotHandOverIsRecordedNotThrown() throws Exception {
        FakeMail delegate = fakeMail(mail("{}"));
        Mail broken = (Mail) Proxy.newProxyInstance(Mail.class.getClassLoader(), new Class<?>[] {Mail.class},
            (proxy, method, args) -> {
                if (method.getName().equals("getMessage")) {
                    throw new MessagingException("spool file gone");
                }
                try {
                    return method.invoke(delegate, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                }
            });

        receiver(Map.of()).service(broken);

        assertThat(broken.getState()).isEqualTo(Mail.GHOST);
        assertThat(store.rejected(Instant.EPOCH)).singleElement()
            .satisfies(rejected -> assertThat(rejected.detail()).contains("spool file gone"));
    }

    @Test
    void aMailAboveTheSizeLimitIsRejectedBeforeItIsRead() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").sender("reporter@sender.example")
            .recipient("tls-reports@own.example").mimeMessage(mail(report("Sender Inc.", "r-1", "own.example")))
            .size(2048).build();

        receiver(Map.of(MtaStsSettingsParser.INBOUND_MAX_MAIL_BYTES, "1024")).service(mail);

        assertThat(store.rejected(Instant.EPOCH)).singleElement()
            .satisfies(rejected -> assertThat(rejected.reason().code()).isEqualTo("too-large"));
        assertThat(metricFactory.countFor(MtaStsMetrics.inboundRejectedMetric("too-large"))).isEqualTo(1);
    }

    @Test
    void pastMaxReportsPerDayAReportIsRejectedAndRecorded() throws Exception {
        Map<String, String> properties = Map.of(MtaStsSettingsParser.INBOUND_MAX_REPORTS_PER_DAY, "1");
        InMemoryReceivedReportStore capped = new InMemoryReceivedReportStore(settings(properties).inbound().storage());
        TlsReportReceiver receiver = receiver(properties, capped);
        FakeMail first = fakeMail(mail(report("Sender Inc.", "r-1", "own.example")));
        FakeMail second = fakeMail(mail(report("Sender Inc.", "r-2", "own.example")));

        receiver.service(first);
        receiver.service(second);

        assertThat(capped.reports(Instant.EPOCH)).singleElement()
            .satisfies(stored -> assertThat(stored.report().reportId()).isEqualTo("r-1"));
        assertThat(capped.rejected(Instant.EPOCH)).singleElement()
            .satisfies(rejected -> assertThat(rejected.reason().code()).isEqualTo("daily-limit"));
        assertThat(metricFactory.countFor(MtaStsMetrics.inboundRejectedMetric("daily-limit"))).isEqualTo(1);
        assertThat(List.of(first.getState(), second.getState())).containsOnly(Mail.GHOST);
    }

    @Test
    void aReportThatCannotBeStoredIsLeftToJamesErrorHandlingNotConsumed(@TempDir Path temporary) throws Exception {
        Path directory = temporary.resolve("received");
        FileReceivedReportStore files = new FileReceivedReportStore(directory, StoreLimits.defaults(),
            Clock.fixed(NOW, ZoneOffset.UTC));
        TlsReportReceiver receiver = receiver(Map.of(), files);
        Files.delete(directory);
        Files.writeString(directory, "a file where the store's directory was");
        FakeMail mail = fakeMail(mail(report("Sender Inc.", "r-1", "own.example")));

        assertThatThrownBy(() -> receiver.service(mail)).isInstanceOf(MessagingException.class)
            .hasMessageContaining("could not be stored");

        assertThat(mail.getState()).isEqualTo(Mail.DEFAULT);
        assertThat(files.reports(Instant.EPOCH)).isEmpty();
        assertThat(files.rejected(Instant.EPOCH)).isEmpty();
        assertThat(metricFactory.countFor(MtaStsMetrics.INBOUND_ACCEPTED)).isZero();

        Files.delete(directory);
        Files.createDirectory(directory);
        receiver.service(mail);

        assertThat(mail.getState()).as("taken when James retries it").isEqualTo(Mail.GHOST);
        assertThat(files.reports(Instant.EPOCH)).hasSize(1);
        assertThat(files.rejected(Instant.EPOCH)).isEmpty();
    }

    @Test
    void theMatcherTakesOnlyTheReportAddressAtJamesDomains() throws Exception {
        MtaStsSettings settings = MtaStsSettingsParser.parse(Map.of(), Path.of("/opt/james"),
            Path.of("/opt/james/var"));
        IsTlsReportRecipient matcher = new IsTlsReportRecipient(settings, new LocalDomains(domainList("own.example")));
        FakeMail mail = FakeMail.builder().name("m").sender("reporter@sender.example")
            .recipients("tls-reports@own.example", "alice@own.example", "tls-reports@foreign.example")
            .mimeMessage(mail("{}")).build();

        assertThat(matcher.match(mail)).extracting(Object::toString).containsExactly("tls-reports@own.example");
    }
}
