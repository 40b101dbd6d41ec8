package dev.mtasts.james.delivery;

import dev.mtasts.cache.CachedPolicy;
import dev.mtasts.james.routing.DeliveryRoute;
import dev.mtasts.james.routing.PolicyRouting;
import dev.mtasts.policy.Policy;
import dev.mtasts.discovery.PolicyDomain;
import dev.mtasts.service.PolicyLookup;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.dnsservice.api.TemporaryResolutionException;

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
 * the TXT record on the last attempt — and where the enforce lane keeps only the MX hosts the policy permits
 * (RFC 8461 §4.1).
 *
 * <p>An attempt that cannot go on is a temporary failure, which James retries on its schedule: when the policy
 * permits none of the MX hosts, when the policy cannot be looked up for the enforce lane, and when the policy changed
 * so that the message belongs to another lane (it moves there when the attempt ends).
 */
final class PolicyAwareDnsService implements DNSService {

    private final DNSService dns;
    private final DeliveryRoute route;
    private final PolicyRouting routing;

    PolicyAwareDnsService(DNSService dns, DeliveryRoute route, PolicyRouting routing) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.route = Objects.requireNonNull(route, "route");
        this.routing = Objects.requireNonNull(routing, "routing");
    }

    @Override
    public Collection<String> findMXRecords(String hostname) throws TemporaryResolutionException {
        String domain = PolicyDomain.normalize(hostname);
        Optional<DeliveryAttempt> attempt = DeliveryAttempt.current();
        if (route == DeliveryRoute.STANDARD
            && attempt.map(current -> TlsRequiredHeader.saysNo(current.mail())).orElse(false)) {
            // RFC 8689 §4.1, RFC 8460 §5.3: the sender asked for delivery even where MTA-STS fails.
            return dns.findMXRecords(hostname);
        }
        boolean lastAttempt = attempt.map(DeliveryAttempt::isLastAttempt).orElse(false);
        PolicyLookup lookup = lastAttempt ? routing.recheck(domain) : routing.lookup(domain);
        DeliveryRoute wanted = routing.routeOf(lookup);
        if (lookup instanceof PolicyLookup.Applicable) {
            CachedPolicy cached = ((PolicyLookup.Applicable) lookup).cached();
            attempt.ifPresent(current -> current.policyApplies(domain, cached));
        } else if (lookup instanceof PolicyLookup.TemporaryFailure) {
            String detail = ((PolicyLookup.TemporaryFailure) lookup).detail();
            attempt.ifPresent(current -> current.lookupFailed(domain, detail));
        } else {
            PolicyLookup.NoPolicy none = (PolicyLookup.NoPolicy) lookup;
            attempt.ifPresent(current -> current.noPolicy(domain, none.failure(), none.detail()));
        }
        if (wanted == DeliveryRoute.TESTING && route == DeliveryRoute.STANDARD
            && attempt.map(current -> TestingFallback.isMarked(current.mail())).orElse(false)) {
            // The testing lane could not complete a handshake: deliver as though there were no policy (RFC 8461 §5).
            return dns.findMXRecords(hostname);
        }
        if (wanted != route) {
            if (attempt.isPresent()) {
                attempt.get().rerouteTo(wanted);
                throw new TemporaryResolutionException("MTA-STS: the policy of " + domain + " now calls for the "
                    + wanted + " lane, not " + route);
            }
            if (route == DeliveryRoute.ENFORCE || wanted == DeliveryRoute.ENFORCE) {
                // RFC 8461 §5: no attempt to move the message with, so never deliver an enforce domain through
                // another lane, nor a message of the enforce lane less strictly: fail closed, keep trying.
                throw new TemporaryResolutionException("MTA-STS: the policy of " + domain + " calls for the "
                    + wanted + " lane, not " + route + "; retrying");
            }
        }
        if (route != DeliveryRoute.ENFORCE) {
            return dns.findMXRecords(hostname);
        }
        if (!(lookup instanceof PolicyLookup.Applicable)) {
            throw new TemporaryResolutionException("MTA-STS: the policy of " + domain
                + " could not be looked up; not delivering until it can");
        }
        return permitted(domain, ((PolicyLookup.Applicable) lookup).cached(), dns.findMXRecords(hostname), attempt);
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
