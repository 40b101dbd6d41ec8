package dev.mtasts.dane;

import dev.mtasts.dns.TlsaRecord;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/**
 * Whether a certificate matches a TLSA record's selector, matching type and data (RFC 6698 §2.1.2-2.1.3): the
 * whole certificate's DER or its SubjectPublicKeyInfo DER (the public key's X.509 encoding), compared exactly
 * or by SHA-256 / SHA-512 digest. Comparison is in constant time.
 */
public final class TlsaMatcher {

    private TlsaMatcher() {
    }

    public static boolean matches(TlsaRecord record, X509Certificate certificate) {
        byte[] selected = selected(record.selector(), certificate);
        if (selected == null) {
            return false;
        }
        byte[] computed;
        switch (record.matchingType()) {
            case UsableTlsa.MATCH_FULL:
                computed = selected;
                break;
            case UsableTlsa.MATCH_SHA256:
                computed = digest("SHA-256", selected);
                break;
            case UsableTlsa.MATCH_SHA512:
                computed = digest("SHA-512", selected);
                break;
            default:
                return false;
        }
        return MessageDigest.isEqual(computed, record.data());
    }

    private static byte[] selected(int selector, X509Certificate certificate) {
        try {
            switch (selector) {
                case UsableTlsa.SELECTOR_CERT:
                    return certificate.getEncoded();
                case UsableTlsa.SELECTOR_SPKI:
                    return certificate.getPublicKey().getEncoded(); // X.509 SubjectPublicKeyInfo DER
                default:
                    return null;
            }
        } catch (CertificateEncodingException e) {
            return null;
        }
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }
}
