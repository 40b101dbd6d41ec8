package dev.mtasts.james.tls;

import javax.net.ssl.SSLSession;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * The trust manager of the TLS context of one DANE MX host and its TLSA records: each full handshake is checked by
 * the {@link DaneSessionCheck}, and a failure aborts it. (A resumed session is checked by the same check, after the
 * handshake: {@link ResumptionCheckingSocket}.)
 */
final class DaneSessionTrustManager extends HandshakeTrustManager {

    private final DaneSessionCheck check;

    DaneSessionTrustManager(DaneSessionCheck check) {
        super("DANE");
        this.check = Objects.requireNonNull(check, "check");
    }

    @Override
    void check(X509Certificate[] chain, String authType, SSLSession handshake, Socket socket)
        throws CertificateException {
        ResumptionCheckingSocket.certificateChecked();
        check.verify(chain, authType, handshake, socket);
    }
}
