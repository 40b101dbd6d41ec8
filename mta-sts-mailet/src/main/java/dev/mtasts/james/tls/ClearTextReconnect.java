package dev.mtasts.james.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;

/**
 * After a failed STARTTLS handshake the connection cannot be used for anything (RFC 3207 §4.1): a new clear-text
 * connection to the same MX address and port, from the same local address, with the same read timeout, read past
 * its 220 greeting (RFC 5321 §4.2, at most 64 KiB and 100 lines), so that JavaMail sends EHLO on it as though it had
 * never asked for TLS.
 */
final class ClearTextReconnect {

    /** When the failed connection had no read timeout: RFC 5321 §4.5.3.2.1's five minutes for the greeting. */
    private static final int DEFAULT_TIMEOUT_MILLIS = 5 * 60 * 1000;
    private static final int MAX_GREETING_BYTES = 64 * 1024;
    private static final int MAX_GREETING_LINES = 100;

    private ClearTextReconnect() {
    }

    /** Where a connection went, taken before its TLS layer is closed (a closed socket forgets its local address). */
    static final class Endpoint {
        private final InetAddress address;
        private final int port;
        private final InetAddress local;
        private final int timeoutMillis;

        private Endpoint(InetAddress address, int port, InetAddress local, int timeoutMillis) {
            this.address = address;
            this.port = port;
            this.local = local;
            this.timeoutMillis = timeoutMillis;
        }

        static Endpoint of(Socket socket) {
            return new Endpoint(socket.getInetAddress(), socket.getPort(), socket.getLocalAddress(),
                timeoutOf(socket));
        }
    }

    /**
     * A new connection to the endpoint of a connection given up, greeted.
     *
     * @param observer told about the new session like any other, or {@code null}
     * @throws IOException when the MX cannot be reached again or does not greet with 220
     */
    static Socket open(Endpoint endpoint, MxTlsObserver observer, String why) throws IOException {
        if (endpoint.address == null) {
            throw new IOException("MTA-STS: the TLS handshake failed (" + why + ") and the MX address is unknown");
        }
        Socket socket = new ObservedSocket(observer);
        try {
            if (endpoint.local != null && !endpoint.local.isAnyLocalAddress()) {
                socket.bind(new InetSocketAddress(endpoint.local, 0));
            }
            socket.connect(new InetSocketAddress(endpoint.address, endpoint.port), endpoint.timeoutMillis);
            socket.setSoTimeout(endpoint.timeoutMillis);
            readGreeting(socket.getInputStream(), endpoint.address.getHostAddress());
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw new IOException("MTA-STS: the TLS handshake failed (" + why + ") and reconnecting in clear text to "
                + endpoint.address.getHostAddress() + " failed too: " + e.getMessage(), e);
        }
    }

    private static int timeoutOf(Socket socket) {
        try {
            int timeout = socket.getSoTimeout();
            return timeout > 0 ? timeout : DEFAULT_TIMEOUT_MILLIS;
        } catch (SocketException e) {
            return DEFAULT_TIMEOUT_MILLIS;
        }
    }

    /** Reads byte by byte, so that nothing after the greeting is taken from JavaMail. */
    static void readGreeting(InputStream in, String peer) throws IOException {
        StringBuilder line = new StringBuilder();
        int bytes = 0;
        int lines = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException(peer + " closed the connection before its greeting ended");
            }
            if (++bytes > MAX_GREETING_BYTES) {
                throw new IOException(peer + " sent a greeting of more than " + MAX_GREETING_BYTES + " bytes");
            }
            if (b != '\n') {
                if (b != '\r' && line.length() < 512) {
                    line.append((char) b);
                }
                continue;
            }
            if (++lines > MAX_GREETING_LINES) {
                throw new IOException(peer + " sent a greeting of more than " + MAX_GREETING_LINES + " lines");
            }
            String reply = line.toString();
            line.setLength(0);
            if (!reply.startsWith("220")) {
                throw new IOException(peer + " greeted with " + reply);
            }
            if (reply.length() == 3 || reply.charAt(3) == ' ') {
                return;
            }
        }
    }
}
