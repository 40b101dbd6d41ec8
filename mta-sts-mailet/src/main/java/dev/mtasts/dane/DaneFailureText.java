package dev.mtasts.dane;

import dev.mtasts.outcome.TlsOutcome;

import java.util.List;
import java.util.Optional;

/**
 * The text a bounce (DSN) gives for a message DANE kept from being delivered in an attempt: each MX host of the
 * domain's plan, skipped (and why) or tried (the RFC 8460 result type and detail of its last session), with its TLSA
 * records (RFC 7672 §2.2, RFC 8460 §4.3.2). Pure: the plan and the attempt's outcomes in, the text out.
 */
public final class DaneFailureText {

    private DaneFailureText() {
    }

    /**
     * Empty when a session succeeded, or when no host was skipped and no session got as far as TLS (connections
     * refused, say: nothing DANE decided, so James' own reason stands).
     *
     * @param policy the MTA-STS policy that applies too, as {@code policy id X, mode Y}, if any
     */
    public static Optional<String> notice(String domain, Optional<String> policy, DomainPlan plan,
            List<TlsOutcome> outcomes) {
        if (outcomes.stream().anyMatch(TlsOutcome::isSuccess)) {
            return Optional.empty();
        }
        boolean anySkipped = plan.hosts().stream().anyMatch(host -> host.demand().isEmpty());
        if (outcomes.isEmpty() && !anySkipped) {
            return Optional.empty();
        }
        StringBuilder notice = new StringBuilder("DANE (RFC 7672): no MX host of ").append(domain)
                .append(" could be used");
        policy.ifPresent(described -> notice.append(" (its MTA-STS policy applies too: ").append(described)
                .append(')'));
        notice.append(':');
        for (DomainPlan.Host host : plan.hosts()) {
            notice.append("\n  ").append(hostLine(host, outcomes));
        }
        return Optional.of(notice.toString());
    }

    /** {@code MX mx.example.com: certificate-not-trusted: no TLSA record matches ...; TLSA 3 1 1 ab...}. */
    static String hostLine(DomainPlan.Host host, List<TlsOutcome> outcomes) {
        String name = host.facts().host();
        StringBuilder line = new StringBuilder("MX ").append(name).append(": ");
        if (host.decision() instanceof HostDecision.Skip) {
            HostDecision.Skip skip = (HostDecision.Skip) host.decision();
            line.append("skipped: ").append(skip.reason().wireName()).append(": ").append(skip.detail());
        } else {
            Optional<TlsOutcome> last = outcomes.stream().filter(outcome -> outcome.mxHost().equalsIgnoreCase(name))
                    .reduce((first, second) -> second);
            line.append(last.map(outcome -> outcome.result() + ": " + outcome.detail())
                    .orElse("no TLS session (the connection failed before STARTTLS)"));
        }
        List<String> tlsa = host.tlsaPresentation();
        if (!tlsa.isEmpty()) {
            line.append("; TLSA ").append(String.join(", ", tlsa));
        }
        return line.toString();
    }
}
