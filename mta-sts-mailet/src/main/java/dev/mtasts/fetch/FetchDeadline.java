package dev.mtasts.fetch;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The total time one HTTPS exchange may take: a policy fetch (RFC 8461 §3.3) or a TLS report upload. When it
 * passes, the given action aborts the request, which closes its socket and so ends whatever the exchange is blocked
 * in: connect, handshake, headers or a slowly dripping body.
 *
 * <p>All deadlines share one daemon thread, which ends a second after the last pending deadline; a cancelled
 * deadline leaves nothing behind in its queue.
 */
public final class FetchDeadline implements AutoCloseable {

    private static final class Timer {
        static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "mta-sts-fetch-deadline");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true);
            // The thread ends when no deadline is pending, so nothing of ours outlives a stopped James.
            executor.setKeepAliveTime(1, TimeUnit.SECONDS);
            executor.allowCoreThreadTimeOut(true);
            return executor;
        }
    }

    private final long deadlineNanos;
    private final AtomicBoolean expired = new AtomicBoolean();
    private final ScheduledFuture<?> expiry;

    private FetchDeadline(Duration timeout, Runnable onExpiry) {
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.expiry = Timer.EXECUTOR.schedule(() -> {
            expired.set(true);
            onExpiry.run();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public static FetchDeadline start(Duration timeout, Runnable onExpiry) {
        return new FetchDeadline(timeout, onExpiry);
    }

    /** Whether the deadline has passed (its action may still be running). */
    public boolean expired() {
        return expired.get() || System.nanoTime() - deadlineNanos >= 0;
    }

    /** The number of scheduled deadlines still pending, across all fetches. */
    static int pending() {
        return Timer.EXECUTOR.getQueue().size();
    }

    @Override
    public void close() {
        expiry.cancel(false);
    }
}
