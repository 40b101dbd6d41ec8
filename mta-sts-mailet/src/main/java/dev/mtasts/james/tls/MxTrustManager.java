package dev.mtasts.james.tls;

import javax.net.ssl.SSLSession;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Checks an MX host's certificate during the handshake and tells the thread's {@link MxTlsObserver}. When enforcing,
 * a failure aborts the handshake; when observing, it is only reported.
 */
final class MxTrustManager extends HandshakeTrustManager {

    private final MxCertificateVerifier verifier;
    private final boolean enforcing;

    MxTrustManager(MxCertificateVerifier verifier, boolean enforcing) {
        super("MTA-STS");
        this.verifier = verifier;
        this.enforcing = enforcing;
    }

    @Override
    void check(X509Certificate[] chain, String authType, SSLSession session, Socket socket)
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
}
