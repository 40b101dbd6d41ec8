package dev.mtasts.integration;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.utils.WebAdminGuiceProbe;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /mta-sts/dashboard} of a running James, opened in Debian's headless {@code chromium} after the
 * {@link KnownDeliveries}: the rendered DOM shows their figures, charts and tables, the page causes no console
 * error, and a screenshot is saved ({@code target/dashboard.png}, the README's picture).
 */
class DashboardInChromiumTest {

    static final int DEVTOOLS_PORT = 10322;
    static final Path SCREENSHOT = Path.of("target", "dashboard.png");

    @RegisterExtension
    @Order(1)
    static final ObservePeers PEERS = new ObservePeers();

    @RegisterExtension
    @Order(2)
    static final JamesServerExtension JAMES = OpsJames.perClass(PEERS::writeConf, ObservePeers.dns(),
        new MovableClock());

    private static final String FIGURES = """
        (() => {
          const figures = {};
          document.querySelectorAll('.figure').forEach(figure => {
            figures[figure.id] = {};
            figure.querySelectorAll('.row').forEach(row => {
              const value = row.querySelector('.value');
              figures[figure.id][row.dataset.window] = {succeeded: Number(value.dataset.succeeded),
                total: Number(value.dataset.total), text: value.textContent,
                bars: row.querySelectorAll('svg.chart rect.bar').length,
                buckets: row.querySelectorAll('svg.chart rect').length,
                chartHeight: row.querySelector('svg.chart').getBoundingClientRect().height};
            });
          });
          return figures;
        })()""";

    private static final String TABLES = """
        (() => {
          const cells = (selector, attribute) => Object.fromEntries(
            [...document.querySelectorAll(selector + ' tbody tr')].map(row => [row.dataset[attribute],
              [...row.querySelectorAll('td')].map(cell => cell.textContent.trim())]));
          return {
            lanes: cells('#lanes', 'lane'),
            failures: cells('#failures', 'result'),
            clearText: cells('#cleartext', 'domain'),
            policies: cells('#policies', 'domain'),
            policyTotal: document.querySelector('#policies').dataset.total,
            next: document.querySelector('#policies a[rel=next]')?.getAttribute('href') ?? null,
            failureBars: Object.fromEntries([...document.querySelectorAll('svg[data-chart=failures] g')]
              .map(bar => [bar.dataset.label, Number(bar.dataset.count)])),
            ownDomains: document.querySelector('#own-domains')?.textContent ?? null,
            scripts: document.scripts.length,
            external: [...document.querySelectorAll('[src],link[href]')].map(element =>
              element.getAttribute('src') ?? element.getAttribute('href'))
          };
        })()""";

    @Test
    void theDashboardShowsTheKnownDeliveries(GuiceJamesServer james) throws Exception {
        KnownDeliveries.sendAndAwait(james, PEERS);
        int port = james.getProbe(WebAdminGuiceProbe.class).getWebAdminPort().getValue();
        String page = "http://127.0.0.1:" + port + "/mta-sts/dashboard?limit=2";

        try (HeadlessChromium chromium = HeadlessChromium.start(DEVTOOLS_PORT)) {
            chromium.open(page, 1280);
            JsonNode figures = chromium.evaluate(FIGURES);
            JsonNode tables = chromium.evaluate(TABLES);
            Files.createDirectories(SCREENSHOT.getParent());
            Files.write(SCREENSHOT, chromium.screenshot());

            for (String window : List.of("24h", "7d", "30d")) {
                assertRate(figures, "figure-tlsEnforcementSuccess", window, 1, KnownDeliveries.ENFORCE_SESSIONS,
                    "33.3 %");
                assertRate(figures, "figure-encryptedDelivery", window, KnownDeliveries.ENCRYPTED_SESSIONS,
                    KnownDeliveries.SESSIONS, "40.0 %");
                assertRate(figures, "figure-policyRetrieval", window, 4, 5, "80.0 %");
                assertRate(figures, "figure-policyValidation", window, 3, 4, "75.0 %");
            }
            // One bar in the hour (24h) or day (7d, 30d) of the deliveries, a faint tick for every other bucket.
            assertThat(figures.at("/figure-encryptedDelivery/24h/bars").asInt()).isEqualTo(1);
            assertThat(figures.at("/figure-encryptedDelivery/24h/buckets").asInt()).isBetween(24, 26);
            assertThat(figures.at("/figure-encryptedDelivery/30d/bars").asInt()).isEqualTo(1);
            assertThat(figures.at("/figure-encryptedDelivery/30d/buckets").asInt()).isBetween(30, 32);
            assertThat(figures.at("/figure-policyRetrieval/7d/chartHeight").asDouble()).isPositive();

            assertThat(cells(tables, "/lanes/all")).startsWith("all lanes", "40.0 % (2 / 5)");
            assertThat(cells(tables, "/lanes/standard")).startsWith("standard", "0.0 % (0 / 3)");
            assertThat(cells(tables, "/lanes/testing")).startsWith("testing", "100.0 % (1 / 1)");
            assertThat(cells(tables, "/lanes/enforce")).startsWith("enforce", "100.0 % (1 / 1)");
            assertThat(cells(tables, "/failures/certificate-host-mismatch")).containsExactly(
                "certificate-host-mismatch", "1", "1", "1");
            assertThat(cells(tables, "/failures/starttls-not-supported")).startsWith("starttls-not-supported", "2");
            assertThat(cells(tables, "/failures/sts-policy-fetch-error")).startsWith("sts-policy-fetch-error", "1");
            assertThat(cells(tables, "/failures/sts-policy-invalid")).startsWith("sts-policy-invalid", "1");
            assertThat(cells(tables, "/failures/certificate-expired")).startsWith("certificate-expired", "0");
            assertThat(tables.at("/failureBars/certificate-host-mismatch").asInt()).isEqualTo(1);
            assertThat(tables.get("clearText").size()).isEqualTo(3);
            for (String domain : List.of(KnownDeliveries.NO_POLICY, KnownDeliveries.POLICY_HOST_DOWN,
                KnownDeliveries.POLICY_INVALID)) {
                assertThat(cells(tables, "/clearText/" + domain.replace("/", "~1")))
                    .containsExactly(domain, "1", "1", "100.0 %");
            }
            assertThat(tables.get("policyTotal").asText()).isEqualTo("3");
            assertThat(tables.get("policies").size()).isEqualTo(2);
            assertThat(cells(tables, "/policies/" + KnownDeliveries.ENFORCE_OK)).startsWith(
                KnownDeliveries.ENFORCE_OK, "enforce", "ok1");
            assertThat(tables.get("next").asText()).isEqualTo("?offset=2&limit=2");
            assertThat(tables.get("ownDomains").asText()).contains("No TLS report received");
            assertThat(tables.get("scripts").asInt()).isZero();
            assertThat(tables.get("external")).allSatisfy(link -> assertThat(link.asText()).startsWith("data:"));

            chromium.open(page.replace("limit=2", "offset=2&limit=2"), 1280);
            JsonNode second = chromium.evaluate(TABLES);
            assertThat(cells(second, "/policies/" + KnownDeliveries.TESTING_WRONG_NAME)).startsWith(
                KnownDeliveries.TESTING_WRONG_NAME, "testing", "wrong1");
            assertThat(second.get("next").isNull()).isTrue();

            assertThat(chromium.errors()).as("console errors, exceptions and log errors").isEmpty();
        }
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
    }

    private static void assertRate(JsonNode figures, String figure, String window, long succeeded, long total,
                                   String text) {
        JsonNode rate = figures.path(figure).path(window);
        assertThat(rate.path("succeeded").asLong()).as(figure + " " + window + " succeeded").isEqualTo(succeeded);
        assertThat(rate.path("total").asLong()).as(figure + " " + window + " total").isEqualTo(total);
        assertThat(rate.path("text").asText()).as(figure + " " + window).isEqualTo(text);
    }

    private static List<String> cells(JsonNode tables, String pointer) {
        List<String> cells = new ArrayList<>();
        tables.at(pointer).forEach(cell -> cells.add(cell.asText()));
        return cells;
    }
}
