package dev.mtasts.testpeers;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real unbound DNS server for tests: a child process serving static local zones on a loopback address.
 *
 * <pre>{@code
 * try (UnboundServer dns = UnboundServer.builder()
 *         .staticZone("test.")
 *         .localData("_mta-sts.example.test. 60 IN TXT \"v=STSv1; id=1;\"")
 *         .serverFailure("broken.test.")
 *         .start()) {
 *     InetSocketAddress server = dns.address();
 *     dns.replaceLocalData("_mta-sts.example.test.", "_mta-sts.example.test. 60 IN TXT \"v=STSv1; id=2;\"");
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Listens on one {@code 127.0.53.x} address (default {@value #DEFAULT_ADDRESS}) on a free port, or on
 *       the port given (53 works as root).</li>
 *   <li>Names in a {@link Builder#staticZone static zone} without data answer NXDOMAIN, names with data but
 *       not of the asked type NODATA. Names under a {@link Builder#serverFailure server-failure zone} and all
 *       names outside the local zones answer SERVFAIL at once: the only forwarder is a loopback address, which
 *       {@code do-not-query-localhost} forbids, so no query ever leaves the machine.</li>
 *   <li>Records change at run time over remote control on a unix socket ({@code unbound-control}); local
 *       data is never cached, so the next query sees the change.</li>
 *   <li>Runs {@code unbound -d -c <temp dir>/unbound.conf} in the foreground and stops it by PID in
 *       {@link #close()}. Fails with unbound's own output when it does not start, and with an install hint
 *       when the binary is missing ({@code -Dmtasts.unbound=/path/to/unbound} overrides the search).</li>
 * </ul>
 */
public final class UnboundServer implements AutoCloseable {

    public static final String DEFAULT_ADDRESS = "127.0.53.1";
    public static final String DEFAULT_ZONE = "test.";

    private static final String READY_LINE = "start of service";
    private static final int OUTPUT_LINES_KEPT = 400;
    private static final int PORT_ATTEMPTS = 5;

    private final Path directory;
    private final Path configFile;
    private final Path unboundControl;
    private final InetSocketAddress address;
    private final Process process;
    private final Deque<String> output;
    private final Thread shutdownHook;
    private boolean closed;

    private UnboundServer(Path directory, Path configFile, Path unboundControl, InetSocketAddress address,
            Process process, Deque<String> output) {
        this.directory = directory;
        this.configFile = configFile;
        this.unboundControl = unboundControl;
        this.address = address;
        this.process = process;
        this.output = output;
        this.shutdownHook = new Thread(process::destroyForcibly, "stop unbound " + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The address and port unbound answers on. */
    public InetSocketAddress address() {
        return address;
    }

    /** {@code 127.0.53.1:40123}, as {@code ResolverSettings.parseServer} reads it. */
    public String hostAndPort() {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    public Path configFile() {
        return configFile;
    }

    public long pid() {
        return process.pid();
    }

    /** What unbound has logged so far. */
    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /**
     * How many queries for this name and type unbound has logged (only with {@link Builder#logQueries()}; of the
     * last few hundred lines of output).
     */
    public long queriesLogged(String absoluteName, String type) {
        String query = " " + absoluteName + " " + type + " IN";
        synchronized (output) {
            return output.stream().filter(line -> line.contains(" info: ") && line.endsWith(query)).count();
        }
    }

    /**
     * Adds one record, in zone-file form ({@code name TTL IN TYPE data}). Adding a second record of the same
     * name and type gives two records.
     */
    public void addLocalData(String resourceRecord) {
        control("local_data", resourceRecord);
    }

    /** Removes every record of {@code name} (all types). */
    public void removeLocalData(String name) {
        control("local_data_remove", name);
    }

    /** Removes every record of {@code name}, then adds these. */
    public void replaceLocalData(String name, String... resourceRecords) {
        removeLocalData(name);
        for (String record : resourceRecords) {
            addLocalData(record);
        }
    }

    /**
     * Adds a local zone of {@code type}, or sets the type of one that exists ({@code static}: every name without data
     * answers NXDOMAIN; {@code transparent}: such names are resolved, which here means SERVFAIL).
     */
    public void addLocalZone(String zone, String type) {
        control("local_zone", zone + " " + type);
    }

    /** Removes a local zone added by {@link #addLocalZone}. */
    public void removeLocalZone(String zone) {
        control("local_zone_remove", zone);
    }

    private void control(String command, String argument) {
        List<String> commandLine = List.of(unboundControl.toString(), "-c", configFile.toString(), command, argument);
        try {
            Process control = new ProcessBuilder(commandLine).redirectErrorStream(true).start();
            String reply;
            try (var in = control.getInputStream()) {
                reply = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!control.waitFor(10, TimeUnit.SECONDS)) {
                control.destroyForcibly();
                throw new IllegalStateException("unbound-control did not finish: " + String.join(" ", commandLine));
            }
            if (control.exitValue() != 0 || !reply.equals("ok")) {
                throw new IllegalStateException("unbound-control failed (exit " + control.exitValue() + "): "
                        + String.join(" ", commandLine) + "\n" + reply);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", commandLine), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running unbound-control", e);
        }
    }

    /** Stops unbound by its PID (SIGTERM, then SIGKILL after 5 s), waits for it, and deletes its directory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop(process);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to; nothing to undo
            }
            deleteRecursively(directory);
        }
    }

    private static void stop(Process process) {
        ProcessHandle handle = process.toHandle();
        handle.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                handle.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
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

    /** How to start an {@link UnboundServer}. */
    public static final class Builder {

        private String address = DEFAULT_ADDRESS;
        private int port;
        private final List<String> staticZones = new ArrayList<>();
        private final List<String> serverFailureZones = new ArrayList<>();
        private final List<String> localData = new ArrayList<>();
        private Path binary;
        private Duration startTimeout = Duration.ofSeconds(10);
        private Path trustAnchorFile;
        private final List<String[]> authZones = new ArrayList<>();
        private boolean logQueries;

        private Builder() {
        }

        /** Logs every query it receives ({@code log-queries: yes}), for {@link UnboundServer#queriesLogged}. */
        public Builder logQueries() {
            this.logQueries = true;
            return this;
        }

        /** A loopback IPv4 address to listen on; default {@value #DEFAULT_ADDRESS}. */
        public Builder address(String loopbackAddress) {
            this.address = Objects.requireNonNull(loopbackAddress, "loopbackAddress");
            return this;
        }

        /** The port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * A zone answered only from local data ({@code local-zone: "<zone>" static}). Without any,
         * {@value #DEFAULT_ZONE} is one.
         */
        public Builder staticZone(String zone) {
            staticZones.add(absolute(zone));
            return this;
        }

        /** A zone whose every name answers SERVFAIL, even inside a static zone. */
        public Builder serverFailure(String zone) {
            serverFailureZones.add(absolute(zone));
            return this;
        }

        /**
         * Records in zone-file form, one per string: {@code _mta-sts.example.test. 60 IN TXT "v=STSv1; id=1;"}.
         * Several strings of one TXT record are written one after the other: {@code ... TXT "v=STSv1; " "id=1;"}.
         */
        public Builder localData(String... resourceRecords) {
            for (String record : resourceRecords) {
                if (record.contains("'") && record.contains("\"")) {
                    throw new IllegalArgumentException("a record for unbound.conf cannot hold both ' and \": " + record);
                }
                localData.add(record);
            }
            return this;
        }

        /**
         * Makes unbound a validating resolver ({@code module-config: "validator iterator"}) that trusts the
         * DNSKEY or DS records in {@code anchorFile}, e.g. as {@link SignedZones} writes them. Names outside
         * the {@link #authZone auth zones} and static zones answer SERVFAIL at once (the root hints point at a
         * loopback address, which {@code do-not-query-localhost} forbids).
         */
        public Builder validating(Path anchorFile) {
            this.trustAnchorFile = Objects.requireNonNull(anchorFile, "anchorFile");
            return this;
        }

        /**
         * A zone served from a zone file to unbound's own resolution ({@code auth-zone} with
         * {@code for-upstream: yes}, {@code for-downstream: no}), so that its answers are validated like
         * answers from the Internet. Zones under {@code test.} get {@code local-zone: "test." nodefault}.
         */
        public Builder authZone(String zone, Path zoneFile) {
            authZones.add(new String[] {absolute(zone), zoneFile.toString()});
            return this;
        }

        /** The unbound binary; by default {@code -Dmtasts.unbound}, else found on PATH, /usr/sbin, /usr/local/sbin. */
        public Builder unboundBinary(Path unbound) {
            this.binary = unbound;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /**
         * Starts unbound and waits until it answers a query.
         *
         * @throws IllegalStateException when unbound is missing or does not come up, with its output
         */
        public UnboundServer start() {
            Path unbound = binary != null ? binary : findProgram("unbound");
            if (!Files.isExecutable(unbound)) {
                throw new IllegalStateException("unbound is not installed: " + unbound + " is not an executable file."
                        + " Install it with: apt-get install -y --no-install-recommends unbound"
                        + " (or point -Dmtasts.unbound at the binary)");
            }
            Path unboundControl = unbound.resolveSibling("unbound-control");
            if (!Files.isExecutable(unboundControl)) {
                unboundControl = findProgram("unbound-control");
            }
            Path directory;
            try {
                directory = Files.createTempDirectory("unbound-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a directory for unbound", e);
            }
            IllegalStateException lastFailure = null;
            int attempts = port == 0 ? PORT_ATTEMPTS : 1;
            for (int attempt = 0; attempt < attempts; attempt++) {
                int chosenPort = port == 0 ? freePort(address) : port;
                try {
                    return startOn(unbound, unboundControl, directory, chosenPort);
                } catch (PortTaken e) {
                    lastFailure = e; // another process took the free port first: try another one
                } catch (RuntimeException e) {
                    deleteRecursively(directory);
                    throw e;
                }
            }
            deleteRecursively(directory);
            throw lastFailure;
        }

        private UnboundServer startOn(Path unbound, Path unboundControl, Path directory, int chosenPort) {
            Path configFile = directory.resolve("unbound.conf");
            try {
                Files.writeString(configFile, configuration(directory, chosenPort));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + configFile, e);
            }
            List<String> commandLine = List.of(unbound.toString(), "-d", "-c", configFile.toString());
            Process process;
            try {
                process = new ProcessBuilder(commandLine).directory(directory.toFile()).redirectErrorStream(true)
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start " + String.join(" ", commandLine) + ": " + e.getMessage(), e);
            }
            Deque<String> output = new ArrayDeque<>();
            CompletableFuture<Void> ready = new CompletableFuture<>();
            Thread reader = new Thread(() -> readOutput(process, output, ready), "unbound output " + process.pid());
            reader.setDaemon(true);
            reader.start();
            process.onExit().thenRun(() -> ready.completeExceptionally(
                    new IllegalStateException("exited with status " + process.exitValue())));
            InetSocketAddress address = new InetSocketAddress(loopback(), chosenPort);
            try {
                ready.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
                awaitAnswer(address, startTimeout);
                return new UnboundServer(directory, configFile, unboundControl, address, process, output);
            } catch (ExecutionException | TimeoutException | IOException e) {
                stop(process);
                joinQuietly(reader);
                String log;
                synchronized (output) {
                    log = String.join("\n", output);
                }
                String why = e instanceof TimeoutException ? "did not start within " + startTimeout
                        : e instanceof ExecutionException ? e.getCause().getMessage()
                        : "did not answer a query: " + e.getMessage();
                String message = "unbound on " + this.address + ":" + chosenPort + " " + why + "\ncommand: "
                        + String.join(" ", commandLine) + "\nunbound output:\n" + log;
                if (port == 0 && log.toLowerCase(java.util.Locale.ROOT).contains("address already in use")) {
                    throw new PortTaken(message);
                }
                throw new IllegalStateException(message, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(process);
                throw new IllegalStateException("interrupted while starting unbound", e);
            }
        }

        private String configuration(Path directory, int chosenPort) {
            boolean validating = trustAnchorFile != null;
            List<String> zones = staticZones.isEmpty() && !validating ? List.of(DEFAULT_ZONE) : staticZones;
            StringBuilder conf = new StringBuilder();
            conf.append("server:\n");
            line(conf, "interface: " + address + "@" + chosenPort);
            line(conf, "port: " + chosenPort);
            line(conf, "do-ip4: yes");
            line(conf, "do-ip6: no");
            line(conf, "do-udp: yes");
            line(conf, "do-tcp: yes");
            line(conf, "num-threads: 1");
            line(conf, "do-daemonize: no");
            line(conf, "use-syslog: no");
            line(conf, "logfile: \"\"");
            line(conf, "verbosity: 1");
            if (logQueries) {
                line(conf, "log-queries: yes");
            }
            line(conf, "username: \"\"");
            line(conf, "chroot: \"\"");
            line(conf, "directory: \"" + directory + "\"");
            line(conf, "pidfile: \"" + directory.resolve("unbound.pid") + "\"");
            line(conf, "access-control: 127.0.0.0/8 allow");
            if (validating) {
                line(conf, "module-config: \"validator iterator\"");
                line(conf, "trust-anchor-file: \"" + trustAnchorFile + "\"");
                line(conf, "root-hints: \"" + rootHints(directory) + "\"");
                line(conf, "ede: yes");
                line(conf, "val-log-level: 2");
            } else {
                line(conf, "module-config: \"iterator\"");
            }
            // The only forwarder below is on loopback, which this forbids: outside the local zones, SERVFAIL.
            line(conf, "do-not-query-localhost: yes");
            for (String zone : zones) {
                line(conf, "local-zone: \"" + zone + "\" static");
            }
            for (String zone : serverFailureZones) {
                line(conf, "local-zone: \"" + zone + "\" transparent");
            }
            for (String record : localData) {
                String quote = record.contains("'") ? "\"" : "'";
                line(conf, "local-data: " + quote + record + quote);
            }
            if (authZones.stream().anyMatch(zone -> zone[0].endsWith(".test.") || zone[0].equals("test."))) {
                line(conf, "local-zone: \"test.\" nodefault");
            }
            for (String[] zone : authZones) {
                conf.append("auth-zone:\n");
                line(conf, "name: \"" + zone[0] + "\"");
                line(conf, "zonefile: \"" + zone[1] + "\"");
                line(conf, "for-downstream: no");
                line(conf, "for-upstream: yes");
                line(conf, "fallback-enabled: no");
            }
            if (!validating) {
                conf.append("forward-zone:\n");
                line(conf, "name: \".\"");
                line(conf, "forward-addr: 127.0.0.1@9");
            }
            conf.append("remote-control:\n");
            line(conf, "control-enable: yes");
            line(conf, "control-interface: \"" + directory.resolve("control.sock") + "\"");
            line(conf, "control-use-cert: no");
            return conf.toString();
        }

        /** Root hints naming one root server on loopback: a forward zone for "." would hide the auth zones. */
        private static Path rootHints(Path directory) {
            Path hints = directory.resolve("root.hints");
            try {
                Files.writeString(hints, ". 3600000 NS root.invalid.\nroot.invalid. 3600000 A 127.0.0.9\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + hints, e);
            }
            return hints;
        }

        private static void line(StringBuilder conf, String line) {
            conf.append("    ").append(line).append('\n');
        }

        private InetAddress loopback() {
            try {
                InetAddress parsed = InetAddress.getByName(address);
                if (!parsed.isLoopbackAddress()) {
                    throw new IllegalArgumentException("unbound must listen on a loopback address, not " + address);
                }
                return parsed;
            } catch (IOException e) {
                throw new IllegalArgumentException("not an IP address: " + address, e);
            }
        }

        private int freePort(String host) {
            InetAddress bindAddress = loopback();
            for (int attempt = 0; attempt < 20; attempt++) {
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(bindAddress, 0))) {
                    int candidate = udp.getLocalPort();
                    try (ServerSocket tcp = new ServerSocket()) {
                        tcp.bind(new InetSocketAddress(bindAddress, candidate));
                        return candidate;
                    } catch (IOException tcpTaken) {
                        // this UDP port is free but its TCP twin is not; try another
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot bind " + host + " to find a free port", e);
                }
            }
            throw new IllegalStateException("no free port on " + host + " for both UDP and TCP");
        }

        private static String absolute(String zone) {
            Objects.requireNonNull(zone, "zone");
            return zone.endsWith(".") ? zone : zone + ".";
        }
    }

    private static void readOutput(Process process, Deque<String> output, CompletableFuture<Void> ready) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (output) {
                    output.addLast(line);
                    if (output.size() > OUTPUT_LINES_KEPT) {
                        output.removeFirst();
                    }
                }
                if (line.contains(READY_LINE)) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            // the process is gone; onExit reports it
        }
    }

    /** One query unbound always answers locally: {@code version.server CH TXT}. */
    private static void awaitAnswer(InetSocketAddress address, Duration timeout) throws IOException {
        SimpleResolver resolver = new SimpleResolver(address);
        resolver.setTimeout(timeout);
        try {
            Record question = Record.newRecord(Name.fromConstantString("version.server."), Type.TXT, DClass.CH);
            resolver.send(Message.newQuery(question));
        } catch (IOException e) {
            throw new IOException("no answer from " + address + " (" + e.getMessage() + ")", e);
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path findProgram(String name) {
        String configured = System.getProperty("mtasts." + name.replace("-", ""));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        List<String> directories = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            directories.addAll(List.of(path.split(java.io.File.pathSeparator)));
        }
        directories.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/sbin"));
        for (String directory : directories) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(name + " is not installed: not found on PATH (" + path
                + ") nor in /usr/sbin, /usr/local/sbin, /sbin. Install it with:"
                + " apt-get install -y --no-install-recommends unbound");
    }

    /** unbound could not bind the port it was given: another process took it after it was found free. */
    private static final class PortTaken extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortTaken(String message) {
            super(message);
        }
    }
}
