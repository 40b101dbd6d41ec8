package dev.mtasts.james.tls;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;

/** A TCP socket to an MX that remembers the host name it was asked to reach and watches the EHLO reply. */
final class ObservedSocket extends Socket {

    private final MxTlsObserver observer;
    private String mxHost;
    private InputStream input;

    ObservedSocket(MxTlsObserver observer) {
        this.observer = observer;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (endpoint instanceof InetSocketAddress address) {
            mxHost = address.getHostString();
        }
        super.connect(endpoint, timeout);
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (input == null) {
            InputStream raw = super.getInputStream();
            input = observer == null || mxHost == null ? raw : new Watching(raw, new EhloWatcher(this::onEhloReply));
        }
        return input;
    }

    private void onEhloReply(String ehloName, boolean startTlsOffered) {
        observer.ehloReplied(MxConnection.of(mxHost, this), ehloName, startTlsOffered);
    }

    /** Feeds what JavaMail reads to the watcher until the EHLO reply is complete; costs nothing afterwards. */
    private static final class Watching extends FilterInputStream {

        private final EhloWatcher watcher;

        Watching(InputStream in, EhloWatcher watcher) {
            super(in);
            this.watcher = watcher;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && !watcher.isDone()) {
                watcher.feed(new byte[]{(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = super.read(buffer, offset, length);
            if (count > 0 && !watcher.isDone()) {
                watcher.feed(buffer, offset, count);
            }
            return count;
        }
    }
}
