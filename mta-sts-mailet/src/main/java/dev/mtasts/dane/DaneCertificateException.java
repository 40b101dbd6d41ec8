package dev.mtasts.dane;

import java.security.cert.CertificateException;

/** A DANE authentication failure in a TLS handshake, with its {@link DaneVerdict} (and so its RFC 8460 type). */
public final class DaneCertificateException extends CertificateException {

    private static final long serialVersionUID = 1L;

    private final transient DaneVerdict verdict;

    public DaneCertificateException(DaneVerdict verdict) {
        super("DANE: " + verdict);
        this.verdict = verdict;
    }

    public DaneVerdict verdict() {
        return verdict;
    }
}
