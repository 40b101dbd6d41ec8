package dev.mtasts.james.tls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** An SMTP server on loopback that answers the greeting and then each command with the next scripted reply. */
final class ScriptedMx implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;
    private volatile Socket client;

    ScriptedMx(List<String> replies) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> serve(replies), "scripted-mx");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve(List<String> replies) {
        try (Socket accepted = server.accept()) {
            client = accepted;
            BufferedReader commands = new BufferedReader(
                new InputStreamReader(accepted.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = accepted.getOutputStream();
            for (int i = 0; i < replies.size(); i++) {
                if (i > 0 && commands.readLine() == null) {
                    return;
                }
                out.write((replies.get(i) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            while (commands.readLine() != null) {
                // the client's QUIT, if it sends one
            }
        } catch (IOException closed) {
            // the client hung up
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        Socket accepted = client;
        if (accepted != null) {
            accepted.close();
        }
        thread.join();
    }
}
