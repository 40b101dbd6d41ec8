package dev.mtasts.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP server that follows a script, for the protocol failures a real server will not produce on demand.
 * One connection; each script line is either {@code "< text"} (sent, CRLF added), {@code ">"} (one client line
 * read and recorded) or {@code "hold"} (read until the client goes away). Then the connection is closed.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket listener;
    private final Thread thread;
    private final List<String> received = new CopyOnWriteArrayList<>();

    private ScriptedSmtpServer(ServerSocket listener, List<String> script) {
        this.listener = listener;
        this.thread = new Thread(() -> serve(script), "scripted SMTP server");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    static ScriptedSmtpServer start(String address, List<String> script) {
        try {
            ServerSocket listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            return new ScriptedSmtpServer(listener, script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The lines the client sent. */
    List<String> received() {
        return List.copyOf(received);
    }

    private void serve(List<String> script) {
        try (Socket socket = listener.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            for (String step : script) {
                if (step.startsWith("< ")) {
                    out.write((step.substring(2) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } else if (step.equals(">")) {
                    String line = in.readLine();
                    if (line == null) {
                        return;
                    }
                    received.add(line);
                } else if (step.equals("hold")) {
                    while (in.read() != -1) {
                        // until the client closes
                    }
                } else {
                    throw new IllegalArgumentException("unknown script step: " + step);
                }
            }
        } catch (IOException e) {
            // the client went away; the test looks at the result
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
