package dev.mtasts.audit;

import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds a whole conversation on one socket: at the deadline the socket is closed, which ends any blocking read
 * or write at once. A per-read timeout alone would let a server that drips one byte at a time hold the probe for
 * ever.
 */
final class SocketDeadline implements AutoCloseable {

    private final Duration timeout;
    private volatile Socket socket;
    private volatile boolean finished;
    private volatile boolean expired;

    private SocketDeadline(Socket socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    static SocketDeadline start(Socket socket, Duration timeout) {
        SocketDeadline deadline = new SocketDeadline(socket, timeout);
        CompletableFuture.runAsync(deadline::expire,
                CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        return deadline;
    }

    /** After STARTTLS the conversation goes on over the TLS socket layered on the same connection. */
    void watch(Socket layered) {
        this.socket = layered;
    }

    private void expire() {
        if (!finished) {
            expired = true;
            Connector.closeQuietly(socket);
        }
    }

    boolean expired() {
        return expired;
    }

    /** Whether {@code failure} is the deadline's doing, or a read that timed out on its own. */
    boolean timedOut(Exception failure) {
        return expired || failure instanceof SocketTimeoutException;
    }

    /** What went wrong, for a finding: the deadline, or the failure's own message. */
    String explain(Exception failure) {
        return timedOut(failure) ? describe() : Connector.describe(failure);
    }

    /** "no complete answer within 60 s", for a finding. */
    String describe() {
        return "no complete answer within " + timeout.toSeconds() + " s";
    }

    @Override
    public void close() {
        finished = true;
    }
}
