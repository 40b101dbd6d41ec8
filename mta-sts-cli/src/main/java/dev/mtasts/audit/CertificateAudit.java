package dev.mtasts.audit;

import dev.mtasts.certificate.DnsIdentity;
import dev.mtasts.fetch.TrustAnchors;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * Checks a server's certificate chain the way RFC 8461 asks (§3.3 for the policy host, §4.2 for MX hosts): every
 * certificate within its validity period, a chain to a trusted root (PKIX, RFC 5280, through
 * {@link TrustAnchors#trustManager()}), and a DNS-ID matching the host name ({@link DnsIdentity}). Each problem
 * is its own finding, so an expired certificate for the wrong host shows both.
 */
final class CertificateAudit {

    /** Fewer days than this left on the leaf certificate is a warning. */
    static final int EXPIRY_WARNING_DAYS = 30;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final TrustAnchors trustAnchors;
    private final Clock clock;

    CertificateAudit(TrustAnchors trustAnchors, Clock clock) {
        this.trustAnchors = Objects.requireNonNull(trustAnchors, "trustAnchors");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Adds a finding for each problem of the chain {@code peer} presented as {@code host}.
     *
     * @param what how messages name the server, e.g. {@code "policy host mta-sts.example.com"}
     * @return whether the chain passed every check (an expiry warning still passes)
     */
    boolean check(TlsPeer peer, String host, String what, CertificateCodes codes, Findings findings) {
        boolean passed = checkDates(peer.chain(), what, codes, findings);
        passed &= checkTrust(peer, what, codes, findings, passed);
        passed &= checkName(peer.leaf(), host, what, codes, findings);
        return passed;
    }

    /** Whole days left before the leaf certificate expires (negative once it has). */
    long daysLeft(X509Certificate leaf) {
        return Duration.between(clock.instant(), leaf.getNotAfter().toInstant()).toDays();
    }

    private boolean checkDates(List<X509Certificate> chain, String what, CertificateCodes codes, Findings findings) {
        Instant now = clock.instant();
        boolean passed = true;
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate certificate = chain.get(i);
            String which = i == 0 ? "the certificate of " + what
                    : "chain certificate " + (i + 1) + " (" + subject(certificate) + ") of " + what;
            Instant notAfter = certificate.getNotAfter().toInstant();
            Instant notBefore = certificate.getNotBefore().toInstant();
            if (now.isAfter(notAfter)) {
                long days = Duration.between(notAfter, now).toDays();
                findings.add(codes.expired(), which + " expired on " + DATE.format(notAfter)
                        + " (" + days + (days == 1 ? " day" : " days") + " ago)",
                        "Install a renewed certificate (and automate renewal, e.g. with ACME)");
                passed = false;
            } else if (now.isBefore(notBefore)) {
                findings.add(codes.notYetValid(), which + " is valid only from " + DATE.format(notBefore),
                        "Check the server's clock and the certificate's dates; install one that is valid now");
                passed = false;
            }
        }
        X509Certificate leaf = chain.get(0);
        long daysLeft = daysLeft(leaf);
        if (passed && daysLeft < EXPIRY_WARNING_DAYS) {
            findings.add(codes.expiring(), "the certificate of " + what + " expires on "
                    + DATE.format(leaf.getNotAfter().toInstant()) + ", in " + daysLeft
                    + (daysLeft == 1 ? " day" : " days"),
                    "Renew it before it expires, and make sure renewal is automated");
        }
        return passed;
    }

    private boolean checkTrust(TlsPeer peer, String what, CertificateCodes codes, Findings findings,
            boolean datesPassed) {
        X509Certificate[] chain = peer.chain().toArray(X509Certificate[]::new);
        try {
            trustAnchors.trustManager().checkServerTrusted(chain, peer.authType());
            return true;
        } catch (CertificateException | IllegalArgumentException e) {
            if (isAboutDates(e)) {
                if (datesPassed) {
                    // our clock and the JVM's disagree; the trust manager's word counts
                    findings.add(codes.expired(), "the chain of " + what + " is outside its validity period: "
                            + reason(e), "Install a certificate that is valid now");
                }
                return false; // reported by checkDates
            }
            X509Certificate last = chain[chain.length - 1];
            findings.add(codes.untrusted(), "the chain of " + what + " does not lead to a trusted root (last"
                    + " certificate issued by " + issuer(last) + "): " + reason(e),
                    "Serve the full chain (certificate then intermediates) from a public CA; for a private CA,"
                    + " check with --ca-file");
            return false;
        }
    }

    private static boolean checkName(X509Certificate leaf, String host, String what, CertificateCodes codes,
            Findings findings) {
        if (DnsIdentity.matches(leaf, host)) {
            return true;
        }
        List<String> names = DnsIdentity.dnsNames(leaf);
        findings.add(codes.wrongHost(), "the certificate of " + what + " is not valid for " + host + " (its DNS names: "
                + (names.isEmpty() ? "none, subject " + subject(leaf) : String.join(", ", names)) + ")",
                "Get a certificate whose subject alternative names include " + host);
        return false;
    }

    private static boolean isAboutDates(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateExpiredException || cause instanceof CertificateNotYetValidException) {
                return true;
            }
            if (cause instanceof CertPathValidatorException validator
                    && (validator.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                    || validator.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID)) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message, which is the one that says what is wrong. */
    private static String reason(Throwable e) {
        Throwable innermost = e;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String message = innermost.getMessage();
        return message == null ? innermost.getClass().getSimpleName() : message;
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    private static String issuer(X509Certificate certificate) {
        return certificate.getIssuerX500Principal().getName();
    }
}
