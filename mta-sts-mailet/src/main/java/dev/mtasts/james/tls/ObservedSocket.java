package dev.mtasts.james.tls;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A TCP socket to an MX that remembers the host name it was asked to reach, watches the EHLO reply, and tells when
 * the message starts in clear text ({@code MAIL FROM} before any {@code STARTTLS}). When STARTTLS
 * is required, a reply that stops the session before TLS comes out as an {@link IOException} (see
 * {@link EhloWatcher}): JavaMail nests it in its MessagingException, which James' RemoteDelivery takes for a failure
 * of this MX alone, temporary, and goes on to the next MX (RFC 8461 §5).
 */
final class ObservedSocket extends Socket {

    private final MxTlsObserver observer;
    private final Predicate<String> startTlsRequiredFor;
    private final UnaryOperator<String> mxHostName;
    private String mxHost;
    private InputStream input;
    private OutputStream output;

    /** @param scope the delivery attempt's TLS scope; {@code null} outside of one (a plain socket then) */
    ObservedSocket(MxTlsScope scope) {
        this.observer = scope == null ? null : scope.observer();
        this.startTlsRequiredFor = scope == null ? host -> false : scope::startTlsRequiredFor;
        // The lanes connect by address: a session is recorded under the MX host name the address came from.
        this.mxHostName = scope != null ? scope.mxHostNames()::nameOf : UnaryOperator.identity();
    }

    /** A session that may go on in clear text (a reconnect after a failed opportunistic handshake). */
    ObservedSocket(MxTlsObserver observer) {
        this.observer = observer;
        this.startTlsRequiredFor = host -> false;
        this.mxHostName = UnaryOperator.identity();
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (endpoint instanceof InetSocketAddress) {
            mxHost = mxHostName.apply(((InetSocketAddress) endpoint).getHostString());
        }
        super.connect(endpoint, timeout);
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (input == null) {
            InputStream raw = super.getInputStream();
            // Decided once connected: in the DANE lane, whether STARTTLS is required depends on the MX host.
            input = observer == null || mxHost == null ? raw : new Watching(raw,
                new EhloWatcher(this::onEhloReply, startTlsRequiredFor.test(mxHost)), mxHost);
        }
        return input;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (output == null) {
            OutputStream raw = super.getOutputStream();
            output = observer == null || mxHost == null ? raw : new CommandWatchingOutputStream(raw,
                new ClientCommandWatcher(() -> observer.messageStarted(MxConnection.of(mxHost, this), false)));
        }
        return output;
    }

    private void onEhloReply(String ehloName, boolean startTlsOffered) {
        observer.ehloReplied(MxConnection.of(mxHost, this), ehloName, startTlsOffered);
    }

    /** Feeds what JavaMail reads to the watcher until it is done; costs nothing afterwards. */
    private static final class Watching extends FilterInputStream {

        private final EhloWatcher watcher;
        private final String mxHost;

        Watching(InputStream in, EhloWatcher watcher, String mxHost) {
            super(in);
            this.watcher = watcher;
            this.mxHost = mxHost;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && !watcher.isDone()) {
                watcher.feed(new byte[]{(byte) b}, 0, 1);
            }
            refuseIfTold();
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = super.read(buffer, offset, length);
            if (count > 0 && !watcher.isDone()) {
                watcher.feed(buffer, offset, count);
            }
            refuseIfTold();
            return count;
        }

        private void refuseIfTold() throws IOException {
            Optional<String> refusal = watcher.refusal();
            if (refusal.isPresent()) {
                throw new IOException("MTA-STS: STARTTLS is required with " + mxHost + ": " + refusal.get());
            }
        }
    }
}
