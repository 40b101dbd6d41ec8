package dev.mtasts.james.tls;

import dev.mtasts.dane.DaneAuthenticator;
import dev.mtasts.dane.DaneCertificateException;
import dev.mtasts.dane.DaneRequirement;
import dev.mtasts.dane.DaneVerdict;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The check of one session with a DANE MX host, on a full handshake (by {@link DaneSessionTrustManager}) and on a
 * resumed one (as its {@link ResumedSessionCheck}) alike: the chain must satisfy one of the host's usable TLSA records
 * (RFC 7672 §3, {@link DaneAuthenticator}), and where an MTA-STS {@code enforce} policy applies too, also PKIX and the
 * MX host name (RFC 8461 §4.2). DANE is checked first and its failure is final (RFC 8461 §2: MTA-STS never rescues
 * it). The verdict goes to the delivering thread's observer; without a delivery in progress nothing passes.
 */
final class DaneSessionCheck implements ResumedSessionCheck {

    private final DaneRequirement requirement;
    private final Optional<MxCertificateVerifier> enforcedPolicy;
    private final Clock clock;

    /** @param enforcedPolicy the PKIX check of an MTA-STS enforce policy that applies as well, if any */
    DaneSessionCheck(DaneRequirement requirement, Optional<MxCertificateVerifier> enforcedPolicy, Clock clock) {
        this.requirement = Objects.requireNonNull(requirement, "requirement");
        this.enforcedPolicy = Objects.requireNonNull(enforcedPolicy, "enforcedPolicy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    DaneRequirement requirement() {
        return requirement;
    }

    /** A full handshake's chain. */
    void verify(X509Certificate[] chain, String authType, SSLSession session, Socket socket)
        throws CertificateException {
        verify(chain, authType, session, socket, "");
    }

    private void verify(X509Certificate[] chain, String authType, SSLSession session, Socket socket, String how)
        throws CertificateException {
        MxTlsObserver observer = MxTlsScope.current().map(MxTlsScope::observer)
            .orElseThrow(() -> new CertificateException("DANE: no delivery in progress on this thread"));
        String host = requirement.host();
        String detail = session.getProtocol() + " " + session.getCipherSuite();
        MxConnection connection = socket == null ? new MxConnection(host, Optional.empty(), Optional.empty())
            : MxConnection.of(host, socket);
        DaneVerdict verdict = DaneAuthenticator.verify(chain, requirement, clock.instant());
        if (!verdict.authenticated()) {
            observer.daneChecked(connection, Optional.of(new TlsFailure(verdict.failure().orElseThrow(),
                "DANE (RFC 7672): " + verdict.detail())), detail + how);
            throw new DaneCertificateException(verdict);
        }
        if (enforcedPolicy.isPresent()) {
            Optional<TlsFailure> failure = enforcedPolicy.get().verify(chain, authType, host, session.getProtocol());
            if (failure.isPresent()) {
                observer.certificateVerified(connection, failure, detail + how);
                throw new MxCertificateException(failure.get());
            }
        }
        observer.daneChecked(connection, Optional.empty(), detail + ", " + verdict.detail() + how);
    }

    /** A resumed session: the certificates of the session it resumes, checked again against today's TLSA records. */
    @Override
    public void check(SSLSession session, SSLSocket socket) throws IOException {
        try {
            verify(ResumptionCheckingSocket.peerCertificates(session),
                ResumptionCheckingSocket.authType(session.getCipherSuite()), session, socket, " (resumed)");
        } catch (CertificateException refused) {
            SSLHandshakeException aborted = new SSLHandshakeException("DANE: " + refused.getMessage());
            aborted.initCause(refused);
            throw aborted;
        }
    }
}
