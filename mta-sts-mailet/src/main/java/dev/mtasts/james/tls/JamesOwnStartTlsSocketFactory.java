package dev.mtasts.james.tls;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Optional;

/**
 * STARTTLS for mail without a policy when opportunistic TLS is off and the operator turned on James' own STARTTLS
 * ({@code startTLS=true}) without naming a socket factory: exactly what JavaMail would use — the JDK's default
 * factory and trust, the handshake and host-name check left to JavaMail — except that the session is watched, so
 * that it is counted, with the certificate's verdict against the extension's trust anchors recorded beside it.
 * Named in {@code mail.smtp.ssl.socketFactory.class}; JavaMail calls {@link #getDefault()}.
 */
public final class JamesOwnStartTlsSocketFactory extends SSLSocketFactory {

    private static final JamesOwnStartTlsSocketFactory INSTANCE = new JamesOwnStartTlsSocketFactory();

    /** Called by JavaMail by reflection. */
    public static SocketFactory getDefault() {
        return INSTANCE;
    }

    private static SSLSocketFactory jdk() {
        return (SSLSocketFactory) SSLSocketFactory.getDefault();
    }

    @Override
    public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
        Socket socket = jdk().createSocket(plain, host, port, autoClose);
        Optional<MxTlsScope> scope = MxTlsScope.current();
        if (scope.isEmpty() || !(socket instanceof SSLSocket)) {
            return socket;
        }
        return new ObservedSslSocket((SSLSocket) socket, scope.get().observer(),
            scope.get().mxHostNames().nameOf(host), Optional.of(scope.get().tls().verifier()));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return jdk().createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localAddress, int localPort) throws IOException {
        return jdk().createSocket(host, port, localAddress, localPort);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return jdk().createSocket(address, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
        return jdk().createSocket(address, port, localAddress, localPort);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return jdk().getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return jdk().getSupportedCipherSuites();
    }
}
