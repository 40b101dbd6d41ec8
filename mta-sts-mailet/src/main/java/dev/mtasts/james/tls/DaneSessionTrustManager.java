package dev.mtasts.james.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * The trust manager of the TLS context of one DANE MX host and its TLSA records: each full handshake is checked by
 * the {@link DaneSessionCheck}, and a failure aborts it. (A resumed session is checked by the same check, after the
 * handshake: {@link ResumptionCheckingSocket}.)
 */
final class DaneSessionTrustManager extends X509ExtendedTrustManager {

    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    private final DaneSessionCheck check;

    DaneSessionTrustManager(DaneSessionCheck check) {
        this.check = Objects.requireNonNull(check, "check");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
        if (!(socket instanceof SSLSocket) || ((SSLSocket) socket).getHandshakeSession() == null) {
            throw new CertificateException("DANE: no TLS handshake to check");
        }
        ResumptionCheckingSocket.certificateChecked();
        check.verify(chain, authType, ((SSLSocket) socket).getHandshakeSession(), socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
        if (engine == null || engine.getHandshakeSession() == null) {
            throw new CertificateException("DANE: no TLS handshake to check");
        }
        ResumptionCheckingSocket.certificateChecked();
        check.verify(chain, authType, engine.getHandshakeSession(), null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("DANE: an MX certificate is only checked within its session");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
        throw new CertificateException("DANE: client certificates are not checked here");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
        throw new CertificateException("DANE: client certificates are not checked here");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("DANE: client certificates are not checked here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NO_ISSUERS;
    }
}
