package dev.mtasts.outcome;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One outbound SMTP session of any lane, with or without a policy: whether the message left encrypted, over what,
 * and whether the MX's certificate would have passed PKIX and host-name checks. The encrypted share of <em>all</em>
 * outbound mail and the "who still receives our mail in clear text" list are counted from these; RFC 8460 reports
 * are counted from {@link TlsOutcome}s, which only policy domains have.
 */
public final class OutboundSession {

    /** Which delivery lane ran the session ({@code standard}, {@code testing}, {@code enforce}, {@code dane}). */
    private final String lane;
    private final Instant at;
    private final String domain;
    private final String mxHost;
    private final Optional<String> tlsProtocol;
    private final Optional<String> cipherSuite;
    private final Optional<Boolean> certificateValid;

    private OutboundSession(String lane, Instant at, String domain, String mxHost, Optional<String> tlsProtocol,
                            Optional<String> cipherSuite, Optional<Boolean> certificateValid) {
        this.lane = Objects.requireNonNull(lane, "lane");
        this.at = Objects.requireNonNull(at, "at");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.mxHost = Objects.requireNonNull(mxHost, "mxHost");
        this.tlsProtocol = Objects.requireNonNull(tlsProtocol, "tlsProtocol");
        this.cipherSuite = Objects.requireNonNull(cipherSuite, "cipherSuite");
        this.certificateValid = Objects.requireNonNull(certificateValid, "certificateValid");
    }

    /** A session that went over TLS; {@code certificateValid}: whether PKIX and the host name would have passed. */
    public static OutboundSession encrypted(String lane, Instant at, String domain, String mxHost, String protocol,
                                            String cipherSuite, boolean certificateValid) {
        return new OutboundSession(lane, at, domain, mxHost, Optional.of(protocol), Optional.of(cipherSuite),
            Optional.of(certificateValid));
    }

    /** A session that sent the message in clear text (STARTTLS not offered, or its handshake failed). */
    public static OutboundSession clearText(String lane, Instant at, String domain, String mxHost) {
        return new OutboundSession(lane, at, domain, mxHost, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public String lane() {
        return lane;
    }

    public Instant at() {
        return at;
    }

    public String domain() {
        return domain;
    }

    public String mxHost() {
        return mxHost;
    }

    public boolean isEncrypted() {
        return tlsProtocol.isPresent();
    }

    public Optional<String> tlsProtocol() {
        return tlsProtocol;
    }

    public Optional<String> cipherSuite() {
        return cipherSuite;
    }

    /** Empty for a clear-text session. */
    public Optional<Boolean> certificateValid() {
        return certificateValid;
    }

    @Override
    public String toString() {
        return "lane=" + lane + " domain=" + domain + " mx=" + mxHost
            + (isEncrypted() ? " tls=" + tlsProtocol.get() + " cipher=" + cipherSuite.get()
                + " certificate=" + (certificateValid.get() ? "valid" : "invalid") : " tls=none");
    }
}
