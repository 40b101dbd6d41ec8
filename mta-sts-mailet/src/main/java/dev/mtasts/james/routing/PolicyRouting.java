package dev.mtasts.james.routing;

import dev.mtasts.james.config.LookupFailureAction;
import dev.mtasts.policy.Mode;
import dev.mtasts.service.DomainStatus;
import dev.mtasts.service.PolicyLookup;
import dev.mtasts.service.PolicyService;

import java.util.Objects;
import java.util.Optional;

/**
 * Turns a recipient domain's policy lookup into a decision: which mode applies ({@code MtaStsEnforced}) and which
 * delivery route a message takes ({@code MtaStsRemoteDelivery}). One rule for both, so a matcher and a mailet
 * configured side by side never disagree.
 */
public final class PolicyRouting {

    private final PolicyService policies;
    private final LaneDecision decision;

    public PolicyRouting(PolicyService policies, LookupFailureAction lookupFailureAction) {
        this(policies, new LaneDecision(lookupFailureAction));
    }

    public PolicyRouting(PolicyService policies, LaneDecision decision) {
        this.policies = Objects.requireNonNull(policies, "policies");
        this.decision = Objects.requireNonNull(decision, "decision");
    }

    /** The lane decision of every delivery attempt. */
    public LaneDecision decision() {
        return decision;
    }

    public PolicyService policies() {
        return policies;
    }

    /** The policy that applies to {@code domain} now; cached, never throws. */
    public PolicyLookup lookup(String domain) {
        return policies.policyFor(domain);
    }

    /** RFC 8461 §5.1: reads the TXT record now, before a message is failed for good. */
    public PolicyLookup recheck(String domain) {
        return policies.recheck(domain);
    }

    /**
     * The mode that governs delivery: the policy's mode, nothing for no policy (mode none is reported as no
     * policy), and for an unanswered lookup whatever {@link LookupFailureAction} says.
     */
    public Optional<Mode> modeOf(PolicyLookup lookup) {
        return decision.modeOf(lookup);
    }

    public DeliveryRoute routeOf(PolicyLookup lookup) {
        return decision.laneOf(lookup);
    }

    public DeliveryRoute routeFor(String domain) {
        return routeOf(lookup(domain));
    }

    /**
     * The route of {@code domain}'s cached policy, with no DNS or HTTPS: for where a message must not wait for the
     * network, such as the mail spool's thread. A domain with nothing cached takes the {@linkplain
     * DeliveryRoute#STANDARD standard} route, whose delivery looks the policy up before it connects to any MX and
     * moves the message to the lane the policy calls for, failing closed when the lookup fails and
     * {@link LookupFailureAction#ENFORCE} applies. A stale cached policy is corrected the same way.
     */
    public DeliveryRoute cachedRouteFor(String domain) {
        return policies.status(domain)
            .flatMap(DomainStatus::cached)
            .map(cached -> routeOf(PolicyLookup.applicable(cached, PolicyLookup.Source.CACHED)))
            .orElse(DeliveryRoute.STANDARD);
    }
}
