package dev.mtasts.dane;

import dev.mtasts.dns.DnssecAnswer;
import dev.mtasts.dns.MxHost;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

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
    public java.util.Optional<String> temporaryFailure() {
        return java.util.Optional.ofNullable(temporaryFailure);
    }

    /** The decision for {@code host}, if the plan has one (DANE active, host among the MX hosts). */
    public java.util.Optional<HostDecision> decisionFor(String host) {
        return hosts.stream().filter(h -> h.facts().host().equalsIgnoreCase(host)).map(Host::decision).findFirst();
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

        @Override
        public String toString() {
            return facts.host() + ": " + decision;
        }
    }
}
