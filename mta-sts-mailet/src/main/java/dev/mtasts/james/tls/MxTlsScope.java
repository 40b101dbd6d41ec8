package dev.mtasts.james.tls;

import dev.mtasts.dane.HostDecision;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
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
    /** Per MX host name, for the DANE lane; {@code null} in the other lanes. */
    private final Map<String, HostDecision.TlsDemand> demands;

    private MxTlsScope(MxTls tls, MxTlsObserver observer, boolean startTlsRequired,
                       Map<String, HostDecision.TlsDemand> demands) {
        this.tls = Objects.requireNonNull(tls, "tls");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.startTlsRequired = startTlsRequired;
        this.demands = demands;
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
        MxTlsScope scope = new MxTlsScope(tls, observer, startTlsRequired, null);
        CURRENT.set(scope);
        return scope;
    }

    /**
     * Binds a scope whose sessions are each held to their MX host's own TLS demand (the DANE lane, RFC 7672 §2.2):
     * see {@link #demand}. Until a host is given one, a session with it must use STARTTLS and no factory connects.
     */
    public static MxTlsScope openPerHost(MxTls tls, MxTlsObserver observer) {
        MxTlsScope scope = new MxTlsScope(tls, observer, false, new HashMap<>());
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

    /** Holds the sessions with {@code mxHost} to {@code demand} (a per-host scope only). */
    public void demand(String mxHost, HostDecision.TlsDemand demand) {
        if (demands == null) {
            throw new IllegalStateException("not a per-host scope");
        }
        demands.put(hostName(mxHost), Objects.requireNonNull(demand, "demand"));
    }

    /** Whether this scope holds each MX host to its own demand ({@link #openPerHost}). */
    boolean perHost() {
        return demands != null;
    }

    /** The demand on the MX host {@code host} (a name, or an address resolved in this attempt), if it has one. */
    Optional<HostDecision.TlsDemand> demandFor(String host) {
        return demands == null ? Optional.empty() : Optional.ofNullable(demands.get(hostName(mxHostNames.nameOf(host))));
    }

    /**
     * Whether a session with {@code host} (a name, or an address resolved in this attempt) must not go on without
     * TLS: always in an enforcing scope; in a per-host scope as the host's demand says, and for a host without one,
     * which fails closed.
     */
    boolean startTlsRequiredFor(String host) {
        if (startTlsRequired) {
            return true;
        }
        if (demands == null) {
            return false;
        }
        return demandFor(host).map(HostDecision.TlsDemand::starttlsRequired).orElse(true);
    }

    private static String hostName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** The MX host names of the addresses resolved in this attempt (see {@link MxAddressNamingDnsService}). */
    MxHostNames mxHostNames() {
        return mxHostNames;
    }
}
