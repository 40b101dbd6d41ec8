package dev.mtasts.audit;

import dev.mtasts.fetch.TrustAnchors;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * The client side of a TLS handshake on an open connection, as a sending MTA makes it: TLS 1.2 or 1.3 only
 * (RFC 8461 §7.2 via RFC 8996), SNI naming the host (RFC 8461 §7.1), and the server's chain captured whatever
 * it holds (see {@link ChainCapture}).
 */
final class TlsClient {

    private TlsClient() {
    }

    /** A TLS socket over the connection, and what the handshake showed. */
    record Secured(SSLSocket socket, TlsPeer peer) {
    }

    /**
     * Layers TLS over {@code connection} and completes the handshake. Closing the returned socket closes the
     * connection.
     *
     * @throws IOException when the handshake fails; {@link #isVersionProblem} tells whether for lack of a common
     *                     TLS version
     */
    static Secured handshake(Socket connection, InetAddress address, String serverName) throws IOException {
        ChainCapture capture = new ChainCapture();
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {capture}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM offers no usable TLS implementation", e);
        }
        SSLSocket socket = (SSLSocket) context.getSocketFactory()
                .createSocket(connection, serverName, connection.getPort(), true);
        try {
            try {
                socket.setSSLParameters(TrustAnchors.clientParameters(serverName));
            } catch (IllegalArgumentException e) {
                // not a name SNI can carry (RFC 6066 §3): go on without it, the certificate check will tell
                socket.setEnabledProtocols(TrustAnchors.TLS_PROTOCOLS.toArray(String[]::new));
            }
            socket.setUseClientMode(true);
            socket.startHandshake();
            SSLSession session = socket.getSession();
            if (capture.chain().isEmpty()) {
                throw new SSLException("the server presented no certificate");
            }
            return new Secured(socket, new TlsPeer(address, session.getProtocol(), session.getCipherSuite(),
                    capture.chain(), capture.authType()));
        } catch (IOException | RuntimeException e) {
            Connector.closeQuietly(socket);
            // whatever the TLS stack makes of a hostile peer is a failed handshake, not a crash
            throw e instanceof IOException io ? io : new SSLException(e.toString(), e);
        }
    }

    /** Whether a failed handshake failed because client and server share no TLS version (TLS 1.2 or 1.3). */
    static boolean isVersionProblem(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null) {
                String lower = message.toLowerCase(Locale.ROOT);
                if (lower.contains("protocol_version") || lower.contains("protocol version")
                        || lower.contains("no appropriate protocol")) {
                    return true;
                }
            }
        }
        return false;
    }
}
