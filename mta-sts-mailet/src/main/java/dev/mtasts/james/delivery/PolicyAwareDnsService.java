package dev.mtasts.james.delivery;

import dev.mtasts.cache.CachedPolicy;
import dev.mtasts.discovery.PolicyDomain;
import dev.mtasts.dane.DanePlanner;
import dev.mtasts.dane.DomainPlan;
import dev.mtasts.james.routing.AttemptFacts;
import dev.mtasts.james.routing.DaneFact;
import dev.mtasts.james.routing.DeliveryRoute;
import dev.mtasts.james.routing.LaneVerdict;
import dev.mtasts.james.routing.PolicyRouting;
import dev.mtasts.policy.Policy;
import dev.mtasts.service.PolicyLookup;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.dnsservice.api.TemporaryResolutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The DNS a lane's RemoteDelivery sees. James looks up the MX hosts at the start of every delivery attempt, so this
 * is where each attempt re-reads the recipient domain's policy (RFC 8461 §5.1) — through the cache, or straight from
 * the TXT record on the last attempt — asks the {@linkplain dev.mtasts.james.routing.LaneDecision lane decision}
 * what to do, and carries the verdict out: the MX hosts to try (for the enforce lane only those the policy permits,
 * RFC 8461 §4.1; for the DANE lane those its DANE plan keeps, RFC 7672 §2.2), or a
 * {@link TemporaryResolutionException}, which James retries on its schedule or, on the last attempt, bounces (a move is carried out by the lane's queue when the attempt ends).
 */
final class PolicyAwareDnsService implements DNSService {

    private static final Logger LOGGER = LoggerFactory.getLogger(PolicyAwareDnsService.class);

    private final DNSService dns;
    private final DeliveryRoute route;
    private final PolicyRouting routing;
    private final DanePlanner dane;

    PolicyAwareDnsService(DNSService dns, DeliveryRoute route, PolicyRouting routing, DanePlanner dane) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.route = Objects.requireNonNull(route, "route");
        this.routing = Objects.requireNonNull(routing, "routing");
        this.dane = Objects.requireNonNull(dane, "dane");
    }

    PolicyAwareDnsService(DNSService dns, DeliveryRoute route, PolicyRouting routing) {
        this(dns, route, routing, DanePlanner.off());
    }

    @Override
    public Collection<String> findMXRecords(String hostname) throws TemporaryResolutionException {
        // James passes only the host name: the attempt this lookup belongs to is bound to the delivering thread.
        Optional<DeliveryAttempt> attempt = DeliveryAttempt.current();
        if (attempt.isEmpty()) {
            return findMXRecordsOutsideAnAttempt(hostname);
        }
        DeliveryAttempt current = attempt.get();
        AttemptFacts facts = current.facts();
        if (route == DeliveryRoute.STANDARD && facts.tlsRequiredNo()) {
            // RFC 8689 §4.1: no policy is looked up for such a message, so none is recorded either.
            return dns.findMXRecords(hostname);
        }
        String domain = PolicyDomain.normalize(hostname);
        PolicyLookup lookup = facts.lastAttempt() ? routing.recheck(domain) : routing.lookup(domain);
        current.lookedUp(domain, lookup);
        // RFC 7672 §2.2: what DANE demands of each MX host, when the configured resolver validates.
        Optional<DomainPlan> plan = planOf(domain, current.policy().map(CachedPolicy::policy));
        LaneVerdict verdict = routing.decision().decide(route, lookup, facts.withDane(daneFact(plan),
            plan.flatMap(DomainPlan::temporaryFailure).orElse("")));
        return carryOut(hostname, domain, verdict, current, plan);
    }

    /** @param policy the policy the attempt applies, as {@link DeliveryAttempt#lookedUp} kept it */
    private Optional<DomainPlan> planOf(String domain, Optional<Policy> policy) throws TemporaryResolutionException {
        try {
            return dane.plan(domain, policy);
        } catch (RuntimeException e) {
            // James takes anything but a MessagingException for a permanent failure: never let one out.
            LOGGER.warn("DANE: planning the delivery to {} failed", domain, e);
            throw new TemporaryResolutionException("DANE: the DNSSEC lookups of " + domain + " failed: " + e);
        }
    }

    private static DaneFact daneFact(Optional<DomainPlan> plan) {
        if (plan.isEmpty()) {
            return DaneFact.NONE;
        }
        if (plan.get().temporaryFailure().isPresent()) {
            return DaneFact.MX_UNANSWERED;
        }
        return plan.get().holdsAnyHostToDane() ? DaneFact.HOSTS : DaneFact.NONE;
    }

    private Collection<String> carryOut(String hostname, String domain, LaneVerdict verdict, DeliveryAttempt attempt,
                                        Optional<DomainPlan> plan)
        throws TemporaryResolutionException {
        if (verdict instanceof LaneVerdict.Deliver && route == DeliveryRoute.DANE) {
            return planned(domain, plan.orElseThrow(() -> new TemporaryResolutionException(
                "DANE: " + domain + " has no DANE plan in the DANE lane; retrying")), attempt);
        }
        if (verdict instanceof LaneVerdict.Deliver) {
            Optional<CachedPolicy> filter = ((LaneVerdict.Deliver) verdict).mxFilter();
            Collection<String> mxHosts = dns.findMXRecords(hostname);
            return filter.isPresent() ? permitted(domain, filter.get(), mxHosts, Optional.of(attempt)) : mxHosts;
        }
        if (verdict instanceof LaneVerdict.Move) {
            LaneVerdict.Move move = (LaneVerdict.Move) verdict;
            attempt.moveTo(move.lane(), move.delay());
            throw new TemporaryResolutionException("MTA-STS: " + move.reason() + "; moving the message");
        }
        String reason = verdict instanceof LaneVerdict.Defer ? ((LaneVerdict.Defer) verdict).reason()
            : ((LaneVerdict.Bounce) verdict).reason();
        // Defer: James retries it on its schedule. Bounce: only ever on the last attempt, which James bounces after
        // a temporary failure, with the cause the attempt keeps (CauseKeepingMailetContext).
        attempt.decisionFailed(reason);
        throw new TemporaryResolutionException("MTA-STS: " + domain + ": " + reason);
    }

    /**
     * The DANE lane's MX hosts: those the plan keeps, in preference order, each held to its demand (RFC 7672 §2.2);
     * none left is a temporary failure, with the plan's reasons kept for the bounce.
     */
    private static Collection<String> planned(String domain, DomainPlan plan, DeliveryAttempt attempt)
        throws TemporaryResolutionException {
        attempt.planned(plan);
        List<String> hosts = new ArrayList<>();
        plan.hostsToTry().forEach(host -> hosts.add(host.facts().host()));
        if (hosts.isEmpty()) {
            throw new TemporaryResolutionException("DANE: no MX host of " + domain + " can be used: " + plan.hosts());
        }
        return hosts;
    }

    /** No attempt to move a message with: never deliver an enforce domain, nor an enforce lane's mail, otherwise. */
    private Collection<String> findMXRecordsOutsideAnAttempt(String hostname) throws TemporaryResolutionException {
        String domain = PolicyDomain.normalize(hostname);
        if (route == DeliveryRoute.DANE) {
            throw new TemporaryResolutionException("DANE: " + domain + ": no delivery attempt to hold its MX hosts"
                + " to their TLSA records; retrying");
        }
        PolicyLookup lookup = routing.lookup(domain);
        LaneVerdict verdict = routing.decision().decide(route, lookup,
            AttemptFacts.firstAttempt().withMoves(Integer.MAX_VALUE));
        if (verdict instanceof LaneVerdict.Deliver) {
            Optional<CachedPolicy> filter = ((LaneVerdict.Deliver) verdict).mxFilter();
            Collection<String> mxHosts = dns.findMXRecords(hostname);
            return filter.isPresent() ? permitted(domain, filter.get(), mxHosts, Optional.empty()) : mxHosts;
        }
        throw new TemporaryResolutionException("MTA-STS: " + domain + ": " + verdict + "; retrying");
    }

    // RFC 8461 §4.1: only MX hosts matching the policy, in the order DNS gave them.
    private static Collection<String> permitted(String domain, CachedPolicy cached, Collection<String> mxHosts,
                                                Optional<DeliveryAttempt> attempt)
        throws TemporaryResolutionException {
        Policy policy = cached.policy();
        List<String> permitted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String mxHost : mxHosts) {
            (policy.permits(mxHost) ? permitted : refused).add(mxHost);
        }
        if (permitted.isEmpty()) {
            attempt.ifPresent(current -> current.noPermittedMx(refused));
            throw new TemporaryResolutionException("MTA-STS: no MX host of " + domain + " " + refused
                + " is permitted by its policy (id " + cached.id() + ", mx " + policy.mx() + ")");
        }
        return permitted;
    }

    @Override
    public Collection<String> findTXTRecords(String hostname) {
        return dns.findTXTRecords(hostname);
    }

    @Override
    public Collection<InetAddress> getAllByName(String host) throws UnknownHostException {
        return dns.getAllByName(host);
    }

    @Override
    public InetAddress getByName(String host) throws UnknownHostException {
        return dns.getByName(host);
    }

    @Override
    public InetAddress getLocalHost() throws UnknownHostException {
        return dns.getLocalHost();
    }

    @Override
    public String getHostName(InetAddress addr) {
        return dns.getHostName(addr);
    }
}
