package dev.mtasts.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.utils.WebAdminGuiceProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A real Prometheus (Debian's {@code prometheus}, on 127.0.103.1:9090) scrapes James' WebAdmin {@code /metrics}
 * with the shipped rules of {@code conf-samples/prometheus}; after the {@link KnownDeliveries}, its HTTP query API
 * gives the four figures as the README's PromQL computes them.
 */
class PrometheusThroughJamesTest {

    static final String LISTEN = "127.0.103.1:9090";
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path RULES = Path.of(System.getProperty("conf.samples.dir", "../conf-samples"),
        "prometheus", "mta-sts-rules.yml");
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The README's query of each figure, over a window. */
    static final Map<String, String> FIGURES = Map.of(
        "tls enforcement success",
        "sum(increase(mtasts_delivery_enforce_success_total[%1$s])) / sum(increase(mtasts_delivery_enforce_sessions_total[%1$s]))",
        "encrypted delivery",
        "sum(increase(mtasts_sessions_encrypted_total[%1$s])) / sum(increase(mtasts_sessions_all_total[%1$s]))",
        "policy retrieval",
        "sum(increase(mtasts_policy_fetch_retrieved_total[%1$s])) / sum(increase(mtasts_policy_fetch_all_total[%1$s]))",
        "policy validation",
        "sum(increase(mtasts_policy_fetch_success_total[%1$s])) / sum(increase(mtasts_policy_fetch_retrieved_total[%1$s]))");

    @RegisterExtension
    @Order(1)
    static final ObservePeers PEERS = new ObservePeers();

    @RegisterExtension
    @Order(2)
    static final JamesServerExtension JAMES = OpsJames.perClass(PEERS::writeConf, ObservePeers.dns(),
        new MovableClock());

    private static Process prometheus;
    private static Path directory;

    @AfterAll
    static void stopPrometheus() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    @Test
    void prometheusComputesTheFourFiguresFromJamesMetrics(GuiceJamesServer james) throws Exception {
        int webAdmin = james.getProbe(WebAdminGuiceProbe.class).getWebAdminPort().getValue();
        startPrometheus(webAdmin);
        // Scraped at 0 before anything is sent, so that increase() sees every session.
        awaitValue("sum(mtasts_sessions_all_total)", value -> value == 0);
        awaitValue("count(count_over_time(mtasts_sessions_all_total[1m]) >= 2)", value -> value == 1);

        KnownDeliveries.sendAndAwait(james, PEERS);
        awaitValue("sum(mtasts_sessions_all_total)", value -> value == KnownDeliveries.SESSIONS);
        awaitValue("sum(mtasts_delivery_enforce_sessions_total)",
            value -> value == KnownDeliveries.ENFORCE_SESSIONS);

        assertThat(query("sum(mtasts_sessions_encrypted_total)")).hasValue(KnownDeliveries.ENCRYPTED_SESSIONS);
        assertThat(query("sum(mtasts_policy_fetch_all_total)")).hasValue(5);
        assertThat(query(String.format(FIGURES.get("tls enforcement success"), "10m")).getAsDouble())
            .isCloseTo(KnownDeliveries.TLS_ENFORCEMENT_SUCCESS, within(1e-9));
        assertThat(query(String.format(FIGURES.get("encrypted delivery"), "10m")).getAsDouble())
            .isCloseTo(KnownDeliveries.ENCRYPTED_DELIVERY, within(1e-9));
        assertThat(query(String.format(FIGURES.get("policy retrieval"), "10m")).getAsDouble())
            .isCloseTo(KnownDeliveries.POLICY_RETRIEVAL, within(1e-9));
        assertThat(query(String.format(FIGURES.get("policy validation"), "10m")).getAsDouble())
            .isCloseTo(KnownDeliveries.POLICY_VALIDATION, within(1e-9));

        // The shipped recording rules, evaluated by Prometheus itself on its own schedule: each is awaited, as a
        // rule's value may still come from an evaluation before the last scrape.
        awaitValue("mtasts:encrypted_delivery:ratio_1h",
            value -> Math.abs(value - KnownDeliveries.ENCRYPTED_DELIVERY) < 1e-9);
        awaitValue("mtasts:tls_enforcement_success:ratio_1h",
            value -> Math.abs(value - KnownDeliveries.TLS_ENFORCEMENT_SUCCESS) < 1e-9);
        awaitValue("mtasts:policy_retrieval:ratio_1h",
            value -> Math.abs(value - KnownDeliveries.POLICY_RETRIEVAL) < 1e-9);
        awaitValue("mtasts:policy_validation:ratio_1h",
            value -> Math.abs(value - KnownDeliveries.POLICY_VALIDATION) < 1e-9);
        long refused = new ObjectMapper().readTree(OpsJames.call(james, "GET", "/mta-sts/report").body())
            .at("/overall/enforcementFailures").asLong();
        assertThat(refused).isPositive();
        assertThat(query("sum(mtasts_delivery_enforce_refused_total)")).hasValue(refused);
        assertThat(query("max(mtasts_policy_refresh_stuck)")).hasValue(0);
    }

    private static void startPrometheus(int webAdminPort) throws IOException {
        assertThat(PROMETHEUS).as("Debian's prometheus (scripts/install-test-deps.sh)").isExecutable();
        directory = Files.createTempDirectory("mtasts-prometheus");
        Files.copy(RULES, directory.resolve("mta-sts-rules.yml"));
        Files.writeString(directory.resolve("prometheus.yml"), """
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - mta-sts-rules.yml
            scrape_configs:
              - job_name: james
                metrics_path: /metrics
                static_configs:
                  - targets: ['127.0.0.1:%d']
            """.formatted(webAdminPort));
        prometheus = new ProcessBuilder(PROMETHEUS.toString(),
            "--config.file=" + directory.resolve("prometheus.yml"),
            "--storage.tsdb.path=" + directory.resolve("data"),
            "--web.listen-address=" + LISTEN)
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("prometheus.log").toFile())
            .start();
    }

    /** The query's single value, empty while it has none. */
    static OptionalDouble query(String promql) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + LISTEN + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
            .timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(promql + ": " + response.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.body()).at("/data/result");
        if (result.size() == 0) {
            return OptionalDouble.empty();
        }
        assertThat(result.size()).as(promql).isEqualTo(1);
        double value = Double.parseDouble(result.get(0).at("/value/1").asText());
        return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static void awaitValue(String promql, java.util.function.DoublePredicate wanted) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        OptionalDouble last = OptionalDouble.empty();
        while (Instant.now().isBefore(deadline)) {
            try {
                last = query(promql);
                if (last.isPresent() && wanted.test(last.getAsDouble())) {
                    return;
                }
            } catch (IOException e) {
                // Prometheus still starting
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos()); // polling, not a timing
        }
        String log = directory == null ? "" : Files.readString(directory.resolve("prometheus.log"));
        String targets = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + LISTEN + "/api/v1/label/__name__/values")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        throw new AssertionError(promql + " never gave the wanted value; last " + last + "\ntargets: " + targets
            + "\n" + log.substring(Math.max(0, log.length() - 3000)));
    }
}
