package dev.mtasts.james.tls;

import dev.mtasts.certificate.DnsIdentity;
import dev.mtasts.outcome.ResultType;

import javax.net.ssl.X509TrustManager;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an MX host's TLS session the way RFC 8461 §4.2 asks: the protocol is TLS 1.2 or newer, the chain leads to a
 * trusted root and nothing in it has expired, and a DNS-ID of the certificate matches the MX host name.
 */
public final class MxCertificateVerifier {

    // RFC 8461 §4.2 relies on RFC 7525 / RFC 8996: TLS 1.2 or newer.
    private static final Set<String> ACCEPTED_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    private final X509TrustManager pkix;
    private final Clock clock;

    /**
     * @param pkix  validates a chain against the trust anchors, without checking any host name
     * @param clock the time certificates must be valid at
     */
    public MxCertificateVerifier(X509TrustManager pkix, Clock clock) {
        this.pkix = Objects.requireNonNull(pkix, "pkix");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The clock certificates are checked against (also DANE-TA's chain dates, RFC 7672 §3.1.1). */
    public Clock clock() {
        return clock;
    }

    /** Empty when the session meets RFC 8461 §4.2, otherwise the first reason it does not. */
    public Optional<TlsFailure> verify(X509Certificate[] chain, String authType, String mxHost, String protocol) {
        if (!ACCEPTED_PROTOCOLS.contains(protocol)) {
            return Optional.of(new TlsFailure(ResultType.VALIDATION_FAILURE,
                "TLS protocol " + protocol + " is older than TLS 1.2"));
        }
        if (chain == null || chain.length == 0) {
            return Optional.of(new TlsFailure(ResultType.CERTIFICATE_NOT_TRUSTED, "the MX sent no certificate"));
        }
        X509Certificate leaf = chain[0];
        try {
            pkix.checkServerTrusted(chain, authType);
        } catch (CertificateException | RuntimeException e) {
            return Optional.of(classifyChainFailure(leaf, e));
        }
        if (!DnsIdentity.matches(leaf, mxHost)) {
            return Optional.of(new TlsFailure(ResultType.CERTIFICATE_HOST_MISMATCH,
                "certificate names " + DnsIdentity.dnsNames(leaf) + ", not " + mxHost));
        }
        return Optional.empty();
    }

    private TlsFailure classifyChainFailure(X509Certificate leaf, Exception failure) {
        Optional<String> expiry = expiryProblem(leaf);
        if (expiry.isPresent() || causedByExpiry(failure)) {
            return new TlsFailure(ResultType.CERTIFICATE_EXPIRED,
                expiry.orElse("a certificate in the chain is outside its validity period"));
        }
        return new TlsFailure(ResultType.CERTIFICATE_NOT_TRUSTED,
            "chain of " + leaf.getSubjectX500Principal().getName() + " is not trusted: " + rootMessage(failure));
    }

    private Optional<String> expiryProblem(X509Certificate certificate) {
        Date now = Date.from(clock.instant());
        try {
            certificate.checkValidity(now);
            return Optional.empty();
        } catch (CertificateExpiredException e) {
            return Optional.of("certificate " + certificate.getSubjectX500Principal().getName() + " expired at "
                + certificate.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            return Optional.of("certificate " + certificate.getSubjectX500Principal().getName()
                + " is not valid before " + certificate.getNotBefore().toInstant());
        }
    }

    private static boolean causedByExpiry(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateExpiredException || cause instanceof CertificateNotYetValidException) {
                return true;
            }
            if (cause instanceof CertPathValidatorException) {
                CertPathValidatorException.Reason reason = ((CertPathValidatorException) cause).getReason();
                if (reason == CertPathValidatorException.BasicReason.EXPIRED
                    || reason == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
