package dev.mtasts.james.metrics;

import dev.mtasts.policy.Mode;
import dev.mtasts.service.DomainStatus;
import dev.mtasts.service.PolicyRefresher;
import dev.mtasts.service.PolicyService;
import org.apache.james.metrics.api.GaugeRegistry;

import com.google.inject.Inject;

/**
 * Gauges over the policy cache, read when metrics are exported:
 * <ul>
 *     <li>{@value #CACHED}: policies in the cache</li>
 *     <li>{@value #STUCK}: domains in mode {@code enforce} or {@code testing} whose refresh failed
 *     {@link PolicyRefresher#ALERT_AFTER_FAILURES} times or more in a row, so that their mail is held to the cached
 *     copy (RFC 8461 §10.2 asks senders to alert on this; the health check says the same)</li>
 * </ul>
 * The DANE work feeds a gauge of its own, {@code mtasts.dane.active} (1 while DANE checks run, 0 when they cannot).
 */
public final class PolicyGauges {

    public static final String CACHED = "mtasts.policy.cached";
    public static final String STUCK = "mtasts.policy.refresh.stuck";
    /** Fed by the DANE lane; named here so that the alert rules and the README name one thing. */
    public static final String DANE_ACTIVE = "mtasts.dane.active";

    @Inject
    public PolicyGauges(GaugeRegistry gauges, PolicyService policies) {
        gauges.register(CACHED, policies::cachedPolicyCount);
        gauges.register(STUCK, () -> stuck(policies));
    }

    static long stuck(PolicyService policies) {
        return policies.statusesFailingAtLeast(PolicyRefresher.ALERT_AFTER_FAILURES).stream()
            .filter(PolicyGauges::holdsMail)
            .count();
    }

    private static boolean holdsMail(DomainStatus status) {
        return status.cached().map(cached -> cached.policy().mode() != Mode.NONE).orElse(false);
    }
}
