package dev.mtasts.testpeers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A TLS server that speaks only TLS 1.0 and 1.1: {@code openssl s_server} as a child process on
 * {@code 127.0.0.1} and a free port.
 *
 * <p>Why a child process: the JDK refuses TLS 1.0 and 1.1 on both sides through the security property
 * {@code jdk.tls.disabledAlgorithms}, which is read once per JVM, so an in-JVM server would need a change that
 * also touches every other test. OpenSSL 3 needs security level 0 for these versions (their handshake signs
 * with SHA-1); {@code -www} answers a completed handshake with a status page, which never happens with a client
 * that insists on TLS 1.2 or newer.
 */
public final class LegacyTlsServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private LegacyTlsServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Whether an {@code openssl} command is on the PATH. */
    public static boolean opensslAvailable() {
        try {
            Process version = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            return version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Starts the server with the given certificate chain and key (PEM files) and returns once it accepts
     * connections.
     */
    public static LegacyTlsServer start(Path chainPem, Path keyPem) {
        int port = freePort();
        List<String> command = List.of("openssl", "s_server",
                "-accept", InetAddress.getLoopbackAddress().getHostAddress() + ":" + port,
                "-cert", chainPem.toString(), "-key", keyPem.toString(),
                "-min_protocol", "TLSv1", "-max_protocol", "TLSv1.1",
                "-cipher", "DEFAULT@SECLEVEL=0",
                "-www");
        Process process;
        try {
            // stdin stays an open pipe: s_server stops at end of input
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        }
        awaitAccepting(process, command);
        return new LegacyTlsServer(process, port);
    }

    public int port() {
        return port;
    }

    /** Reads the server's output until it says {@code ACCEPT}, then keeps draining it so the server never blocks. */
    private static void awaitAccepting(Process process, List<String> command) {
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        try {
            String line;
            while ((line = output.readLine()) != null) {
                seen.add(line);
                if (line.equals("ACCEPT")) {
                    Thread drain = new Thread(() -> drain(output), "legacy-tls-server-output");
                    drain.setDaemon(true);
                    drain.start();
                    return;
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException("reading " + String.join(" ", command), e);
        }
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not start: " + String.join("\n", seen));
    }

    private static void drain(BufferedReader output) {
        try {
            while (output.readLine() != null) {
                // discard
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
            process.destroyForcibly();
        }
    }
}
