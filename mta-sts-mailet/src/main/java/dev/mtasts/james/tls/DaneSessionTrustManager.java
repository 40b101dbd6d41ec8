package dev.mtasts.james.tls;

import dev.mtasts.dane.DaneAuthenticator;
import dev.mtasts.dane.DaneCertificateException;
import dev.mtasts.dane.DaneRequirement;
import dev.mtasts.dane.DaneVerdict;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Authenticates one session with a DANE MX host during the handshake and tells the attempt's observer: the chain
 * must satisfy one of the host's usable TLSA records (RFC 7672 §3, {@link DaneAuthenticator}), and where an MTA-STS
 * {@code enforce} policy applies too, also PKIX and the MX host name (RFC 8461 §4.2). DANE is checked first and its
 * failure is final (RFC 8461 §2: MTA-STS never rescues it). A failure aborts the handshake.
 */
final class DaneSessionTrustManager extends X509ExtendedTrustManager {

    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    private final DaneRequirement requirement;
    private final Optional<MxCertificateVerifier> enforcedPolicy;
    private final MxTlsObserver observer;
    private final Clock clock;

    /** @param enforcedPolicy the PKIX check of an MTA-STS enforce policy that applies as well, if any */
    DaneSessionTrustManager(DaneRequirement requirement, Optional<MxCertificateVerifier> enforcedPolicy,
                            MxTlsObserver observer, Clock clock) {
        this.requirement = Objects.requireNonNull(requirement, "requirement");
        this.enforcedPolicy = Objects.requireNonNull(enforcedPolicy, "enforcedPolicy");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
        if (!(socket instanceof SSLSocket) || ((SSLSocket) socket).getHandshakeSession() == null) {
            throw new CertificateException("DANE: no TLS handshake to check");
        }
        check(chain, authType, ((SSLSocket) socket).getHandshakeSession(), socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
        if (engine == null || engine.getHandshakeSession() == null) {
            throw new CertificateException("DANE: no TLS handshake to check");
        }
        check(chain, authType, engine.getHandshakeSession(), null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("DANE: an MX certificate is only checked within its session");
    }

    private void check(X509Certificate[] chain, String authType, SSLSession session, Socket socket)
        throws CertificateException {
        String host = requirement.host();
        String detail = session.getProtocol() + " " + session.getCipherSuite();
        MxConnection connection = socket == null ? new MxConnection(host, Optional.empty(), Optional.empty())
            : MxConnection.of(host, socket);
        DaneVerdict verdict = DaneAuthenticator.verify(chain, requirement, clock.instant());
        if (!verdict.authenticated()) {
            observer.daneChecked(connection, Optional.of(new TlsFailure(verdict.failure().orElseThrow(),
                "DANE (RFC 7672): " + verdict.detail())), detail);
            throw new DaneCertificateException(verdict);
        }
        if (enforcedPolicy.isPresent()) {
            Optional<TlsFailure> failure = enforcedPolicy.get().verify(chain, authType, host, session.getProtocol());
            if (failure.isPresent()) {
                observer.certificateVerified(connection, failure, detail);
                throw new MxCertificateException(failure.get());
            }
        }
        observer.daneChecked(connection, Optional.empty(), detail + ", DANE: " + verdict.detail());
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
