package dev.mtasts.james.tls;

import dev.mtasts.outcome.ResultType;

import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketOption;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.channels.SocketChannel;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A TLS socket to an MX whose certificate is checked on every session, resumed ones included.
 *
 * <p>The JDK calls the trust manager ({@link MxTrustManager}, {@link DaneSessionTrustManager}) only when the MX sends
 * its certificate, that is on a full handshake; a resumed session (TLS 1.3 PSK, TLS 1.2 session id) skips it, but
 * still holds the peer certificates of the session it resumes. So after each handshake in which the trust manager was
 * not called, this socket hands the session to its {@link ResumedSessionCheck}, which checks those certificates as the
 * trust manager would have and tells the observer; a refusal closes the socket and fails the handshake (RFC 8461
 * §4.2, RFC 7672 §3; RFC 8460 counts every session). Resumption saves the key exchange and the signatures of a full
 * handshake, never a check.
 */
final class ResumptionCheckingSocket extends SSLSocket {

    /** Set by the trust manager of a full handshake running on this thread. */
    private static final ThreadLocal<boolean[]> CERTIFICATE_CHECKED = new ThreadLocal<>();

    private final SSLSocket delegate;
    private final ResumedSessionCheck check;

    ResumptionCheckingSocket(SSLSocket delegate, ResumedSessionCheck check) {
        this.delegate = delegate;
        this.check = check;
    }

    /** MTA-STS's check (RFC 8461 §4.2) of a resumed session; {@code enforcing}: a failure fails the handshake. */
    ResumptionCheckingSocket(SSLSocket delegate, MxCertificateVerifier verifier, boolean enforcing) {
        this(delegate, (session, socket) -> checkAsMtaSts(session, socket, verifier, enforcing));
    }

    /** Called by a trust manager when it has checked a certificate in a handshake on this thread. */
    static void certificateChecked() {
        boolean[] checked = CERTIFICATE_CHECKED.get();
        if (checked != null) {
            checked[0] = true;
        }
    }

    @Override
    public void startHandshake() throws IOException {
        boolean[] previous = CERTIFICATE_CHECKED.get();
        boolean[] checked = {false};
        CERTIFICATE_CHECKED.set(checked);
        try {
            delegate.startHandshake();
        } finally {
            if (previous == null) {
                CERTIFICATE_CHECKED.remove();
            } else {
                CERTIFICATE_CHECKED.set(previous);
            }
        }
        if (!checked[0]) {
            SSLSession session = delegate.getSession();
            try {
                check.check(session, delegate);
            } catch (IOException refused) {
                session.invalidate();
                delegate.close();
                throw refused;
            }
        }
    }

    private static void checkAsMtaSts(SSLSession session, SSLSocket socket, MxCertificateVerifier verifier,
                                      boolean enforcing) throws IOException {
        String mxHost = session.getPeerHost();
        Optional<TlsFailure> failure = mxHost == null
            ? Optional.of(new TlsFailure(ResultType.VALIDATION_FAILURE,
                "the TLS session has no MX host name"))
            : verifier.verify(peerCertificates(session), authType(session.getCipherSuite()), mxHost,
                session.getProtocol());
        String detail = session.getProtocol() + " " + session.getCipherSuite() + " (resumed)";
        MxConnection connection = MxConnection.of(mxHost == null ? "" : mxHost, socket);
        MxTlsScope.current().ifPresent(scope -> scope.observer().certificateVerified(connection, failure, detail));
        if (enforcing && failure.isPresent()) {
            SSLHandshakeException aborted = new SSLHandshakeException("MTA-STS: " + failure.get());
            aborted.initCause(new MxCertificateException(failure.get()));
            throw aborted;
        }
    }

    static X509Certificate[] peerCertificates(SSLSession session) {
        try {
            Certificate[] certificates = session.getPeerCertificates();
            return Arrays.stream(certificates).filter(X509Certificate.class::isInstance)
                .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
        } catch (SSLPeerUnverifiedException e) {
            return new X509Certificate[0];
        }
    }

