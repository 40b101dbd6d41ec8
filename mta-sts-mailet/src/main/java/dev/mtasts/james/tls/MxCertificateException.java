package dev.mtasts.james.tls;

import java.security.cert.CertificateException;

/** Aborts a handshake with an MX host whose session fails RFC 8461 §4.2; carries the RFC 8460 result type. */
public final class MxCertificateException extends CertificateException {

    private static final long serialVersionUID = 1L;

    private final transient TlsFailure failure;

    public MxCertificateException(TlsFailure failure) {
        super("MTA-STS: " + failure);
        this.failure = failure;
    }

    public TlsFailure failure() {
        return failure;
    }
}
