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
 * Each STARTTLS session gets a context of its own, so no TLS session is ever resumed: every session shows its
 * certificate, which is checked and counted (RFC 8461 §4.2; RFC 8460 counts sessions).
 */
public final class MxTls {

    private final MxCertificateVerifier verifier;
    private final MxTrustManager enforcing;
    private final MxTrustManager observing;

    public MxTls(MxCertificateVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.enforcing = new MxTrustManager(verifier, true);
        this.observing = new MxTrustManager(verifier, false);
        socketFactory(enforcing); // fails at start-up, not at the first delivery, on a JDK without TLS
    }

    public MxCertificateVerifier verifier() {
        return verifier;
    }

    /** A socket factory for one enforcing session. */
    SSLSocketFactory enforcing() {
        return socketFactory(enforcing);
    }

    /** A socket factory for one observing session. */
    SSLSocketFactory observing() {
        return socketFactory(observing);
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
