package dev.mtasts.james.tls;

import dev.mtasts.dane.DaneTls;
import dev.mtasts.dane.HostDecision;
import dev.mtasts.policy.Mode;

import javax.net.SocketFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.Socket;
import java.util.Optional;

/**
 * STARTTLS in the DANE lane: each session is held to its MX host's own demand ({@link HostDecision.TlsDemand}, set
 * on the attempt's per-host {@link MxTlsScope} from the domain's DANE plan):
 * <table>
 *   <caption>the TLS set-up by demand</caption>
 *   <tr><th>demand</th><th>TLS</th></tr>
 *   <tr><td>DANE (usable TLSA records)</td><td>TLS 1.2+, SNI the TLSA base domain, the certificate authenticated
 *       by the TLSA records ({@link DaneSessionCheck}), with MTA-STS enforce's PKIX check on top; a session may
 *       resume an earlier one with the same host and records, and is checked all the same ({@link DaneContexts};
 *       RFC 7672 §3, §8.1)</td></tr>
 *   <tr><td>encrypt only (only unusable TLSA records, RFC 7672 §3.1.3)</td><td>TLS required, any certificate
 *       (checked and reported); with MTA-STS enforce, its checks</td></tr>
 *   <tr><td>no DANE, MTA-STS enforce</td><td>as the enforce lane</td></tr>
 *   <tr><td>no DANE, MTA-STS testing</td><td>as the testing lane</td></tr>
 *   <tr><td>no DANE, no MTA-STS</td><td>opportunistic TLS, as the standard lane
 *       ({@link OpportunisticStartTlsSocketFactory})</td></tr>
 *   <tr><td>a host without a demand</td><td>refused: no connection</td></tr>
 * </table>
 * Whether the session may go on without STARTTLS at all is the plain socket's business ({@link ObservedSocket}
 * asks the same scope). Named in {@code mail.smtp.ssl.socketFactory.class}; JavaMail calls {@link #getDefault()}.
 */
public final class DaneStartTlsSocketFactory extends ScopedStartTlsSocketFactory {

    private static final DaneStartTlsSocketFactory INSTANCE = new DaneStartTlsSocketFactory();
    private static final OpportunisticStartTlsSocketFactory OPPORTUNISTIC = new OpportunisticStartTlsSocketFactory();

    /** Called by JavaMail by reflection. */
    public static SocketFactory getDefault() {
        return INSTANCE;
    }

    @Override
    SSLSocketFactory choose(MxTls tls) {
        return tls.enforcing(); // only for connections that are not STARTTLS, which this lane does not make
    }

    @Override
    public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
        MxTlsScope scope = scope();
        String mxHost = scope.mxHostNames().nameOf(host);
        Optional<HostDecision.TlsDemand> found = scope.demandFor(host);
        if (found.isEmpty()) {
            throw new SSLException("DANE: no TLS demand for " + mxHost + " in this attempt; not connecting");
        }
        HostDecision.TlsDemand demand = found.get();
        if (demand.dane().isPresent()) {
            return daneLayer(scope, demand, plain, mxHost, port, autoClose);
        }
        if (demand.encryptOnly() || demand.pkix() == Mode.ENFORCE) {
            return tlsLayer(scope, demand.pkix() == Mode.ENFORCE ? scope.tls().enforcing() : scope.tls().observing(),
                plain, host, port, autoClose);
        }
        if (demand.pkix() == Mode.TESTING) {
            return tlsLayer(scope, scope.tls().observing(), plain, host, port, autoClose);
        }
        return OPPORTUNISTIC.createSocket(plain, host, port, autoClose);
    }

    private static SSLSocket daneLayer(MxTlsScope scope, HostDecision.TlsDemand demand, Socket plain, String mxHost,
                                       int port, boolean autoClose) throws IOException {
        MxCertificateVerifier verifier = scope.tls().verifier();
        DaneContexts.DaneContext context = scope.tls().daneContexts().forRequirement(demand.dane().orElseThrow(),
            demand.pkix() == Mode.ENFORCE ? Optional.of(verifier) : Optional.empty(), verifier.clock());
        SSLSocket socket = (SSLSocket) context.factory().createSocket(plain, mxHost, port, autoClose);
        try {
            socket.setUseClientMode(true);
            socket.setSSLParameters(DaneTls.parameters(socket.getSSLParameters(), mxHost));
        } catch (IllegalArgumentException notAHostName) {
            socket.close();
            throw new SSLException("DANE: " + mxHost + " is not a host name to send as SNI (RFC 7672 §8.1)",
                notAHostName);
        }
        // A resumed session's certificate is checked against the TLSA records too.
        return new ObservedSslSocket(new ResumptionCheckingSocket(socket, context.check()), scope.observer(), mxHost);
    }
}
