package dev.mtasts.james.tls;

import java.util.Optional;

/** Hears what happened in each SMTP session with an MX host, as it happens. */
public interface MxTlsObserver {

    /**
     * The MX answered EHLO (or HELO).
     *
     * @param ehloName        the host name the MX gave in its reply (RFC 8460 {@code receiving-mx-helo})
     * @param startTlsOffered whether the reply offered STARTTLS; if not, RFC 8460 {@code starttls-not-supported}
     */
    void ehloReplied(MxConnection connection, String ehloName, boolean startTlsOffered);

    /**
     * The MX's certificate was checked during the TLS handshake.
     *
     * @param failure       empty when the session meets RFC 8461 §4.2
     * @param sessionDetail the negotiated protocol and cipher suite
     */
    void certificateVerified(MxConnection connection, Optional<TlsFailure> failure, String sessionDetail);

    /**
     * A DANE host's certificate was checked against its TLSA records (RFC 7672 §3), and, where an MTA-STS enforce
     * policy applies too, passed that as well. By default told as {@link #certificateVerified}.
     *
     * @param failure empty when the certificate is authenticated
     */
    default void daneChecked(MxConnection connection, Optional<TlsFailure> failure, String sessionDetail) {
        certificateVerified(connection, failure, sessionDetail);
    }

    /** The TLS handshake of a session completed. Nothing by default. */
    default void tlsEstablished(MxConnection connection, String protocol, String cipherSuite) {
    }

    /**
     * The session began to carry the message: our side sent {@code MAIL FROM}, over TLS or in clear text. Nothing by
     * default.
     */
    default void messageStarted(MxConnection connection, boolean overTls) {
    }
}
