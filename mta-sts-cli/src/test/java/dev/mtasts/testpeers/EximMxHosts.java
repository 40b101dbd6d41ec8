package dev.mtasts.testpeers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Receiving MX hosts for tests: one real exim daemon listening on several loopback addresses, each address with
 * its own behaviour — STARTTLS with a given certificate chain, or no STARTTLS at all.
 *
 * <pre>{@code
 * try (EximMxHosts mx = EximMxHosts.builder()
 *         .starttls("127.0.60.10", chainPem, keyPem)
 *         .plain("127.0.60.12")
 *         .start()) {
 *     ...
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Runs {@code exim -C <dir>/exim.conf -bdf} in the foreground as a child process and stops it by its PID.
 *       Started by root with {@code -C}, exim binds its ports as root and then runs as {@code Debian-exim}: the
 *       work directory is world-readable, the spool and log directories belong to that user, and the keys are
 *       copied there readable by it.</li>
 *   <li>The certificate and whether STARTTLS is offered are chosen by the address the client connected to
 *       ({@code $received_ip_address}), through two lsearch files.</li>
 *   <li>Accepts no mail: every RCPT is refused. The probes under test never get that far.</li>
 * </ul>
 * Debian's exim4-daemon-light (scripts/install-test-deps.sh); {@code -Dmtasts.exim=/path} overrides the binary.
 */
public final class EximMxHosts implements AutoCloseable {

    private static final String EXIM_USER = "Debian-exim";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Path directory;
    private final Process process;
    private final List<InetSocketAddress> listeners;

    private EximMxHosts(Path directory, Process process, List<InetSocketAddress> listeners) {
        this.directory = directory;
        this.process = process;
        this.listeners = listeners;
    }

    public static Builder builder() {
        return new Builder();
    }

    public long pid() {
        return process.pid();
    }

    /** exim's main log and standard error so far, for a failing test's message. */
    public String log() {
        return read(directory.resolve("log/mainlog")) + read(directory.resolve("log/paniclog"))
                + read(directory.resolve("stderr.log"));
    }

    /** Stops exim (SIGTERM, then SIGKILL after 5 s), waits until its ports are closed, deletes its directory. */
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
        Instant deadline = Instant.now().plusSeconds(20);
        for (InetSocketAddress listener : listeners) {
            while (accepts(listener) && Instant.now().isBefore(deadline)) {
                pause();
            }
        }
        deleteRecursively(directory);
    }

    /** How to start {@link EximMxHosts}. */
    public static final class Builder {

        private final Map<String, Path[]> tlsListeners = new LinkedHashMap<>();
        private final List<String> plainListeners = new ArrayList<>();
        private int port = 25;

        private Builder() {
        }

        /** The port every address listens on; default 25. */
        public Builder port(int smtpPort) {
            this.port = smtpPort;
            return this;
        }

        /** An MX on {@code address} offering STARTTLS with this chain (leaf first) and key, both PEM. */
        public Builder starttls(String address, Path chainPem, Path keyPem) {
            tlsListeners.put(address, new Path[] {chainPem, keyPem});
            return this;
        }

        /** An MX on {@code address} that does not offer STARTTLS. */
        public Builder plain(String address) {
            plainListeners.add(address);
            return this;
        }

        public EximMxHosts start() {
            Path exim = Path.of(System.getProperty("mtasts.exim", "/usr/sbin/exim"));
            if (!Files.isExecutable(exim)) {
                throw new IllegalStateException(exim + " is missing: run scripts/install-test-deps.sh"
                        + " (Debian exim4-daemon-light)");
            }
            Path directory;
            try {
                directory = Files.createTempDirectory("exim-");
                prepare(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare a directory for exim", e);
            }
            List<InetSocketAddress> listeners = new ArrayList<>();
            tlsListeners.keySet().forEach(address -> listeners.add(new InetSocketAddress(address, port)));
            plainListeners.forEach(address -> listeners.add(new InetSocketAddress(address, port)));
            Process process;
            try {
                process = new ProcessBuilder(exim.toString(), "-C", directory.resolve("exim.conf").toString(), "-bdf")
                        .directory(directory.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(directory.resolve("stderr.log").toFile())
                        .start();
            } catch (IOException e) {
                deleteRecursively(directory);
                throw new UncheckedIOException("cannot start " + exim, e);
            }
            EximMxHosts server = new EximMxHosts(directory, process, listeners);
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            for (InetSocketAddress listener : listeners) {
                while (!accepts(listener)) {
                    if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                        String log = server.log();
                        server.close();
                        throw new IllegalStateException("exim did not come up on " + listener + "\n" + log);
                    }
                    pause();
                }
            }
            return server;
        }

        private void prepare(Path directory) throws IOException {
            UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal user = users.lookupPrincipalByName(EXIM_USER);
            GroupPrincipal group = users.lookupPrincipalByGroupName(EXIM_USER);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String owned : List.of("spool", "log")) {
                Path path = Files.createDirectories(directory.resolve(owned));
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
                view.setOwner(user);
                view.setGroup(group);
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-x---"));
            }
            StringBuilder certificates = new StringBuilder();
            StringBuilder keys = new StringBuilder();
            int n = 0;
            for (Map.Entry<String, Path[]> listener : tlsListeners.entrySet()) {
                n++;
                Path chain = copyReadable(listener.getValue()[0], directory.resolve("chain-" + n + ".pem"));
                Path key = rewriteKey(listener.getValue()[1], directory.resolve("key-" + n + ".pem"));
                certificates.append(listener.getKey()).append(": ").append(chain).append('\n');
                keys.append(listener.getKey()).append(": ").append(key).append('\n');
            }
            write(directory.resolve("certificates"), certificates.toString());
            write(directory.resolve("keys"), keys.toString());
            write(directory.resolve("exim.conf"), configuration(directory));
        }

        private String configuration(Path directory) {
            List<String> addresses = new ArrayList<>(tlsListeners.keySet());
            addresses.addAll(plainListeners);
            String certificates = directory.resolve("certificates").toString();
            String keys = directory.resolve("keys").toString();
            return String.join("\n",
                    "primary_hostname = mx.testpeers.test",
                    "daemon_smtp_ports = " + port,
                    "local_interfaces = <; " + String.join(" ; ", addresses),
                    "disable_ipv6 = true",
                    "spool_directory = " + directory.resolve("spool"),
                    "log_file_path = " + directory.resolve("log") + "/%slog",
                    "exim_user = " + EXIM_USER,
                    "exim_group = " + EXIM_USER,
                    "keep_environment =",
                    "host_lookup =",
                    "rfc1413_hosts =",
                    // the listener's address picks the certificate, and whether STARTTLS is offered at all
                    "tls_advertise_hosts = ${lookup{$received_ip_address}lsearch{" + certificates + "}{*}{}}",
                    "tls_certificate = ${lookup{$received_ip_address}lsearch{" + certificates + "}}",
                    "tls_privatekey = ${lookup{$received_ip_address}lsearch{" + keys + "}}",
                    "acl_smtp_rcpt = refuse_all",
                    "begin acl",
                    "refuse_all:",
                    "  deny message = this test MX accepts no mail",
                    "begin routers",
                    "begin transports",
                    "");
        }

        /**
         * The key as {@code openssl ec} writes it ({@code EC PRIVATE KEY} with the public key). exim's GnuTLS
         * cannot read an EC key without its optional public key, which is how Bouncy Castle writes PKCS#8 ("ASN1
         * parser: Element was not found"). Any other key is copied as it is.
         */
        private static Path rewriteKey(Path from, Path to) throws IOException {
            Process openssl = new ProcessBuilder("openssl", "ec", "-in", from.toString(), "-out", to.toString())
                    .redirectErrorStream(true).start();
            openssl.getInputStream().readAllBytes();
            try {
                if (!openssl.waitFor(10, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                    openssl.destroyForcibly();
                    Files.deleteIfExists(to);
                    return copyReadable(from, to);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while converting " + from, e);
            }
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
            return to;
        }

        private static Path copyReadable(Path from, Path to) throws IOException {
            Files.copy(from, to);
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
            return to;
        }

        private static void write(Path file, String text) throws IOException {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static boolean accepts(InetSocketAddress listener) {
        try (Socket socket = new Socket()) {
            socket.connect(listener, 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
