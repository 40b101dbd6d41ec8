package dev.mtasts.testpeers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real RabbitMQ (Debian's {@code rabbitmq-server}) in the foreground, as a child of the test JVM, with its own
 * node name, data and log directories, on one loopback address: AMQP on 5672, the management API (which James'
 * RabbitMQ mail queue needs to find its queues) on {@code managementPort}, Erlang distribution and epmd on ports of
 * the caller's range. {@link #close()} stops the broker and its epmd.
 */
public final class RabbitMqBroker implements AutoCloseable {

    public static final int AMQP_PORT = 5672;
    private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    private static final Path EPMD = Path.of("/usr/bin/epmd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path directory;
    private final String address;
    private final int managementPort;
    private final int epmdPort;
    private final Process process;

    private RabbitMqBroker(Path directory, String address, int managementPort, int epmdPort, Process process) {
        this.directory = directory;
        this.address = address;
        this.managementPort = managementPort;
        this.epmdPort = epmdPort;
        this.process = process;
    }

    /** Whether RabbitMQ can run here: its server script is installed and we are root. */
    public static boolean isAvailable() {
        return Files.isExecutable(SERVER) && "root".equals(System.getProperty("user.name"));
    }

    public static RabbitMqBroker start(Path directory, String nodeName, String address, int managementPort,
                                       int distributionPort, int epmdPort) {
        if (accepts(address, AMQP_PORT)) {
            throw new IllegalStateException("something already listens on " + address + ":" + AMQP_PORT);
        }
        try {
            Files.createDirectories(directory.resolve("mnesia"));
            Files.createDirectories(directory.resolve("log"));
            Files.createDirectories(directory.resolve("home"));
            Files.writeString(directory.resolve("enabled_plugins"), "[rabbitmq_management].\n");
            Files.writeString(directory.resolve("rabbitmq.conf"), String.join("\n",
                "listeners.tcp.default = " + address + ":" + AMQP_PORT,
                "management.tcp.ip = " + address,
                "management.tcp.port = " + managementPort,
                // guest may connect: every address here is a loopback one
                "loopback_users = none",
                ""));
            ProcessBuilder builder = new ProcessBuilder(SERVER.toString())
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("rabbitmq.out").toFile());
            builder.environment().put("HOME", directory.resolve("home").toString());
            builder.environment().put("RABBITMQ_NODENAME", nodeName + "@localhost");
            builder.environment().put("RABBITMQ_NODE_IP_ADDRESS", address);
            builder.environment().put("RABBITMQ_NODE_PORT", String.valueOf(AMQP_PORT));
            builder.environment().put("RABBITMQ_DIST_PORT", String.valueOf(distributionPort));
            builder.environment().put("RABBITMQ_MNESIA_BASE", directory.resolve("mnesia").toString());
            builder.environment().put("RABBITMQ_LOG_BASE", directory.resolve("log").toString());
            builder.environment().put("RABBITMQ_ENABLED_PLUGINS_FILE", directory.resolve("enabled_plugins").toString());
            builder.environment().put("RABBITMQ_CONFIG_FILE", directory.resolve("rabbitmq.conf").toString());
            builder.environment().put("ERL_EPMD_ADDRESS", address);
            builder.environment().put("ERL_EPMD_PORT", String.valueOf(epmdPort));
            RabbitMqBroker broker = new RabbitMqBroker(directory, address, managementPort, epmdPort, builder.start());
            broker.awaitListening();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String amqpUri() {
        return "amqp://" + address + ":" + AMQP_PORT;
    }

    public String managementUri() {
        return "http://" + address + ":" + managementPort;
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!accepts(address, AMQP_PORT) || !accepts(address, managementPort)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                String output = output();
                close();
                throw new IllegalStateException("RabbitMQ did not start: " + output);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private String output() {
        try {
            return Files.readString(directory.resolve("rabbitmq.out"));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private static boolean accepts(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            // The broker started an epmd of its own on our port; it outlives the broker unless told to stop.
            ProcessBuilder kill = new ProcessBuilder(EPMD.toString(), "-kill").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            kill.environment().put("ERL_EPMD_PORT", String.valueOf(epmdPort));
            kill.start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // epmd is gone already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // left in target/
        }
    }
}
