package dev.mtasts.report;

import dev.mtasts.outcome.TlsOutcome;

import dev.mtasts.outcome.ResultType;

import dev.mtasts.testpeers.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.discovery.RecordDiscovery;
import dev.mtasts.policy.Mode;
import dev.mtasts.testpeers.FakeDns;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsReportingTest {

    private final TestClock clock = new TestClock("2024-03-01T10:00:00Z");
    private final FakeDns dns = new FakeDns()
            .txt("_smtp._tls.example.com", "v=TLSRPTv1; rua=mailto:tlsrpt@example.com");
    private final RecordingMailTransport mail = new RecordingMailTransport();
    private final TlsReportSettings settings = TlsReportSettings.defaults("mail.sender.example")
            .withSendJitter(Duration.ZERO);

    @Test
    void outcomesFeedTheReportsAndTheFigures(@TempDir Path directory) throws IOException {
        try (TlsReporting reporting = new TlsReporting(settings, new FileTlsReportStore(directory),
                new RecordDiscovery(dns), new RecordingHttpsTransport(), mail, clock)) {
            reporting.record(Outcomes.success("2024-03-01T10:00:00Z"));
            reporting.record(Outcomes.failure("2024-03-01T10:05:00Z", ResultType.CERTIFICATE_EXPIRED,
                    "mx1.example.com", "192.0.2.10"));
            reporting.statistics().recordPolicyFetch("example.com", Optional.empty());

            assertThat(reporting.statistics().report(Instant.EPOCH).overall().tlsEnforcementSuccess())
                    .isEqualTo(new Rate(1, 2));
            clock.set("2024-03-02T01:00:00Z");
            assertThat(reporting.runOnce().delivered()).isEqualTo(1);
            assertThat(mail.sent()).hasSize(1);
        }
    }

    @Test
    void closeWritesEverythingAndAReopenedInstanceCarriesOn(@TempDir Path directory) throws IOException {
        TlsReporting first = new TlsReporting(settings, new FileTlsReportStore(directory), new RecordDiscovery(dns),
                new RecordingHttpsTransport(), mail, clock).start();
        first.record(Outcomes.success("2024-03-01T10:00:00Z"));
        first.close();

        try (TlsReporting second = new TlsReporting(settings, new FileTlsReportStore(directory),
                new RecordDiscovery(dns), new RecordingHttpsTransport(), mail, clock)) {
            assertThat(second.statistics().report(Instant.EPOCH).overall().tlsEnforcementSuccess())
                    .isEqualTo(new Rate(1, 1));
            clock.set("2024-03-02T01:00:00Z");
            assertThat(second.runOnce().delivered()).isEqualTo(1);
        }
    }

    @Test
    void anOutcomeWithoutADomainIsIgnored() {
        try (TlsReporting reporting = new TlsReporting(settings, new InMemoryTlsReportStore(),
                new RecordDiscovery(dns), new RecordingHttpsTransport(), mail, clock)) {
            reporting.record(new TlsOutcome(Instant.parse("2024-03-01T10:00:00Z"), "", Mode.ENFORCE, "", "",
                    Optional.empty(), ""));

            assertThat(reporting.aggregator().openDays()).isEmpty();
        }
    }
}
