package dev.mtasts.dane;

import dev.mtasts.dns.DnssecAnswer;
import dev.mtasts.dns.DnssecLookup;
import dev.mtasts.dns.MxHost;
import dev.mtasts.dns.TlsaRecord;
import dev.mtasts.policy.Policy;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DANE for the delivery of mail: whether it applies now ({@link DaneState}: the configured resolver validates),
 * the per-host {@link DomainPlan} of one delivery attempt, and the addresses of the MX hosts as the validating
 * resolver gives them (RFC 7672 §2.2.2: the addresses DANE was decided on are the ones to connect to). Lookups go
 * through {@code lookup}, which caches by TTL; nothing here throws on a DNS answer.
 */
public final class DanePlanner {

    private static final DnssecLookup NOTHING = new DnssecLookup() {
        @Override
        public DnssecAnswer<TlsaRecord> tlsa(String host) {
            return DnssecAnswer.failed("DANE is off");
        }

        @Override
        public DnssecAnswer<MxHost> mx(String domain) {
            return DnssecAnswer.failed("DANE is off");
        }

        @Override
        public DnssecAnswer<InetAddress> addresses(String host) {
            return DnssecAnswer.failed("DANE is off");
        }
    };

    /** How many domains {@link #recentlyHeldToDane} remembers; past that it starts again. */
    static final int REMEMBERED_DOMAINS = 10_000;
    /** How long a domain's last plan is taken to still hold: a routing hint only, each attempt plans anew. */
    static final Duration REMEMBERED_FOR = Duration.ofHours(1);

    private final DaneState state;
    private final DnssecLookup lookup;
    private final DaneFactsLookup facts;
    private final Clock clock;
    private final Map<String, Instant> heldToDane = new ConcurrentHashMap<>();

    public DanePlanner(DaneState state, DnssecLookup lookup) {
        this(state, lookup, Clock.systemUTC());
    }

    public DanePlanner(DaneState state, DnssecLookup lookup, Clock clock) {
        this.state = Objects.requireNonNull(state, "state");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.facts = new DaneFactsLookup(lookup);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** DANE off ({@code dane.enabled=false}): no plan, no lookup. */
    public static DanePlanner off() {
        return new DanePlanner(DaneState.off(), NOTHING);
    }

    /** Whether DANE applies now; probes the resolver when the last probe is due (see {@link DaneState#current()}). */
    public boolean active() {
        return state.active();
    }

    /**
     * What DANE and MTA-STS demand of each MX host of {@code domain} in this attempt; empty while DANE is inactive.
     *
     * @param policy the domain's MTA-STS policy, if one applies (mode testing or enforce)
     */
    public Optional<DomainPlan> plan(String domain, Optional<Policy> policy) {
        Objects.requireNonNull(policy, "policy");
        if (!state.active()) {
            return Optional.empty();
        }
        DomainPlan plan = DomainPlan.of(domain, true, facts, host -> StsFacts.of(policy, host));
        remember(plan);
        return Optional.of(plan);
    }

    /**
     * Whether the last plan of {@code domain}, within the last hour, held an MX host to DANE: where a new message
     * is routed first, without DNS (the mail spool's thread does no network I/O). Only a hint: its delivery plans
     * anew and moves the message when the hint is wrong.
     */
    public boolean recentlyHeldToDane(String domain) {
        Instant until = heldToDane.get(domain);
        return until != null && clock.instant().isBefore(until) && state.lastKnown().active();
    }

    private void remember(DomainPlan plan) {
        if (!plan.holdsAnyHostToDane()) {
            heldToDane.remove(plan.domain());
            return;
        }
        if (heldToDane.size() >= REMEMBERED_DOMAINS) {
            heldToDane.clear(); // bounded: a hint lost costs one lane move
        }
        heldToDane.put(plan.domain(), clock.instant().plus(REMEMBERED_FOR));
    }

    /**
     * The addresses of {@code host} from the validating resolver (answered secure or insecure), or empty when the
     * lookup failed or found none.
     */
    public List<InetAddress> addresses(String host) {
        DnssecAnswer<InetAddress> answer = lookup.addresses(host);
        return answer instanceof DnssecAnswer.Answered ? ((DnssecAnswer.Answered<InetAddress>) answer).records()
                : List.of();
    }
}
