package dev.mtasts.james.tls;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;

/**
 * The TLS socket factory JavaMail uses for STARTTLS ({@code mail.smtp.ssl.socketFactory.class}). It takes the TLS
 * set-up from the delivering thread's {@link MxTlsScope} and refuses to connect without one.
 */
abstract class ScopedStartTlsSocketFactory extends SSLSocketFactory {

    // RFC 8461 §4.2 with RFC 8996: nothing older than TLS 1.2.
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    abstract SSLSocketFactory choose(MxTls tls);

    static MxTlsScope scope() throws SSLException {
        return MxTlsScope.current()
            .orElseThrow(() -> new SSLException("MTA-STS: no delivery in progress on this thread; not connecting"));
    }

    @Override
    public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
        MxTlsScope scope = scope();
        return tlsLayer(scope, choose(scope.tls()), plain, host, port, autoClose);
    }

    /**
     * The TLS layer over a connected socket, its handshake not started: TLS 1.2 or newer, the MX host name as SNI
     * and as the name the certificate is checked against (the name the address was resolved from, when JavaMail
     * connected by address).
     */
    static ObservedSslSocket tlsLayer(MxTlsScope scope, SSLSocketFactory factory, Socket plain, String host,
                                      int port, boolean autoClose) throws IOException {
        String mxHost = scope.mxHostNames().nameOf(host);
        SSLSocket socket = (SSLSocket) factory.createSocket(plain, mxHost, port, autoClose);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(PROTOCOLS.clone());
        try {
            // RFC 8461 §7.1 (via RFC 6066): send the MX host name as SNI.
            parameters.setServerNames(List.of(new SNIHostName(mxHost)));
        } catch (IllegalArgumentException notAHostName) {
            // An IP literal has no SNI; the host name check fails later anyway.
        }
        socket.setSSLParameters(parameters);
        // A resumed session's certificate is checked too (ResumptionCheckingSocket).
        return new ObservedSslSocket(scope.tls().checkingEverySession(factory, socket), scope.observer(), mxHost);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        MxTls tls = scope().tls();
        return tls.checkingEverySession(choose(tls), choose(tls).createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localAddress, int localPort) throws IOException {
        MxTls tls = scope().tls();
        return tls.checkingEverySession(choose(tls), choose(tls).createSocket(host, port, localAddress, localPort));
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        MxTls tls = scope().tls();
        return tls.checkingEverySession(choose(tls), choose(tls).createSocket(address, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
        MxTls tls = scope().tls();
        return tls.checkingEverySession(choose(tls), choose(tls).createSocket(address, port, localAddress, localPort));
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return MxTlsScope.current().map(scope -> choose(scope.tls()).getDefaultCipherSuites())
            .orElseGet(() -> new String[0]);
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return MxTlsScope.current().map(scope -> choose(scope.tls()).getSupportedCipherSuites())
            .orElseGet(() -> new String[0]);
    }
}
