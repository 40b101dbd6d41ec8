package dev.mtasts.dane;

import dev.mtasts.certificate.DnsIdentity;
import dev.mtasts.dns.TlsaRecord;
import dev.mtasts.outcome.ResultType;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates an MX host's certificate chain against its usable TLSA records (RFC 7672 §3.1, RFC 7671 §5).
 *
 * <ul>
 *   <li>DANE-EE (3 x x): the leaf certificate (selector 0) or its public key (selector 1) matches; nothing else
 *       is checked, neither names nor dates (RFC 7672 §3.1.1, RFC 7671 §5.1).</li>
 *   <li>DANE-TA (2 x x): a certificate of the chain above the leaf matches; then the chain from the leaf up to
 *       it is validated with that certificate as the only trust anchor ({@code CertPathValidator}, PKIX,
 *       revocation off, the leaf's and intermediates' dates checked at {@code now}), and the leaf must carry a
 *       DNS-ID matching a reference name ({@link DnsIdentity}: DNS-IDs only, one-label wildcards) (RFC 7672
 *       §3.1.2, §3.2.2-3.2.3). A trust anchor the server does not send (a bare public key) is not matched.</li>
 * </ul>
 * A failure names the RFC 8460 result type: no record matches → {@code certificate-not-trusted}; a DANE-TA chain
 * with an expired certificate → {@code certificate-expired}; another chain failure → {@code validation-failure};
 * a wrong name → {@code certificate-host-mismatch}.
 */
public final class DaneAuthenticator {

    private DaneAuthenticator() {
    }

    public static DaneVerdict verify(X509Certificate[] chain, DaneRequirement requirement, Instant now) {
        if (chain == null || chain.length == 0) {
            return DaneVerdict.failed(ResultType.CERTIFICATE_NOT_TRUSTED, "the server sent no certificate");
        }
        X509Certificate leaf = chain[0];
        for (TlsaRecord record : requirement.records()) {
            if (record.usage() == UsableTlsa.DANE_EE && TlsaMatcher.matches(record, leaf)) {
                return DaneVerdict.authenticated(record, "DANE-EE " + abbreviated(record) + " matches the certificate of "
                        + requirement.host());
            }
        }
        Optional<DaneVerdict> taFailure = Optional.empty();
        for (TlsaRecord record : requirement.records()) {
            if (record.usage() != UsableTlsa.DANE_TA) {
                continue;
            }
            for (int i = 1; i < chain.length; i++) {
                if (!TlsaMatcher.matches(record, chain[i])) {
                    continue;
                }
                Optional<DaneVerdict> failure = chainFailure(chain, i, now);
                if (failure.isEmpty()) {
                    failure = nameFailure(leaf, requirement);
                }
                if (failure.isEmpty()) {
                    return DaneVerdict.authenticated(record, "DANE-TA " + abbreviated(record) + " matches "
                            + chain[i].getSubjectX500Principal().getName() + ", the chain to it is valid and the"
                            + " certificate names " + requirement.referenceNames());
                }
                if (taFailure.isEmpty()) {
                    taFailure = failure;
                }
            }
        }
        return taFailure.orElseGet(() -> DaneVerdict.failed(ResultType.CERTIFICATE_NOT_TRUSTED,
                "no TLSA record of " + requirement.host() + " matches the certificate chain (" + chain.length
                        + (chain.length == 1 ? " certificate" : " certificates") + "; TLSA "
                        + requirement.policyStrings().stream().map(DaneAuthenticator::abbreviated).reduce((a, b) -> a + ", " + b)
                                .orElse("") + ")"));
    }

    /** The path {@code chain[0..anchor-1]} validated with {@code chain[anchor]} as the only trust anchor. */
    private static Optional<DaneVerdict> chainFailure(X509Certificate[] chain, int anchor, Instant now) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> path = Arrays.asList(Arrays.copyOfRange(chain, 0, anchor));
            CertPath certPath = factory.generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(chain[anchor], null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
            return Optional.empty();
        } catch (CertPathValidatorException e) {
            boolean dates = e.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                    || e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID
                    || e.getCause() instanceof CertificateExpiredException
                    || e.getCause() instanceof CertificateNotYetValidException;
            return Optional.of(DaneVerdict.failed(dates ? ResultType.CERTIFICATE_EXPIRED : ResultType.VALIDATION_FAILURE,
                    "DANE-TA: the chain to the matched certificate does not validate: " + e.getMessage()));
        } catch (InvalidAlgorithmParameterException e) {
            return Optional.of(DaneVerdict.failed(ResultType.VALIDATION_FAILURE, "DANE-TA: " + e.getMessage()));
        } catch (GeneralSecurityException e) {
            return Optional.of(DaneVerdict.failed(ResultType.VALIDATION_FAILURE, "DANE-TA: " + e));
        }
    }

    private static Optional<DaneVerdict> nameFailure(X509Certificate leaf, DaneRequirement requirement) {
        for (String name : requirement.referenceNames()) {
            if (DnsIdentity.matches(leaf, name)) {
                return Optional.empty();
            }
        }
        return Optional.of(DaneVerdict.failed(ResultType.CERTIFICATE_HOST_MISMATCH,
                "DANE-TA: the certificate names " + DnsIdentity.dnsNames(leaf) + ", none of "
                        + requirement.referenceNames()));
    }

    private static String abbreviated(TlsaRecord record) {
        return abbreviated(record.toString());
    }

    private static String abbreviated(String record) {
        return record.length() > 24 ? record.substring(0, 22) + "..." : record;
    }
}
