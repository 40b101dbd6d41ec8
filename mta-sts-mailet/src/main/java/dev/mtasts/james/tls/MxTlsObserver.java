package dev.mtasts.james.tls;

import java.util.Optional;

/** Hears what happened in each SMTP session with an MX host, as it happens. */
public interface MxTlsObserver {

    /** The MX answered EHLO without offering STARTTLS (RFC 8460 {@code starttls-not-supported}). */
    void startTlsNotOffered(String mxHost);

    /**
     * The MX's certificate was checked during the TLS handshake.
     *
     * @param failure       empty when the session meets RFC 8461 §4.2
     * @param sessionDetail the negotiated protocol and cipher suite
     */
    void certificateVerified(String mxHost, Optional<TlsFailure> failure, String sessionDetail);
}
