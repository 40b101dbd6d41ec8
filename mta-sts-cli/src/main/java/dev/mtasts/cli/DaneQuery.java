package dev.mtasts.cli;

import dev.mtasts.dane.DaneFactsLookup;
import dev.mtasts.dane.DnssecStatus;
import dev.mtasts.dane.HostFacts;
import dev.mtasts.dns.DnssecAnswer;
import dev.mtasts.dns.DnssecLookup;
import dev.mtasts.dns.MxHost;

import java.util.List;
import java.util.Optional;

/**
 * Each MX host's DANE state as a DANE sender sees it (RFC 7672 §2.2): the MX answer's DNSSEC status, then per
 * host the address's and the TLSA records'.
 *
 * @param mx     the MX answer's status; bogus when the lookup failed
 * @param hosts  the facts per MX host, in preference order
 * @param detail what the MX lookup said
 */
record DaneQuery(DnssecStatus mx, List<HostFacts> hosts, String detail) {

    static DaneQuery run(DnssecLookup lookup, String domain) {
        DaneFactsLookup facts = new DaneFactsLookup(lookup);
        DnssecAnswer<MxHost> mx = facts.mx(domain);
        DnssecStatus status = DnssecStatus.of(mx);
        if (!(mx instanceof DnssecAnswer.Answered<MxHost> answered)) {
            return new DaneQuery(status, List.of(), mx.detail());
        }
        List<HostFacts> hosts = answered.records().stream().map(MxHost::host).filter(host -> !host.isEmpty())
            .distinct().map(host -> facts.host(domain, status == DnssecStatus.SECURE, host)).toList();
        return new DaneQuery(status, hosts, mx.detail());
    }

    /** A host's overall status: bogus if any answer was, secure if its address and TLSA answers both were. */
    static DnssecStatus hostStatus(HostFacts host) {
        if (host.addresses() == DnssecStatus.BOGUS || host.tlsa().status() == DnssecStatus.BOGUS) {
            return DnssecStatus.BOGUS;
        }
        return host.addresses() == DnssecStatus.SECURE && host.tlsa().status() == DnssecStatus.SECURE
            ? DnssecStatus.SECURE : DnssecStatus.INSECURE;
    }

    /** What a DANE sender does with the host, in a few words. */
    static String verdict(HostFacts host) {
        DnssecStatus status = hostStatus(host);
        if (status == DnssecStatus.BOGUS) {
            return "skipped by DANE senders (dnssec-invalid)";
        }
        if (status == DnssecStatus.INSECURE || host.tlsa().records().isEmpty()) {
            return "no DANE";
        }
        return host.tlsa().usable().isEmpty() ? "encrypt without authentication (tlsa-invalid)"
            : "DANE: STARTTLS and a TLSA match required";
    }

    Optional<String> failure() {
        return mx == DnssecStatus.BOGUS ? Optional.of(detail) : Optional.empty();
    }
}
