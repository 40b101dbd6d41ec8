package dev.mtasts.integration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped Prometheus files of {@code conf-samples/prometheus}, checked and unit-tested by Debian's
 * {@code promtool}: the rules parse, the alerts fire (and stay quiet) on the series of
 * {@code mta-sts-rules.test.yml}, and the scrape config is valid.
 */
class PrometheusRulesTest {

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final Path DIRECTORY = Path.of(System.getProperty("conf.samples.dir", "../conf-samples"),
        "prometheus");

    @ParameterizedTest(name = "promtool {0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
        "check rules mta-sts-rules.yml",
        "test rules mta-sts-rules.test.yml",
        "check config prometheus.yml",
    })
    void promtoolPasses(String verb, String what, String file) throws IOException, InterruptedException {
        assertThat(PROMTOOL).as("Debian's prometheus package (scripts/install-test-deps.sh)").isExecutable();
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString(), verb, what, file));
        Process process = new ProcessBuilder(command).directory(DIRECTORY.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        assertThat(output).contains("SUCCESS");
    }
}
