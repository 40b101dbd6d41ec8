package dev.mtasts.james.tls;

import dev.mtasts.outcome.OutboundSession;

import java.time.Instant;
import java.util.Optional;

/**
 * What one SMTP session counts as in the encrypted share of all outbound mail, decided when the session begins to
 * carry the message ({@code MAIL FROM}, RFC 5321 §3.3). A session that never got that far (refused by an enforce
 * policy before TLS, a handshake that failed, an MX that could not be reached) carried nothing and is not counted:
 * the session that then carries the message is.
 */
public final class SessionClassification {

    private SessionClassification() {
    }

    /**
     * @param overTls whether {@code MAIL FROM} went inside TLS (after STARTTLS, RFC 3207) rather than in clear text
     * @param tls     the handshake of this session, when it completed; empty for a clear-text session
     * @return empty when the session cannot be classified: a TLS channel whose handshake was not seen
     */
    public static Optional<OutboundSession> classify(String lane, Instant at, String domain, String mxHost,
                                                     boolean overTls, Optional<EstablishedTls> tls) {
        if (!overTls) {
            return Optional.of(OutboundSession.clearText(lane, at, domain, mxHost));
        }
        return tls.map(established -> OutboundSession.encrypted(lane, at, domain, mxHost, established.protocol(),
            established.cipherSuite(), established.certificateFailure().isEmpty()));
    }
}
