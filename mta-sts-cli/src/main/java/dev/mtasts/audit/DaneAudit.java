package dev.mtasts.audit;

import dev.mtasts.dane.DaneAuthenticator;
import dev.mtasts.dane.DaneRequirement;
import dev.mtasts.dane.DaneVerdict;
import dev.mtasts.dane.DnssecStatus;
import dev.mtasts.dane.TlsaFacts;
import dev.mtasts.dane.TlsaMatcher;
import dev.mtasts.dane.UsableTlsa;
import dev.mtasts.dns.DnssecAnswer;
import dev.mtasts.dns.DnssecLookup;
import dev.mtasts.dns.MxHost;
import dev.mtasts.dns.TlsaRecord;
import dev.mtasts.outcome.ResultType;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * RFC 7672 from the outside, for each MX host: is the MX RRset signed, is the host's address signed, are there
 * signed, usable TLSA records at {@code _25._tcp.<host>}, and does the certificate the host presents after
 * STARTTLS match them, as a DANE sender would judge it ({@link DaneAuthenticator}: names and dates ignored for
 * DANE-EE; chain, dates and names checked for DANE-TA). The DNSSEC status is what the resolver (via
 * {@code --dns}) reports with the AD bit: a resolver that does not validate makes every answer insecure.
 */
final class DaneAudit {

    static final int EXPIRY_WARNING_DAYS = 30;

    private final DnssecLookup dns;
    private final SmtpProbe probe;
    private final AuditSettings settings;

    DaneAudit(DnssecLookup dns, SmtpProbe probe, AuditSettings settings) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    void check(String domain, Findings findings) {
        DnssecAnswer<MxHost> mx = dns.mx(domain);
        if (mx instanceof DnssecAnswer.Failed) {
            findings.add(FindingCode.DANE_MX_BOGUS, "the MX lookup of " + domain + " is bogus or failed: "
                    + mx.detail(), "Fix the zone's DNSSEC signatures (re-sign, check the DS in the parent zone)");
            return;
        }
        boolean mxSecure = mx instanceof DnssecAnswer.Secure;
        List<String> hosts = ((DnssecAnswer.Answered<MxHost>) mx).records().stream().map(MxHost::host)
                .filter(host -> !host.isEmpty()).distinct().collect(Collectors.toList());
        if (hosts.isEmpty()) {
            return; // the mx area reports a missing or null MX
        }
        if (mxSecure) {
            findings.add(FindingCode.DANE_MX_SECURE, "the MX records of " + domain + " are DNSSEC-signed",
                    "Nothing to do");
        } else {
            findings.add(FindingCode.DANE_MX_INSECURE, "the MX records of " + domain + " are not DNSSEC-signed (or"
                    + " the resolver does not validate)", "Nothing to do; to use DANE-TA names of the domain, sign"
                    + " the zone");
        }
        boolean anyDane = false;
        for (String host : hosts.subList(0, Math.min(hosts.size(), MxHostAudit.MAX_PROBED_HOSTS))) {
            anyDane |= checkHost(domain, mxSecure, host, findings);
        }
        if (!anyDane) {
            findings.add(FindingCode.DANE_NONE, "no MX host of " + domain + " has DNSSEC-signed TLSA records",
                    "Nothing to do; to protect mail with DANE, sign the MX hosts' zones and publish TLSA records"
                    + " (e.g. 3 1 1 of the server key)");
        }
    }

    /** @return whether the host has signed TLSA records (DANE applies) */
    private boolean checkHost(String domain, boolean mxSecure, String host, Findings findings) {
        DnssecAnswer<InetAddress> addresses = dns.addresses(host);
        DnssecStatus addressStatus = DnssecStatus.of(addresses);
        if (addressStatus == DnssecStatus.BOGUS) {
            findings.add(FindingCode.DANE_ADDRESS_BOGUS, "the address lookup of MX " + host + " is bogus or failed: "
                    + addresses.detail(), "Fix the DNSSEC signatures of " + host + "'s zone");
            return false;
        }
        if (addressStatus == DnssecStatus.INSECURE) {
            findings.add(FindingCode.DANE_ADDRESS_INSECURE, "the address of MX " + host + " is not DNSSEC-signed:"
                    + " no DANE for it", "Nothing to do; for DANE, sign " + host + "'s zone");
            return false;
        }
        TlsaFacts tlsa = TlsaFacts.of(dns.tlsa(host));
        String where = "_25._tcp." + host;
        switch (tlsa.status()) {
            case BOGUS:
                findings.add(FindingCode.DANE_TLSA_BOGUS, "TLSA " + where + " is bogus or failed ("
                        + ResultType.DNSSEC_INVALID.wireName() + "): " + tlsa.detail(),
                        "Re-sign the zone of " + where + "; DANE senders do not deliver to " + host + " until then");
                return true;
            case INSECURE:
                if (!tlsa.records().isEmpty()) {
                    findings.add(FindingCode.DANE_TLSA_INSECURE, "TLSA " + where + " is not DNSSEC-signed: "
                            + tlsa.records(), "Sign the zone, or remove the records");
                }
                return false;
            default:
                break;
        }
        if (tlsa.records().isEmpty()) {
            findings.add(FindingCode.DANE_TLSA_MISSING, "MX " + host + " has a signed address but no TLSA record at "
                    + where, "Nothing to do; for DANE, publish a TLSA record (3 1 1 of the server key)");
            return false;
        }
        List<TlsaRecord> usable = tlsa.usable();
        if (usable.isEmpty()) {
            findings.add(FindingCode.DANE_TLSA_UNUSABLE, "TLSA " + where + " has no usable record ("
                    + ResultType.TLSA_INVALID.wireName() + "): " + tlsa.records(), "Publish DANE-EE (3 1 1) or"
                    + " DANE-TA (2 x x) records with the right digest length; PKIX usages 0 and 1 do not count for"
                    + " SMTP (RFC 7672 §3.1.3)");
            return true;
        }
        if (usable.size() < tlsa.records().size()) {
            List<TlsaRecord> unusable = new ArrayList<>(tlsa.records());
            unusable.removeAll(usable);
            findings.add(FindingCode.DANE_TLSA_SOME_UNUSABLE, "TLSA " + where + ": " + unusable.size()
                    + " unusable record(s) ignored: " + unusable, "Remove the unusable records");
        }
        List<String> names = new ArrayList<>(List.of(host));
        if (mxSecure && !domain.equals(host)) {
            names.add(domain);
        }
        DaneRequirement requirement = new DaneRequirement(host, usable, names);
        if (usable.stream().anyMatch(record -> record.usage() == UsableTlsa.DANE_TA)) {
            findings.add(FindingCode.DANE_TA_NAMES, "DANE-TA at " + where + ": the certificate must name one of "
                    + names, "Nothing to do");
        }
        if (settings.probeMxHosts()) {
            matchCertificate(host, addresses, requirement, findings);
        }
        return true;
    }

