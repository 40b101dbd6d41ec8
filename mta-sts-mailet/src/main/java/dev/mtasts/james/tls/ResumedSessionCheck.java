package dev.mtasts.james.tls;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.IOException;

/** Checks a resumed TLS session's certificates as the trust manager would have checked a full handshake's. */
@FunctionalInterface
interface ResumedSessionCheck {

    /**
     * @param socket the session's socket (for the addresses of the record)
     * @throws IOException the session must not be used; the socket is then closed and the session forgotten
     */
    void check(SSLSession session, SSLSocket socket) throws IOException;
}
