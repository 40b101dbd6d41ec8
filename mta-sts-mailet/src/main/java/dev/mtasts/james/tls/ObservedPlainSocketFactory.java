package dev.mtasts.james.tls;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;

/**
 * The plain TCP socket factory JavaMail uses to reach an MX ({@code mail.smtp.socketFactory.class}): its sockets
 * watch the server's EHLO reply and tell the thread's {@link MxTlsObserver} when STARTTLS is not offered. Without
 * a {@link MxTlsScope} the sockets are plain sockets.
 */
public final class ObservedPlainSocketFactory extends SocketFactory {

    private static final ObservedPlainSocketFactory INSTANCE = new ObservedPlainSocketFactory();

    /** Called by JavaMail by reflection. */
    public static SocketFactory getDefault() {
        return INSTANCE;
    }

    @Override
    public Socket createSocket() {
        Optional<MxTlsScope> scope = MxTlsScope.current();
        return new ObservedSocket(scope.orElse(null));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localAddress, int localPort) throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localAddress, localPort));
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new InetSocketAddress(address, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localAddress, localPort));
        socket.connect(new InetSocketAddress(address, port));
        return socket;
    }
}