    private void matchCertificate(String host, DnssecAnswer<InetAddress> addresses, DaneRequirement requirement,
            Findings findings) {
        SmtpProbeResult result = probe.probe(host, ((DnssecAnswer.Answered<InetAddress>) addresses).records());
        if (!(result instanceof SmtpProbeResult.Secured secured)) {
            findings.add(FindingCode.DANE_STARTTLS_FAILED, "MX " + host + " has usable TLSA records but no working"
                    + " STARTTLS: " + describe(result), "Enable STARTTLS on " + host + " with the key the TLSA"
                    + " records name");
            return;
        }
        TlsPeer peer = secured.peer();
        X509Certificate[] chain = peer.chain().toArray(new X509Certificate[0]);
        Instant now = settings.clock().instant();
        DaneVerdict verdict = DaneAuthenticator.verify(chain, requirement, now);
        if (!verdict.authenticated()) {
            ResultType type = verdict.failure().orElse(ResultType.VALIDATION_FAILURE);
            FindingCode code = type == ResultType.CERTIFICATE_HOST_MISMATCH ? FindingCode.DANE_TA_WRONG_HOST
                    : type == ResultType.CERTIFICATE_NOT_TRUSTED ? FindingCode.DANE_TLSA_MISMATCH
                    : FindingCode.DANE_TA_CHAIN_INVALID;
            findings.add(code, "MX " + host + " (" + peer.address().getHostAddress() + "): " + verdict.detail(),
                    code == FindingCode.DANE_TA_WRONG_HOST ? "Issue the certificate for one of "
                            + requirement.referenceNames()
                            : "Publish TLSA records for the certificate " + host + " presents, e.g. "
                            + spkiSha256(peer.leaf()) + ", before you remove the old ones");
            return;
        }
        findings.add(FindingCode.DANE_OK, "MX " + host + " (" + peer.address().getHostAddress() + "): "
                + verdict.detail(), "Nothing to do");
        if (onlyExpiringMatches(chain, requirement, now)) {
            findings.add(FindingCode.DANE_TLSA_EXPIRING, "the TLSA records of " + host + " match only certificates"
                    + " that expire within " + EXPIRY_WARNING_DAYS + " days", "Publish the TLSA record of the next"
                    + " certificate (or key) now, alongside the current one, so that the renewal does not break"
                    + " DANE (RFC 7671 §8.1)");
        }
    }

    /** Whether every certificate of the chain that a usable record matches expires within the warning window. */
    private static boolean onlyExpiringMatches(X509Certificate[] chain, DaneRequirement requirement, Instant now) {
        Instant soon = now.plus(Duration.ofDays(EXPIRY_WARNING_DAYS));
        boolean matched = false;
        for (TlsaRecord record : requirement.records()) {
            for (int i = 0; i < chain.length; i++) {
                boolean applies = record.usage() == UsableTlsa.DANE_EE ? i == 0 : i > 0;
                if (applies && TlsaMatcher.matches(record, chain[i])) {
                    matched = true;
                    Instant notAfter = chain[i].getNotAfter().toInstant();
                    if (!notAfter.isBefore(soon) || notAfter.isBefore(now)) {
                        return false; // lasts longer, or already expired (DANE-EE ignores dates: nothing changes)
                    }
                }
            }
        }
        return matched;
    }

    private static String spkiSha256(X509Certificate leaf) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(leaf.getPublicKey().getEncoded());
            return new TlsaRecord(3, 1, 1, digest).toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(SmtpProbeResult result) {
        if (result instanceof SmtpProbeResult.Unreachable unreachable) {
            return "unreachable: " + unreachable.detail();
        }
        if (result instanceof SmtpProbeResult.SmtpFailed failed) {
            return failed.stage() + " failed: " + failed.detail();
        }
        if (result instanceof SmtpProbeResult.NoStartTls) {
            return "STARTTLS not offered";
        }
        if (result instanceof SmtpProbeResult.StartTlsRefused refused) {
            return "STARTTLS refused: " + refused.reply();
        }
        return "TLS handshake failed: " + ((SmtpProbeResult.HandshakeFailed) result).detail();
    }
}
