package dev.mtasts.james.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.Socket;
import java.util.Optional;

/**
 * STARTTLS for mail without a policy: opportunistic TLS as RFC 7435 and Postfix' {@code smtp_tls_security_level=may}
 * have it. Any certificate is accepted (the verdict is recorded, RFC 8461 §4.2's checks being the yardstick), and a
 * handshake that fails (an MX that speaks no TLS 1.2, say) does not fail the delivery: the session goes on in clear
 * text, in the same attempt (RFC 3207 §4.1 lets a client that cannot use TLS continue without it; after a failed
 * handshake the connection is unusable, so it continues on a new one: {@link ClearTextReconnect}).
 *
 * <p>JavaMail (1.6) calls {@link #createSocket(Socket, String, int, boolean)} after the MX accepted STARTTLS, starts
 * the handshake of the socket it gets back only if that is an {@code SSLSocket}, and then sends EHLO on it and goes
 * on. So the handshake runs here, and on failure a fresh clear-text connection, past its greeting, is returned.
 * Named in {@code mail.smtp.ssl.socketFactory.class}; JavaMail calls {@link #getDefault()}.
 */
public final class OpportunisticStartTlsSocketFactory extends ScopedStartTlsSocketFactory {

    private static final Logger LOGGER = LoggerFactory.getLogger(OpportunisticStartTlsSocketFactory.class);
    private static final OpportunisticStartTlsSocketFactory INSTANCE = new OpportunisticStartTlsSocketFactory();

    /** Called by JavaMail by reflection. */
    public static SocketFactory getDefault() {
        return INSTANCE;
    }

    @Override
    SSLSocketFactory choose(MxTls tls) {
        return tls.observing();
    }

    @Override
    public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
        ClearTextReconnect.Endpoint endpoint = ClearTextReconnect.Endpoint.of(plain);
        Optional<MxTlsScope> scope = MxTlsScope.current();
        if (scope.isEmpty()) {
            LOGGER.warn("MTA-STS: STARTTLS with {} outside of a delivery attempt; going on in clear text", host);
            closeQuietly(plain);
            return ClearTextReconnect.open(endpoint, null, "no delivery attempt on this thread");
        }
        ObservedSslSocket tls = null;
        try {
            tls = tlsLayer(scope.get(), choose(scope.get().tls()), plain, host, port, autoClose);
            tls.startHandshake();
            return tls;
        } catch (IOException | RuntimeException e) {
            closeQuietly(tls != null ? tls : plain);
            String why = String.valueOf(e.getMessage());
            if (scope.get().startTlsRequiredFor(host)) {
                // RFC 7672 §2.2, RFC 8461 §5: never clear text where TLS is required.
                throw e instanceof IOException ? (IOException) e : new IOException(why, e);
            }
            LOGGER.info("MTA-STS: TLS handshake with {} failed ({}); the delivery goes on in clear text", host, why);
            return ClearTextReconnect.open(endpoint, scope.get().observer(), why);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the connection is given up anyway
        }
    }
}
