package dev.mtasts.dane;

import dev.mtasts.dns.DnssecAnswer;
import dev.mtasts.dns.MxHost;
import dev.mtasts.dns.TlsaRecord;
import dev.mtasts.outcome.ResultType;
import dev.mtasts.policy.Mode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one decision of what DANE (RFC 7672) and MTA-STS (RFC 8461) demand of an MX host: facts in, verdict out.
 *
 * <table>
 *   <caption>per MX host, when DANE is active (the resolver validates)</caption>
 *   <tr><th>facts</th><th>decision</th></tr>
 *   <tr><td>MTA-STS enforce and the host is not in the policy's mx list</td><td>skip ({@code validation-failure}),
 *       whatever DANE says: both must pass</td></tr>
 *   <tr><td>address answer bogus / SERVFAIL / timeout</td><td>skip ({@code dnssec-invalid})</td></tr>
 *   <tr><td>address answer insecure</td><td>no DANE for the host: MTA-STS if the domain has a policy, else
 *       James' normal delivery (RFC 7672 §2.2.2)</td></tr>
 *   <tr><td>TLSA bogus / SERVFAIL / timeout</td><td>skip ({@code dnssec-invalid}); never MTA-STS or cleartext
 *       instead (§2.1.1)</td></tr>
 *   <tr><td>TLSA insecure, or secure NXDOMAIN / NODATA</td><td>no DANE for the host (§2.2.3)</td></tr>
 *   <tr><td>TLSA secure, only unusable records</td><td>STARTTLS required, no authentication, record
 *       {@code tlsa-invalid} (§3.1.3); with MTA-STS enforce, PKIX as MTA-STS demands</td></tr>
 *   <tr><td>TLSA secure, usable records</td><td>STARTTLS required, DANE authentication (§3); with MTA-STS
 *       enforce also PKIX and the policy (RFC 8461 §2: MTA-STS never rescues a DANE failure, and DANE does not
 *       waive an enforce policy); testing is checked and reported only</td></tr>
 * </table>
 * The MX host is the TLSA base domain; DANE-TA reference names are the host and, when the MX answer was
 * secure, the next-hop domain (§3.2.2). An insecure MX answer does not switch DANE off for hosts whose address
 * and TLSA answers are secure (Postfix's choice; RFC 7672 §2.2.1 allows it). When DANE is inactive, only
 * MTA-STS applies.
 */
public final class DaneDecision {

    private DaneDecision() {
    }

    /** RFC 7672 §2.2.1: a bogus or failed MX lookup is a temporary failure for the whole domain. */
    public static Optional<String> domainFailure(DnssecAnswer<MxHost> mx) {
        if (mx instanceof DnssecAnswer.Failed) {
            return Optional.of("MX lookup failed, DNSSEC bogus or no answer (" + ResultType.DNSSEC_INVALID.wireName()
                    + "): " + mx.detail());
        }
        return Optional.empty();
    }

    public static HostDecision decide(boolean daneActive, HostFacts facts, StsFacts sts) {
        String host = facts.host();
        if (sts.mode() == Mode.ENFORCE && !sts.hostInPolicy()) {
            return new HostDecision.Skip(ResultType.VALIDATION_FAILURE,
                    host + " is not in the MTA-STS policy's mx list (RFC 8461 §4.1)");
        }
        if (!daneActive) {
            return stsOnly(sts, "DANE inactive");
        }
        switch (facts.addresses()) {
            case BOGUS:
                return new HostDecision.Skip(ResultType.DNSSEC_INVALID,
                        "the address lookup of " + host + " is bogus or failed (RFC 7672 §2.2.2)");
            case INSECURE:
                return stsOnly(sts, "the address of " + host + " is insecure: no DANE (RFC 7672 §2.2.2)");
            default:
                break;
        }
        TlsaFacts tlsa = facts.tlsa();
        switch (tlsa.status()) {
            case BOGUS:
                return new HostDecision.Skip(ResultType.DNSSEC_INVALID,
                        "the TLSA lookup of " + host + " is bogus or failed (RFC 7672 §2.1.1): " + tlsa.detail());
            case INSECURE:
                return stsOnly(sts, "TLSA of " + host + " insecure: no DANE (RFC 7672 §2.2.3)");
            default:
                break;
        }
        if (tlsa.records().isEmpty()) {
            return stsOnly(sts, "no TLSA record for " + host + " (secure denial): no DANE");
        }
        List<TlsaRecord> usable = tlsa.usable();
        Mode pkix = sts.mode();
        if (usable.isEmpty()) {
            return new HostDecision.Connect(new HostDecision.TlsDemand(Optional.empty(), pkix, true,
                    Optional.of(ResultType.TLSA_INVALID),
                    "TLSA of " + host + " has no usable record: encrypt without authentication (RFC 7672 §3.1.3)"));
        }
        List<String> names = new ArrayList<>();
        names.add(host);
        if (facts.mxSecure() && !facts.nextHopDomain().equalsIgnoreCase(host)) {
            names.add(facts.nextHopDomain());
        }
        return new HostDecision.Connect(new HostDecision.TlsDemand(
                Optional.of(new DaneRequirement(host, usable, names)), pkix, false,
                Optional.empty(), usable.size() + " usable TLSA record" + (usable.size() == 1 ? "" : "s")
                        + " for " + host + ": DANE (RFC 7672 §3)"));
    }

    private static HostDecision stsOnly(StsFacts sts, String why) {
        return new HostDecision.Connect(new HostDecision.TlsDemand(Optional.empty(), sts.mode(), false,
                Optional.empty(), why + (sts.mode() == Mode.NONE ? "; no MTA-STS: normal delivery"
                        : "; MTA-STS " + sts.mode().wireName())));
    }
}
