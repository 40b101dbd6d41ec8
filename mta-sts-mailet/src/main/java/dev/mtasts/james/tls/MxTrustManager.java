package dev.mtasts.james.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Checks an MX host's certificate during the handshake and tells the thread's {@link MxTlsObserver}. When enforcing,
 * a failure aborts the handshake; when observing, it is only reported.
 */
final class MxTrustManager extends X509ExtendedTrustManager {

    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    private final MxCertificateVerifier verifier;
    private final boolean enforcing;

    MxTrustManager(MxCertificateVerifier verifier, boolean enforcing) {
        this.verifier = verifier;
        this.enforcing = enforcing;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
        if (!(socket instanceof SSLSocket) || ((SSLSocket) socket).getHandshakeSession() == null) {
            throw new CertificateException("MTA-STS: no TLS handshake to check");
        }
        SSLSocket sslSocket = (SSLSocket) socket;
        check(chain, authType, sslSocket.getHandshakeSession(), sslSocket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
        if (engine == null || engine.getHandshakeSession() == null) {
            throw new CertificateException("MTA-STS: no TLS handshake to check");
        }
        check(chain, authType, engine.getHandshakeSession(), null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        // Without a socket there is no host name to check against (RFC 8461 §4.2).
        throw new CertificateException("MTA-STS: an MX certificate can only be checked with its host name");
    }

    private void check(X509Certificate[] chain, String authType, SSLSession session, Socket socket)
        throws CertificateException {
        ResumptionCheckingSocket.certificateChecked();
        String mxHost = session.getPeerHost();
        if (mxHost == null) {
            throw new CertificateException("MTA-STS: the TLS session has no MX host name");
        }
        Optional<TlsFailure> failure = verifier.verify(chain, authType, mxHost, session.getProtocol());
        String detail = session.getProtocol() + " " + session.getCipherSuite();
        MxConnection connection = socket == null ? new MxConnection(mxHost, Optional.empty(), Optional.empty())
            : MxConnection.of(mxHost, socket);
        MxTlsScope.current().ifPresent(scope -> scope.observer().certificateVerified(connection, failure, detail));
        if (enforcing && failure.isPresent()) {
            throw new MxCertificateException(failure.get());
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
        throw new CertificateException("MTA-STS: client certificates are not checked here");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
        throw new CertificateException("MTA-STS: client certificates are not checked here");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("MTA-STS: client certificates are not checked here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NO_ISSUERS;
    }
}
