package dev.mtasts.audit;

/** The finding codes certificate checks use for one kind of server. */
record CertificateCodes(FindingCode expired, FindingCode notYetValid, FindingCode expiring, FindingCode untrusted,
                        FindingCode wrongHost) {

    static final CertificateCodes POLICY_HOST = new CertificateCodes(
            FindingCode.POLICY_HOST_CERT_EXPIRED,
            FindingCode.POLICY_HOST_CERT_NOT_YET_VALID,
            FindingCode.POLICY_HOST_CERT_EXPIRING,
            FindingCode.POLICY_HOST_CERT_UNTRUSTED,
            FindingCode.POLICY_HOST_CERT_WRONG_HOST);

    static final CertificateCodes MX_HOST = new CertificateCodes(
            FindingCode.MX_CERT_EXPIRED,
            FindingCode.MX_CERT_NOT_YET_VALID,
            FindingCode.MX_CERT_EXPIRING,
            FindingCode.MX_CERT_UNTRUSTED,
            FindingCode.MX_CERT_WRONG_HOST);
}
