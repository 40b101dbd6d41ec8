package dev.mtasts.dashboard;

import dev.mtasts.outcome.OutboundSession;
import dev.mtasts.outcome.ResultType;
import dev.mtasts.outcome.TlsOutcome;
import dev.mtasts.policy.Mode;
import dev.mtasts.report.DeliveryStatistics;
import dev.mtasts.report.InMemoryTlsReportStore;
import dev.mtasts.testpeers.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardPageTest {

    private static final String HOSTILE = "<script>alert(1)</script>\"'.example";

    private final TestClock clock = new TestClock("2026-12-01T12:30:00Z");
    private final DeliveryStatistics statistics = new DeliveryStatistics(new InMemoryTlsReportStore(), clock);

    private DashboardView view(List<PolicyRow> rows, int total, int offset, int limit) {
        Instant now = clock.instant();
        return new DashboardView(now, FigureWindow.standard(statistics, now),
            statistics.clearTextDomains(now.minusSeconds(86_400 * 30L), 20), total, offset, limit, rows,
            Optional.of(List.of()));
    }

    private static PolicyRow row(String domain, String error) {
        return new PolicyRow(domain, "enforce", "id<1>", Instant.parse("2026-12-08T00:00:00Z"),
            Optional.ofNullable(error), error == null ? 0 : 3);
    }

    @Test
    void showsTheFiguresOfEachWindowWithAChartEach() {
        Instant at = clock.instant().minusSeconds(3600);
        statistics.recordSession(OutboundSession.encrypted("enforce", at, "a.example", "mx.a.example", "TLSv1.3",
            "TLS_AES_128_GCM_SHA256", true));
        statistics.recordSession(OutboundSession.clearText("standard", at, "plain.example", "mx.plain.example"));
        statistics.record(new TlsOutcome(at, "a.example", Mode.ENFORCE, "1", "mx.a.example", Optional.empty(), "ok"));
        statistics.record(new TlsOutcome(at, "b.example", Mode.TESTING, "1", "mx.b.example",
            Optional.of(ResultType.CERTIFICATE_EXPIRED), "expired"));

        String html = DashboardPage.render(view(List.of(), 0, 0, 50));

        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script", "http://", "https://")
            .contains("<span class=\"value\" data-succeeded=\"1\" data-total=\"2\">50.0 %</span>")
            .contains("<span class=\"value\" data-succeeded=\"1\" data-total=\"1\">100.0 %</span>")
            .contains("<tr data-result=\"certificate-expired\"><td>certificate-expired</td>"
                + "<td class=\"num\" data-window=\"24h\">1</td>")
            .contains("<tr data-domain=\"plain.example\">");
        assertThat(html.split("<svg class=\"chart\"", -1)).hasSize(4 * 3 + 1);
        assertThat(html).contains("data-figure=\"encryptedDelivery\" data-window=\"24h\"",
            "data-figure=\"policyValidation\" data-window=\"30d\"");
    }

    @Test
    void everyStringFromOutsideIsEscaped() {
        statistics.recordSession(OutboundSession.clearText("standard", clock.instant(), HOSTILE, "mx"));

        String html = DashboardPage.render(view(List.of(row(HOSTILE, "sts-policy-fetch-error: <b>HTTP 500</b>")),
            1, 0, 50));

        assertThat(html).doesNotContain("<script>", "<b>HTTP", "id<1>")
            .contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;.example", "&lt;b&gt;HTTP 500&lt;/b&gt;",
                "id&lt;1&gt;");
    }

    @Test
    void thePolicyTableLinksToThePreviousAndNextPages() {
        String html = DashboardPage.render(view(List.of(row("b.example", null), row("c.example", null)), 10, 2, 2));

        assertThat(html).contains("<section id=\"policies\" data-total=\"10\">", "3–4 of 10 cached policies",
            "<a rel=\"prev\" href=\"?offset=0&amp;limit=2\">", "<a rel=\"next\" href=\"?offset=4&amp;limit=2\">");
        assertThat(DashboardPage.render(view(List.of(row("j.example", null)), 10, 9, 2)))
            .contains("rel=\"prev\"").doesNotContain("rel=\"next\"");
    }
}
