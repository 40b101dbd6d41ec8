package dev.mtasts.dane;

import dev.mtasts.dns.DnssecAnswer;
import dev.mtasts.dns.MxHost;
import dev.mtasts.outcome.ResultType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What DANE and MTA-STS demand of each MX host of a next-hop domain for one delivery attempt, in MX preference
 * order: the facts are gathered ({@link DaneFactsLookup}) and each host decided ({@link DaneDecision#decide}).
 * A bogus MX answer is a temporary failure for the whole domain (RFC 7672 §2.2.1). Hosts to skip stay in the
 * list (with their {@link HostDecision.Skip}), so that outcomes and the bounce can name them.
 */
public final class DomainPlan {

    private final String domain;
    private final boolean mxSecure;
    private final List<Host> hosts;
    private final String temporaryFailure;

    private DomainPlan(String domain, boolean mxSecure, List<Host> hosts, String temporaryFailure) {
        this.domain = domain;
        this.mxSecure = mxSecure;
        this.hosts = List.copyOf(hosts);
        this.temporaryFailure = temporaryFailure;
    }

    /**
     * @param daneActive whether DANE applies ({@link DaneState#active()})
     * @param sts        the MTA-STS facts of an MX host (its domain's policy mode and whether it lists the host)
     */
    public static DomainPlan of(String domain, boolean daneActive, DaneFactsLookup lookup,
            Function<String, StsFacts> sts) {
        Objects.requireNonNull(domain, "domain");
        if (!daneActive) {
            return new DomainPlan(domain, false, List.of(), null);
        }
        DnssecAnswer<MxHost> mx = lookup.mx(domain);
        if (DaneDecision.domainFailure(mx).isPresent()) {
            return new DomainPlan(domain, false, List.of(), DaneDecision.domainFailure(mx).get());
        }
        boolean mxSecure = mx instanceof DnssecAnswer.Secure;
        List<MxHost> records = ((DnssecAnswer.Answered<MxHost>) mx).records();
        List<String> names = new ArrayList<>();
        for (MxHost record : records) {
            if (!record.host().isEmpty() && !names.contains(record.host())) {
                names.add(record.host());
            }
        }
        if (records.isEmpty()) {
            names.add(domain); // RFC 5321 §5.1: no MX, the domain itself is the host
        }
        List<Host> hosts = new ArrayList<>();
        for (String name : names) {
            HostFacts facts = lookup.host(domain, mxSecure, name);
            hosts.add(new Host(facts, DaneDecision.decide(true, facts, sts.apply(name))));
        }
        return new DomainPlan(domain, mxSecure, hosts, null);
    }

    public String domain() {
        return domain;
    }

    public boolean mxSecure() {
        return mxSecure;
    }

    /** Each MX host with its facts and decision, in preference order; empty when DANE is inactive. */
    public List<Host> hosts() {
        return hosts;
    }

    /** Why the whole domain must be retried later (a bogus MX answer), if so. */
    public Optional<String> temporaryFailure() {
        return Optional.ofNullable(temporaryFailure);
    }

    /**
     * Whether the domain takes the DANE lane: an MX host is held to DANE (usable TLSA records, or only unusable
     * ones: RFC 7672 §3.1.3), or must be skipped on a bogus DNSSEC answer (§2.1.1) — never delivered where DANE is
     * not applied.
     */
    public boolean holdsAnyHostToDane() {
        return hosts.stream().anyMatch(host -> host.isDane() || host.skipReason().orElse(null)
                == ResultType.DNSSEC_INVALID);
    }

    /** The MX hosts to connect to in this attempt, in preference order, with their TLS demands. */
    public List<Host> hostsToTry() {
        return hosts.stream().filter(host -> host.demand().isPresent()).collect(Collectors.toUnmodifiableList());
    }

    /** The plan's entry for {@code host}, if it is among the MX hosts (DANE active). */
    public Optional<Host> host(String host) {
        return hosts.stream().filter(h -> h.facts().host().equalsIgnoreCase(host)).findFirst();
    }

    /** The decision for {@code host}, if the plan has one (DANE active, host among the MX hosts). */
    public Optional<HostDecision> decisionFor(String host) {
        return host(host).map(Host::decision);
    }

    /** One MX host of the plan. */
    public static final class Host {
        private final HostFacts facts;
        private final HostDecision decision;

        Host(HostFacts facts, HostDecision decision) {
            this.facts = facts;
            this.decision = decision;
        }

        public HostFacts facts() {
            return facts;
        }

        public HostDecision decision() {
            return decision;
        }

        /** Whether DANE decides this host's sessions (RFC 8460 policy type {@code tlsa}). */
        public boolean isDane() {
            return demand().map(HostDecision.TlsDemand::isDane).orElse(false);
        }

        /** Why this host is skipped; empty for a host to connect to. */
        public Optional<ResultType> skipReason() {
            return decision instanceof HostDecision.Skip ? Optional.of(((HostDecision.Skip) decision).reason())
                    : Optional.empty();
        }

        /** The TLS demand on a host to connect to; empty for a host to skip. */
        public Optional<HostDecision.TlsDemand> demand() {
            return decision instanceof HostDecision.Connect
                    ? Optional.of(((HostDecision.Connect) decision).demand()) : Optional.empty();
        }

        /** The host's TLSA RRset in presentation form (RFC 8460 §4.4's policy-string of a {@code tlsa} policy). */
        public List<String> tlsaPresentation() {
            List<String> records = new ArrayList<>();
            facts.tlsa().records().forEach(record -> records.add(record.toString()));
            return records;
        }

        @Override
        public String toString() {
            return facts.host() + ": " + decision;
        }
    }
}
