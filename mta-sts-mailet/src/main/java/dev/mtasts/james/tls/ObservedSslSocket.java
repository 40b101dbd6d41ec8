package dev.mtasts.james.tls;

import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.channels.SocketChannel;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The TLS layer of one STARTTLS session, as JavaMail sees it: the JDK's socket, which tells the observer when the
 * handshake completed and when the message starts over TLS. The handshake runs once: JavaMail starts it after the
 * socket factory returns, unless the factory already ran it (opportunistic TLS, to fall back to clear text when it
 * fails); a second {@code startHandshake()} would renegotiate, so it does nothing.
 */
final class ObservedSslSocket extends SSLSocket {

    private final SSLSocket tls;
    private final MxTlsObserver observer;
    private final String mxHost;
    private final Optional<MxCertificateVerifier> verifierAfterHandshake;
    private boolean handshakeDone;
    private OutputStream output;

    /** A session whose certificate our trust manager checks, and tells the observer about, during the handshake. */
    ObservedSslSocket(SSLSocket tls, MxTlsObserver observer, String mxHost) {
        this(tls, observer, mxHost, Optional.empty());
    }

    /**
     * @param verifierAfterHandshake for a session whose trust is someone else's (JavaMail's default): checks the
     *                               certificate after the handshake, for the record only
     */
    ObservedSslSocket(SSLSocket tls, MxTlsObserver observer, String mxHost,
                      Optional<MxCertificateVerifier> verifierAfterHandshake) {
        this.tls = Objects.requireNonNull(tls, "tls");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.mxHost = Objects.requireNonNull(mxHost, "mxHost");
        this.verifierAfterHandshake = Objects.requireNonNull(verifierAfterHandshake, "verifierAfterHandshake");
    }

    @Override
    public synchronized void startHandshake() throws IOException {
        if (handshakeDone) {
            return;
        }
        tls.startHandshake();
        handshakeDone = true;
        SSLSession session = tls.getSession();
        MxConnection connection = MxConnection.of(mxHost, tls);
        if (verifierAfterHandshake.isPresent()) {
            // TLS 1.3 has no key exchange in its cipher suites: the JDK's trust managers take UNKNOWN then too.
            Optional<TlsFailure> failure = verifierAfterHandshake.get().verify(peerChain(session), "UNKNOWN", mxHost,
                session.getProtocol());
            observer.certificateVerified(connection, failure, session.getProtocol() + " " + session.getCipherSuite());
        }
        observer.tlsEstablished(connection, session.getProtocol(), session.getCipherSuite());
    }

    private static X509Certificate[] peerChain(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return Arrays.stream(chain).filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast)
                .toArray(X509Certificate[]::new);
        } catch (IOException e) {
            return new X509Certificate[0];
        }
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (output == null) {
            output = new CommandWatchingOutputStream(tls.getOutputStream(),
                new ClientCommandWatcher(() -> observer.messageStarted(MxConnection.of(mxHost, tls), true)));
        }
        return output;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return tls.getInputStream();
    }

    @Override
    public void close() throws IOException {
        tls.close();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return tls.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return tls.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        tls.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return tls.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return tls.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        tls.setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession() {
        return tls.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return tls.getHandshakeSession();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return tls.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters parameters) {
        tls.setSSLParameters(parameters);
    }

    @Override
    public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
        tls.addHandshakeCompletedListener(listener);
    }

    @Override
    public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
        tls.removeHandshakeCompletedListener(listener);
    }

    @Override
    public void setUseClientMode(boolean mode) {
        tls.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return tls.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        tls.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return tls.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        tls.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return tls.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        tls.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return tls.getEnableSessionCreation();
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        tls.connect(endpoint, timeout);
    }

    @Override
    public void bind(SocketAddress local) throws IOException {
        tls.bind(local);
    }

    @Override
    public InetAddress getInetAddress() {
        return tls.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return tls.getLocalAddress();
    }

    @Override
    public int getPort() {
        return tls.getPort();
    }

    @Override
    public int getLocalPort() {
        return tls.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return tls.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return tls.getLocalSocketAddress();
    }

    @Override
    public SocketChannel getChannel() {
        return tls.getChannel();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        tls.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return tls.getTcpNoDelay();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        tls.setSoLinger(on, linger);
    }

    @Override
    public int getSoLinger() throws SocketException {
        return tls.getSoLinger();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        tls.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return tls.getSoTimeout();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        tls.setKeepAlive(on);
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return tls.getKeepAlive();
    }

    @Override
    public void shutdownInput() throws IOException {
        tls.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        tls.shutdownOutput();
    }

    @Override
    public boolean isConnected() {
        return tls.isConnected();
    }

    @Override
    public boolean isBound() {
        return tls.isBound();
    }

    @Override
    public boolean isClosed() {
        return tls.isClosed();
    }

    @Override
    public boolean isInputShutdown() {
        return tls.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return tls.isOutputShutdown();
    }

    @Override
    public String toString() {
        return "observed " + tls;
    }
}
