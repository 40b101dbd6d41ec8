package dev.mtasts.audit;

import dev.mtasts.dns.MxHost;
import dev.mtasts.policy.MxPattern;
import dev.mtasts.policy.Policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * RFC 8461 §4.1: a sender applying the policy delivers only to MX hosts that match one of its {@code mx}
 * patterns. An MX host that matches none receives no mail from enforcing senders: the mistake that blocks
 * mail. A pattern that matches no MX host is harmless today but usually a leftover.
 */
final class MxCoverageAudit {

    private MxCoverageAudit() {
    }

    static void check(String domain, Policy policy, List<MxHost> mxHosts, Findings findings) {
        String patterns = policy.mx().stream().map(MxPattern::pattern).collect(Collectors.joining(", "));
        boolean allCovered = true;
        for (MxHost mx : mxHosts) {
            if (!policy.permits(mx.host())) {
                allCovered = false;
                findings.add(FindingCode.MX_NOT_COVERED, "MX " + mx.host() + " (preference " + mx.preference()
                        + ") matches no mx pattern of the policy (" + patterns + "); enforcing senders will not"
                        + " deliver to it", "Add \"mx: " + mx.host() + "\" to the policy and publish a new id in"
                        + " _mta-sts." + domain + ", or remove the MX record");
            }
        }
        for (MxPattern pattern : policy.mx()) {
            boolean used = mxHosts.stream().anyMatch(mx -> pattern.matches(mx.host()));
            if (!used) {
                findings.add(FindingCode.MX_PATTERN_UNUSED, "policy pattern " + pattern.pattern()
                        + " matches none of the MX hosts (" + hosts(mxHosts) + ")",
                        "Remove it from the policy unless that MX is about to be added (then publish a new id)");
            }
        }
        if (allCovered) {
            findings.add(FindingCode.MX_COVERED, "every MX host matches the policy: " + hosts(mxHosts), "Nothing to do");
        }
    }

    private static String hosts(List<MxHost> mxHosts) {
        return mxHosts.stream().map(MxHost::host).collect(Collectors.joining(", "));
    }
}
