package dev.mtasts.testpeers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx serving MTA-STS policy hosts over HTTPS, one {@code server} block per site, selected by SNI.
 *
 * <p>Started in the foreground as a child process ({@code nginx -p DIR -c nginx.conf -g 'daemon off;'}) and stopped
 * by its PID. Policy files are plain files under the work directory, so a test changes a policy by rewriting one.
 * Every request is logged to {@code access.log} as {@code host uri status}.
 */
public final class NginxServer implements AutoCloseable {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Path directory;
    private final List<Site> sites;
    private final Process process;

    private NginxServer(Path directory, List<Site> sites, Process process) {
        this.directory = directory;
        this.sites = sites;
        this.process = process;
    }

    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /** One HTTPS virtual host. {@code extraDirectives} go inside the {@code server} block (e.g. a {@code return}). */
    public record Site(String serverName, String address, int port, Path certificateChainPem, Path privateKeyPem,
                       String extraDirectives) {
        public Site {
            Objects.requireNonNull(serverName, "serverName");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(certificateChainPem, "certificateChainPem");
            Objects.requireNonNull(privateKeyPem, "privateKeyPem");
            Objects.requireNonNull(extraDirectives, "extraDirectives");
        }
    }

    public static final class Builder {
        private final Path directory;
        private final List<Site> sites = new ArrayList<>();
        private final List<String> policies = new ArrayList<>();

        private Builder(Path directory) {
            this.directory = directory;
        }

        /** A policy host serving {@code policyText} at {@code /.well-known/mta-sts.txt} as text/plain. */
        public Builder policyHost(String serverName, String address, Path chainPem, Path keyPem, String policyText) {
            sites.add(new Site(serverName, address, 443, chainPem, keyPem, ""));
            policies.add(serverName);
            policies.add(policyText);
            return this;
        }

        /** A site whose behaviour is given by nginx directives, e.g. {@code return 301 https://elsewhere/;}. */
        public Builder site(Site site) {
            sites.add(site);
            return this;
        }

        public NginxServer start() {
            try {
                Files.createDirectories(directory.resolve("logs"));
                for (int i = 0; i < policies.size(); i += 2) {
                    writePolicy(directory, policies.get(i), policies.get(i + 1));
                }
                Files.writeString(directory.resolve("nginx.conf"), configuration(directory, sites));
                return launch(directory, List.copyOf(sites));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare nginx in " + directory, e);
            }
        }
    }

    /** Replaces the policy text a policy host serves. */
    public void servePolicy(String serverName, String policyText) {
        writePolicy(directory, serverName, policyText);
    }

    /** The request lines logged so far: {@code host uri status}. */
    public List<String> accessLog() {
        try {
            Path log = directory.resolve("logs/access.log");
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many requests a host received for its policy. */
    public long policyRequests(String serverName) {
        return accessLog().stream()
            .filter(line -> line.startsWith(serverName + " /.well-known/mta-sts.txt"))
            .count();
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Site site : sites) {
            awaitClosed(site);
        }
    }

    private static void writePolicy(Path directory, String serverName, String policyText) {
        try {
            Path file = directory.resolve("www").resolve(serverName).resolve(".well-known/mta-sts.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, policyText, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String configuration(Path directory, List<Site> sites) {
        StringBuilder conf = new StringBuilder();
        conf.append("user root;\n")
            .append("worker_processes 1;\n")
            .append("pid ").append(directory.resolve("nginx.pid")).append(";\n")
            .append("error_log ").append(directory.resolve("logs/error.log")).append(" info;\n")
            .append("events { worker_connections 128; }\n")
            .append("http {\n")
            .append("  log_format mtasts '$host $request_uri $status';\n")
            .append("  access_log ").append(directory.resolve("logs/access.log")).append(" mtasts;\n")
            .append("  client_body_temp_path ").append(directory.resolve("client_body")).append(";\n")
            .append("  proxy_temp_path ").append(directory.resolve("proxy")).append(";\n")
            .append("  fastcgi_temp_path ").append(directory.resolve("fastcgi")).append(";\n")
            .append("  uwsgi_temp_path ").append(directory.resolve("uwsgi")).append(";\n")
            .append("  scgi_temp_path ").append(directory.resolve("scgi")).append(";\n")
            .append("  types { }\n")
            .append("  default_type text/plain;\n")
            .append("  etag off;\n");
        for (Site site : sites) {
            conf.append("  server {\n")
                .append("    listen ").append(site.address()).append(':').append(site.port()).append(" ssl;\n")
                .append("    server_name ").append(site.serverName()).append(";\n")
                .append("    ssl_certificate ").append(site.certificateChainPem()).append(";\n")
                .append("    ssl_certificate_key ").append(site.privateKeyPem()).append(";\n")
                .append("    ssl_protocols TLSv1.2 TLSv1.3;\n")
                .append("    root ").append(directory.resolve("www").resolve(site.serverName())).append(";\n")
                .append("    ").append(site.extraDirectives()).append('\n')
                .append("  }\n");
        }
        conf.append("}\n");
        return conf.toString();
    }

    private static NginxServer launch(Path directory, List<Site> sites) throws IOException {
        if (!Files.isExecutable(NGINX)) {
            throw new IllegalStateException(NGINX + " is missing: run scripts/install-test-deps.sh (Debian nginx-light)");
        }
        Path output = directory.resolve("logs/stdout.log");
        Process process = new ProcessBuilder(NGINX.toString(), "-p", directory.toString(),
            "-c", directory.resolve("nginx.conf").toString(), "-g", "daemon off;")
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        NginxServer server = new NginxServer(directory, sites, process);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        for (Site site : sites) {
            while (!accepts(site)) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    server.close();
                    throw new IllegalStateException("nginx did not come up on " + site.address() + ":" + site.port()
                        + "\n" + readQuietly(output) + readQuietly(directory.resolve("logs/error.log")));
                }
                pause();
            }
        }
        return server;
    }

    private static boolean accepts(Site site) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(site.address(), site.port()), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitClosed(Site site) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (accepts(site) && Instant.now().isBefore(deadline)) {
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
