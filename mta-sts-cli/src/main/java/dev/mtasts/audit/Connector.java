package dev.mtasts.audit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Opens a TCP connection to the first of a host's addresses that accepts one. */
final class Connector {

    private Connector() {
    }

    /** A connected socket, and the address it reached. */
    record Connected(Socket socket, InetAddress address) {
    }

    /**
     * Tries the addresses in order, each for at most {@code timeout}.
     *
     * @throws UnreachableException naming each address and why it failed
     */
    static Connected connect(List<InetAddress> addresses, int port, Duration timeout) throws UnreachableException {
        List<String> failures = new ArrayList<>();
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
                return new Connected(socket, address);
            } catch (IOException | IllegalArgumentException e) {
                closeQuietly(socket);
                failures.add(address.getHostAddress() + " port " + port + ": " + describe(e));
            }
        }
        throw new UnreachableException(failures.isEmpty() ? "no address to connect to" : String.join("; ", failures));
    }

    static String describe(Exception e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : message;
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }

    /** No address accepted a connection. */
    static final class UnreachableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreachableException(String detail) {
            super(detail);
        }
    }
}
