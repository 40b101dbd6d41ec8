package dev.mtasts.dns;

import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A resolver for one {@code Lookup}: sends through a shared resolver without changing its settings, bounds each
 * query by a deadline, remembers why the last query failed (dnsjava's {@code Lookup} only says
 * "network error" or "timed out"), and keeps the answer sections it received, from which
 * {@link DnsjavaLookup} checks the CNAME chain {@code Lookup} followed.
 */
final class DeadlineResolver implements Resolver {

    private final Resolver delegate;
    private final Duration deadline;
    private volatile String lastFailure;
    private final List<Record> answerSections = new ArrayList<>();

    DeadlineResolver(Resolver delegate, Duration deadline) {
        this.delegate = delegate;
        this.deadline = deadline;
    }

    /** Why the last query failed, or null if none did. */
    String lastFailure() {
        return lastFailure;
    }

    /** The answer-section records of every response received so far, in order. */
    List<Record> answerSections() {
        synchronized (answerSections) {
            return List.copyOf(answerSections);
        }
    }

    @Override
    public Message send(Message query) throws IOException {
        try {
            Message response = delegate.sendAsync(query).toCompletableFuture()
                    .get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            if (response != null) {
                synchronized (answerSections) {
                    answerSections.addAll(response.getSection(Section.ANSWER));
                }
            }
            return response;
        } catch (TimeoutException e) {
            lastFailure = "no answer within " + deadline.toMillis() + " ms from " + delegate;
            throw new SocketTimeoutException(lastFailure);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof InterruptedIOException) {
                lastFailure = "no answer within " + deadline.toMillis() + " ms from " + delegate
                        + " (" + cause.getMessage() + ")";
            } else {
                lastFailure = cause.getClass().getSimpleName() + " from " + delegate
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            }
            throw cause instanceof IOException ? (IOException) cause : new IOException(lastFailure, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lastFailure = "interrupted while waiting for " + delegate;
            throw new InterruptedIOException(lastFailure);
        }
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
        return delegate.sendAsync(query, executor);
    }

    @Override
    public Duration getTimeout() {
        return deadline;
    }

    // The delegate may be shared (dnsjava's default resolver is James's): this view never changes it.

    @Override
    public void setPort(int port) {
        throw readOnly();
    }

    @Override
    public void setTCP(boolean flag) {
        throw readOnly();
    }

    @Override
    public void setIgnoreTruncation(boolean flag) {
        throw readOnly();
    }

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
        throw readOnly();
    }

    @Override
    public void setTSIGKey(TSIG key) {
        throw readOnly();
    }

    @Override
    public void setTimeout(Duration timeout) {
        throw readOnly();
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("a per-lookup view of a shared resolver cannot be reconfigured");
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
