package dev.mtasts.james.tls;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Passes what JavaMail writes on to the socket, feeding it to a {@link ClientCommandWatcher} until it is done. */
final class CommandWatchingOutputStream extends FilterOutputStream {

    private final ClientCommandWatcher watcher;

    CommandWatchingOutputStream(OutputStream out, ClientCommandWatcher watcher) {
        super(out);
        this.watcher = watcher;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        if (!watcher.isDone()) {
            watcher.feed(new byte[]{(byte) b}, 0, 1);
        }
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        out.write(buffer, offset, length);
        if (!watcher.isDone()) {
            watcher.feed(buffer, offset, length);
        }
    }
}
