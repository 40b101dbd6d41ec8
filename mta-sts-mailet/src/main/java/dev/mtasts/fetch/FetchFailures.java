package dev.mtasts.fetch;

import dev.mtasts.fetch.FetchResult.Failed;
import dev.mtasts.outcome.ResultType;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import org.apache.http.conn.ConnectTimeoutException;

/**
 * Names the RFC 8460 result type of a failed fetch from the exception that ended it.
 *
 * <p>RFC 8460 §4.3.2.2: a policy that "could not be authenticated using PKIX validation" is
 * {@code sts-webpki-invalid}; that covers every certificate problem (untrusted, expired, not yet valid, wrong host)
 * and every failed TLS handshake, including a server that only speaks TLS 1.0 or 1.1, because such a host cannot
 * authenticate itself the way RFC 8461 §3.3 demands. Everything else that stops us from getting the text —
 * DNS, connect, timeouts, a server that does not speak TLS at all, a broken HTTP exchange — is
 * {@code sts-policy-fetch-error}.
 */
final class FetchFailures {

    private FetchFailures() {
    }

    static Failed fromException(String host, IOException exception) {
        Failed webPki = webPkiFailure(host, exception);
        if (webPki != null) {
            return webPki;
        }
        if (exception instanceof UnknownHostException) {
            return fetchError("DNS: " + message(exception));
        }
        if (exception instanceof ConnectTimeoutException || exception instanceof SocketTimeoutException) {
            return fetchError("timed out talking to " + host + ": " + message(exception));
        }
        if (exception instanceof ConnectException) {
            return fetchError("cannot connect: " + message(exception));
        }
        if (exception instanceof SSLException) {
            return fetchError("TLS failure with " + host + ": " + message(exception));
        }
        return fetchError("I/O failure with " + host + ": " + message(exception));
    }

    /** The most telling certificate or handshake problem anywhere in the cause chain, or {@code null}. */
    private static Failed webPkiFailure(String host, Throwable exception) {
        Throwable hostMismatch = find(exception, SSLPeerUnverifiedException.class);
        if (hostMismatch != null) {
            return webPki("certificate not valid for " + host + ": " + message(hostMismatch));
        }
        Throwable expired = find(exception, CertificateExpiredException.class);
        if (expired != null || validatorReason(exception) == BasicReason.EXPIRED) {
            return webPki("certificate of " + host + " expired" + detailOf(expired));
        }
        Throwable notYetValid = find(exception, CertificateNotYetValidException.class);
        if (notYetValid != null || validatorReason(exception) == BasicReason.NOT_YET_VALID) {
            return webPki("certificate of " + host + " not yet valid" + detailOf(notYetValid));
        }
        Throwable noPath = find(exception, CertPathBuilderException.class);
        if (noPath != null) {
            return webPki("certificate of " + host + " not trusted (no chain to a trust anchor): " + message(noPath));
        }
        Throwable invalidPath = find(exception, CertPathValidatorException.class);
        if (invalidPath != null) {
            return webPki("certificate chain of " + host + " rejected: " + message(invalidPath));
        }
        Throwable rejected = find(exception, CertificateException.class);
        if (rejected != null) {
            return webPki("certificate of " + host + " rejected: " + message(rejected));
        }
        Throwable handshake = find(exception, SSLHandshakeException.class);
        if (handshake != null) {
            return webPki("TLS handshake with " + host + " failed: " + message(handshake));
        }
        return null;
    }

    private static Throwable find(Throwable exception, Class<? extends Throwable> type) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return cause;
            }
        }
        return null;
    }

    private static CertPathValidatorException.Reason validatorReason(Throwable exception) {
        Throwable validator = find(exception, CertPathValidatorException.class);
        return validator == null ? null : ((CertPathValidatorException) validator).getReason();
    }

    private static String detailOf(Throwable cause) {
        return cause == null ? "" : ": " + message(cause);
    }

    private static Failed webPki(String detail) {
        return FetchResult.failed(ResultType.STS_WEBPKI_INVALID, detail);
    }

    static Failed fetchError(String detail) {
        return FetchResult.failed(ResultType.STS_POLICY_FETCH_ERROR, detail);
    }

    static String message(Throwable exception) {
        String message = exception.getMessage();
        return message == null || message.isBlank() ? exception.getClass().getSimpleName() : message;
    }
}
