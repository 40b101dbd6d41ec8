package dev.mtasts.james.tls;

import java.util.Objects;
import java.util.Optional;

/**
 * Binds one delivery attempt's TLS settings and observer to the delivering thread.
 *
 * <p>JavaMail builds its socket factories by class name and calls them on the thread that delivers (James'
 * RemoteDelivery delivers one message per thread, synchronously), so a thread-bound scope is how the factories find
 * the trust anchors and the attempt to report to without any global mutable state. A factory that finds no scope
 * refuses to connect: misconfiguration fails closed.
 */
public final class MxTlsScope {

    private static final ThreadLocal<MxTlsScope> CURRENT = new ThreadLocal<>();

    private final MxTls tls;
    private final MxTlsObserver observer;
    private final boolean startTlsRequired;
    private final MxHostNames mxHostNames = new MxHostNames();

    private MxTlsScope(MxTls tls, MxTlsObserver observer, boolean startTlsRequired) {
        this.tls = Objects.requireNonNull(tls, "tls");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.startTlsRequired = startTlsRequired;
    }

    /** Binds a scope to the calling thread, replacing any earlier one; STARTTLS is opportunistic. */
    public static MxTlsScope open(MxTls tls, MxTlsObserver observer) {
        return open(tls, observer, false);
    }

    /**
     * Binds a scope to the calling thread, replacing any earlier one.
     *
     * @param startTlsRequired whether no session may go on without TLS (RFC 8461 §5, mode enforce)
     */
    public static MxTlsScope open(MxTls tls, MxTlsObserver observer, boolean startTlsRequired) {
        MxTlsScope scope = new MxTlsScope(tls, observer, startTlsRequired);
        CURRENT.set(scope);
        return scope;
    }

    public static Optional<MxTlsScope> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Unbinds this scope, if it is still the calling thread's. */
    public void close() {
        if (CURRENT.get() == this) {
            CURRENT.remove();
        }
    }

    public MxTls tls() {
        return tls;
    }

    public MxTlsObserver observer() {
        return observer;
    }

    public boolean startTlsRequired() {
        return startTlsRequired;
    }

    /** The MX host names of the addresses resolved in this attempt (see {@link MxAddressNamingDnsService}). */
    MxHostNames mxHostNames() {
        return mxHostNames;
    }
}