    /**
     * The authentication type the JDK hands a trust manager: the key exchange of a TLS 1.2 suite
     * ({@code TLS_ECDHE_RSA_WITH_...} gives {@code ECDHE_RSA}), {@code UNKNOWN} for TLS 1.3, whose suites name none.
     */
    static String authType(String cipherSuite) {
        int with = cipherSuite.indexOf("_WITH_");
        return cipherSuite.startsWith("TLS_") && with > 4 ? cipherSuite.substring(4, with) : "UNKNOWN";
    }

    // Everything else is the delegate's.

    @Override
    public InputStream getInputStream() throws IOException {
        return delegate.getInputStream();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return delegate.getOutputStream();
    }

    @Override
    public SSLSession getSession() {
        return delegate.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return delegate.getHandshakeSession();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return delegate.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        delegate.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return delegate.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return delegate.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        delegate.setEnabledProtocols(protocols);
    }

    @Override
    public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
        delegate.addHandshakeCompletedListener(listener);
    }

    @Override
    public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
        delegate.removeHandshakeCompletedListener(listener);
    }

    @Override
    public void setUseClientMode(boolean mode) {
        delegate.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return delegate.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        delegate.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return delegate.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        delegate.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return delegate.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        delegate.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return delegate.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return delegate.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters parameters) {
        delegate.setSSLParameters(parameters);
    }

    @Override
    public String getApplicationProtocol() {
        return delegate.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return delegate.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLSocket, List<String>, String> selector) {
        delegate.setHandshakeApplicationProtocolSelector(selector);
    }

    @Override
    public BiFunction<SSLSocket, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return delegate.getHandshakeApplicationProtocolSelector();
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        delegate.connect(endpoint);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        delegate.connect(endpoint, timeout);
    }

    @Override
    public void bind(SocketAddress local) throws IOException {
        delegate.bind(local);
    }

    @Override
    public InetAddress getInetAddress() {
        return delegate.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return delegate.getLocalAddress();
    }

    @Override
    public int getPort() {
        return delegate.getPort();
    }

    @Override
    public int getLocalPort() {
        return delegate.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return delegate.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return delegate.getLocalSocketAddress();
    }

    @Override
    public SocketChannel getChannel() {
        return delegate.getChannel();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        delegate.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return delegate.getTcpNoDelay();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        delegate.setSoLinger(on, linger);
    }

    @Override
    public int getSoLinger() throws SocketException {
        return delegate.getSoLinger();
    }

    @Override
    public void sendUrgentData(int data) throws IOException {
        delegate.sendUrgentData(data);
    }

    @Override
    public void setOOBInline(boolean on) throws SocketException {
        delegate.setOOBInline(on);
    }

    @Override
    public boolean getOOBInline() throws SocketException {
        return delegate.getOOBInline();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        delegate.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return delegate.getSoTimeout();
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        delegate.setSendBufferSize(size);
    }

    @Override
    public int getSendBufferSize() throws SocketException {
        return delegate.getSendBufferSize();
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        delegate.setReceiveBufferSize(size);
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return delegate.getReceiveBufferSize();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        delegate.setKeepAlive(on);
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return delegate.getKeepAlive();
    }

    @Override
    public void setTrafficClass(int trafficClass) throws SocketException {
        delegate.setTrafficClass(trafficClass);
    }

    @Override
    public int getTrafficClass() throws SocketException {
        return delegate.getTrafficClass();
    }

    @Override
    public void setReuseAddress(boolean on) throws SocketException {
        delegate.setReuseAddress(on);
    }

    @Override
    public boolean getReuseAddress() throws SocketException {
        return delegate.getReuseAddress();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    @Override
    public void shutdownInput() throws IOException {
        delegate.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        delegate.shutdownOutput();
    }

    @Override
    public boolean isConnected() {
        return delegate.isConnected();
    }

    @Override
    public boolean isBound() {
        return delegate.isBound();
    }

    @Override
    public boolean isClosed() {
        return delegate.isClosed();
    }

    @Override
    public boolean isInputShutdown() {
        return delegate.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return delegate.isOutputShutdown();
    }

    @Override
    public void setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
        delegate.setPerformancePreferences(connectionTime, latency, bandwidth);
    }

    @Override
    public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
        delegate.setOption(name, value);
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        return delegate.getOption(name);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return delegate.supportedOptions();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
