package dev.mtasts.integration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drop-in jar as an operator installs it: a James server in a process of its own, whose class path holds James
 * and none of this project's classes, loads the extension from {@code extensions-jars/} and runs it — the mailet, the
 * Guice module, the WebAdmin routes and the health check all come from the jar.
 */
class ExtensionsJarsTest {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path directory;

    @Test
    void withoutTheJarJamesCannotFindTheExtension() throws Exception {
        Path output = directory.resolve("james.log");
        Process james = new ProcessBuilder(javaBinary(), "-Djames.exit.on.startup.error=true",
            "-cp", jamesClassPathWithoutThisProject(), "dev.mtasts.demo.DemoServer",
            "--dir", directory.toString(), "--smtp-port", String.valueOf(freePort()),
            "--webadmin-port", String.valueOf(freePort()))
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        try {
            assertThat(james.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(output)).contains("dev.mtasts").doesNotContain("James with MTA-STS is running");
        } finally {
            james.destroyForcibly();
        }
    }

    @Test
    void jamesLoadsTheExtensionFromItsExtensionsJarsFolder() throws Exception {
        Path jar = Path.of(System.getProperty("extension.jar", "missing"));
        assertThat(jar).as("the drop-in jar is built by mta-sts-mailet's package phase").exists();
        Files.createDirectories(directory.resolve("extensions-jars"));
        Files.copy(jar, directory.resolve("extensions-jars").resolve(jar.getFileName()));
        int smtpPort = freePort();
        int webAdminPort = freePort();
        Path output = directory.resolve("james.log");

        Process james = new ProcessBuilder(javaBinary(), "-Djames.exit.on.startup.error=true",
            "-cp", jamesClassPathWithoutThisProject(), "dev.mtasts.demo.DemoServer",
            "--dir", directory.toString(), "--smtp-port", String.valueOf(smtpPort),
            "--webadmin-port", String.valueOf(webAdminPort))
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        try {
            awaitStarted(james, output);

            String log = Files.readString(output);
            assertThat(log).contains("MTA-STS remote delivery").contains("started");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> policies = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + webAdminPort + "/mta-sts/policies")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(policies.statusCode()).isEqualTo(200);
            assertThat(policies.body()).contains("\"policies\":[]");
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + webAdminPort + "/healthcheck/checks/MTA-STS")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).contains("\"status\":\"healthy\"");
        } finally {
            james.destroy();
            if (!james.waitFor(20, TimeUnit.SECONDS)) {
                james.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The test class path less every directory or jar of this project but the demo launcher and the samples. */
    private static String jamesClassPathWithoutThisProject() {
        String testClassPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> kept = Arrays.stream(testClassPath.split(File.pathSeparator))
            .filter(entry -> !isThisProjectsCode(entry))
            .collect(Collectors.toList());
        assertThat(kept).anyMatch(entry -> entry.contains("integration-tests") && entry.endsWith("classes"));
        return String.join(File.pathSeparator, kept);
    }

    private static boolean isThisProjectsCode(String entry) {
        String path = entry.replace('\\', '/');
        return path.contains("/mta-sts-mailet") || path.contains("/mta-sts-dns") || path.contains("/mta-sts-cli")
            || path.endsWith("integration-tests/target/test-classes");
    }

    private static void awaitStarted(Process james, Path output) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            String log = Files.exists(output) ? Files.readString(output) : "";
            if (log.contains("James with MTA-STS is running")) {
                return;
            }
            if (!james.isAlive()) {
                throw new AssertionError("James exited with " + james.exitValue() + ":\n" + log);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("James did not start within " + START_TIMEOUT + ":\n" + Files.readString(output));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
