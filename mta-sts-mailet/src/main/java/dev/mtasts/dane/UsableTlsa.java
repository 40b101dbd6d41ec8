package dev.mtasts.dane;

import dev.mtasts.dns.TlsaRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * Which TLSA records an SMTP client may use (RFC 7672 §3.1.3, RFC 7671 §4-5): usage DANE-TA(2) or DANE-EE(3),
 * selector Cert(0) or SPKI(1), matching type Full(0), SHA2-256(1) or SHA2-512(2) with data of the digest's
 * length. PKIX-TA(0) and PKIX-EE(1) are unusable for SMTP (§3.1.3: there is no agreed set of trust anchors);
 * unknown parameters are unusable (RFC 6698 §4.1).
 */
public final class UsableTlsa {

    public static final int PKIX_TA = 0;
    public static final int PKIX_EE = 1;
    public static final int DANE_TA = 2;
    public static final int DANE_EE = 3;

    public static final int SELECTOR_CERT = 0;
    public static final int SELECTOR_SPKI = 1;

    public static final int MATCH_FULL = 0;
    public static final int MATCH_SHA256 = 1;
    public static final int MATCH_SHA512 = 2;

    private UsableTlsa() {
    }

    public static boolean isUsable(TlsaRecord record) {
        if (record.usage() != DANE_TA && record.usage() != DANE_EE) {
            return false;
        }
        if (record.selector() != SELECTOR_CERT && record.selector() != SELECTOR_SPKI) {
            return false;
        }
        int length = record.data().length;
        switch (record.matchingType()) {
            case MATCH_FULL:
                return length > 0;
            case MATCH_SHA256:
                return length == 32;
            case MATCH_SHA512:
                return length == 64;
            default:
                return false;
        }
    }

    /** The usable records of an RRset, in the order given. */
    public static List<TlsaRecord> usable(List<TlsaRecord> records) {
        List<TlsaRecord> usable = new ArrayList<>();
        for (TlsaRecord record : records) {
            if (isUsable(record)) {
                usable.add(record);
            }
        }
        return usable;
    }
}
