package dev.mtasts.james.tls;

import dev.mtasts.outcome.ResultType;

import java.util.Objects;
import java.util.Optional;

/** A completed TLS handshake with an MX: the protocol, the cipher suite, and why the certificate would not pass. */
public final class EstablishedTls {

    private final String protocol;
    private final String cipherSuite;
    private final Optional<ResultType> certificateFailure;

    /**
     * @param certificateFailure empty when the chain and the MX host name pass RFC 8461 §4.2's checks; the first
     *                           failure otherwise; also present when the checks never ran
     */
    public EstablishedTls(String protocol, String cipherSuite, Optional<ResultType> certificateFailure) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.cipherSuite = Objects.requireNonNull(cipherSuite, "cipherSuite");
        this.certificateFailure = Objects.requireNonNull(certificateFailure, "certificateFailure");
    }

    public String protocol() {
        return protocol;
    }

    public String cipherSuite() {
        return cipherSuite;
    }

    public Optional<ResultType> certificateFailure() {
        return certificateFailure;
    }

    @Override
    public String toString() {
        return protocol + " " + cipherSuite + certificateFailure.map(failure -> " (" + failure.wireName() + ")")
            .orElse("");
    }
}
