package dev.mtasts.james.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * The shell of a trust manager that checks an MX host's certificate within its TLS handshake: the JSSE overloads
 * hand the chain and the handshake session to {@link #check}; a chain without a handshake, and every client
 * certificate, is refused. Subclasses say what a certificate must satisfy (RFC 8461 §4.2, RFC 7672 §3).
 */
abstract class HandshakeTrustManager extends X509ExtendedTrustManager {

    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    private final String label;

    /** @param label how the refusals begin: {@code MTA-STS} or {@code DANE} */
    HandshakeTrustManager(String label) {
        this.label = label;
    }

    /**
     * @param handshake the session being negotiated
     * @param socket    its socket, or {@code null} for an engine
     */
    abstract void check(X509Certificate[] chain, String authType, SSLSession handshake, Socket socket)
        throws CertificateException;

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
        if (!(socket instanceof SSLSocket) || ((SSLSocket) socket).getHandshakeSession() == null) {
            throw new CertificateException(label + ": no TLS handshake to check");
        }
        check(chain, authType, ((SSLSocket) socket).getHandshakeSession(), socket);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
        if (engine == null || engine.getHandshakeSession() == null) {
            throw new CertificateException(label + ": no TLS handshake to check");
        }
        check(chain, authType, engine.getHandshakeSession(), null);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        // Without the handshake there is no MX host name, and no session to report (RFC 8461 §4.2).
        throw new CertificateException(label + ": an MX certificate is only checked within its TLS handshake");
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
        throw new CertificateException(label + ": client certificates are not checked here");
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
        throw new CertificateException(label + ": client certificates are not checked here");
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException(label + ": client certificates are not checked here");
    }

    @Override
    public final X509Certificate[] getAcceptedIssuers() {
        return NO_ISSUERS;
    }
}
