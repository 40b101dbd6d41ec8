package dev.mtasts.james.tls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import java.net.Socket;
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
 * Each set-up keeps one context, so a later session with the same MX host and port may resume an earlier one (no
 * key exchange and no signatures of a full handshake). Its certificate is checked all the same: every socket is a
 * {@link ResumptionCheckingSocket}, so every session, full or resumed, is checked and counted (RFC 8461 §4.2; RFC 8460
 * counts sessions). The enforcing and observing contexts never share sessions.
 */
public final class MxTls {

    private final MxCertificateVerifier verifier;
    private final MxTrustManager enforcing;
    private final MxTrustManager observing;
    private final SSLSocketFactory enforcingFactory;
    private final SSLSocketFactory observingFactory;
    private final DaneContexts daneContexts = new DaneContexts();

    public MxTls(MxCertificateVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.enforcing = new MxTrustManager(verifier, true);
        this.observing = new MxTrustManager(verifier, false);
        this.enforcingFactory = socketFactory(enforcing); // fails at start-up, on a JDK without TLS
        this.observingFactory = socketFactory(observing);
    }

    public MxCertificateVerifier verifier() {
        return verifier;
    }

    /** The TLS contexts of DANE hosts (RFC 7672 §3), one per host and TLSA record set. */
    DaneContexts daneContexts() {
        return daneContexts;
    }

    /** The socket factory of enforcing sessions. */
    SSLSocketFactory enforcing() {
        return enforcingFactory;
    }

    /** The socket factory of observing sessions. */
    SSLSocketFactory observing() {
        return observingFactory;
    }

    /**
     * The socket, made to check the certificate of a resumed session too; enforcing unless it comes from the
     * observing factory (an unknown factory fails closed).
     */
    SSLSocket checkingEverySession(SSLSocketFactory factory, Socket socket) {
        return new ResumptionCheckingSocket((SSLSocket) socket, verifier, factory != observingFactory);
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
