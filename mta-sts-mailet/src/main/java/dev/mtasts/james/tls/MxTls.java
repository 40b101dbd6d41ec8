package dev.mtasts.james.tls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * The two TLS client set-ups used to talk to MX hosts, both validating per RFC 8461 §4.2 with the configured trust
 * anchors:
 * <ul>
 *     <li>enforcing, for enforce domains: a session that fails validation is aborted during the handshake;</li>
 *     <li>observing, for testing domains: the outcome is reported, the session goes on whatever it is
 *     (RFC 8461 §5: a testing policy never stops delivery).</li>
 * </ul>
 */
public final class MxTls {

    private final MxCertificateVerifier verifier;
    private final SSLSocketFactory enforcing;
    private final SSLSocketFactory observing;

    public MxTls(MxCertificateVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.enforcing = socketFactory(new MxTrustManager(verifier, true));
        this.observing = socketFactory(new MxTrustManager(verifier, false));
    }

    public MxCertificateVerifier verifier() {
        return verifier;
    }

    SSLSocketFactory enforcing() {
        return enforcing;
    }

    SSLSocketFactory observing() {
        return observing;
    }

    private static SSLSocketFactory socketFactory(MxTrustManager trustManager) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{trustManager}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK offers no TLS client", e);
        }
    }
}
