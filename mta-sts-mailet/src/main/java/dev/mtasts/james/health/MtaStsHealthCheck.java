package dev.mtasts.james.health;

import dev.mtasts.dane.DaneMode;
import dev.mtasts.dane.DaneState;
import dev.mtasts.policy.Mode;
import dev.mtasts.service.DomainStatus;
import dev.mtasts.service.PolicyRefresher;
import dev.mtasts.service.PolicyService;
import org.apache.james.core.healthcheck.ComponentName;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.core.healthcheck.Result;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import com.google.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Degraded when {@code dane.enabled=true} and the resolver does not validate DNSSEC, and while the refresh of a policy in mode enforce or testing keeps failing
 * ({@link PolicyRefresher#ALERT_AFTER_FAILURES} failures in a row): RFC 8461 §10.2 asks senders to alert on this,
 * since such a domain's mail is held to a policy that can no longer be confirmed. Named in
 * {@code healthcheck.properties}: {@code additional.healthchecks=dev.mtasts.james.health.MtaStsHealthCheck}.
 */
public final class MtaStsHealthCheck implements HealthCheck {

    public static final ComponentName COMPONENT = new ComponentName("MTA-STS");

    private final PolicyService policies;
    private final DaneState dane;

    /** Without DANE. */
    public MtaStsHealthCheck(PolicyService policies) {
        this(policies, DaneState.off());
    }

    @Inject
    public MtaStsHealthCheck(PolicyService policies, DaneState dane) {
        this.policies = policies;
        this.dane = dane;
    }

    @Override
    public ComponentName componentName() {
        return COMPONENT;
    }

    @Override
    public Publisher<Result> check() {
        return Mono.fromCallable(this::checkNow).subscribeOn(Schedulers.boundedElastic());
    }

    /** The result now, without Reactor. */
    public Result checkNow() {
        // RFC 7672 §2.1: with dane.enabled=true, a resolver that does not validate is a fault to report;
        // with auto it only makes DANE inactive.
        // Only a required DANE can degrade: with auto, no probe is waited for here.
        Optional<String> daneFault = dane.mode() == DaneMode.REQUIRED ? dane.current().degraded() : Optional.empty();
        List<DomainStatus> failing = policies.statusesFailingAtLeast(PolicyRefresher.ALERT_AFTER_FAILURES).stream()
            .filter(status -> status.cached().map(cached -> cached.policy().mode() != Mode.NONE).orElse(false))
            .collect(Collectors.toUnmodifiableList());
        if (failing.isEmpty()) {
            return daneFault.map(reason -> Result.degraded(COMPONENT, reason)).orElse(Result.healthy(COMPONENT));
        }
        StringBuilder cause = new StringBuilder(daneFault.map(reason -> reason + "; ").orElse(""))
            .append("MTA-STS policy refresh keeps failing (RFC 8461 §10.2) for ");
        for (int i = 0; i < failing.size(); i++) {
            DomainStatus status = failing.get(i);
            cause.append(i == 0 ? "" : ", ").append(status.domain()).append(" (")
                .append(status.consecutiveFailures()).append(" failures");
            status.lastError().ifPresent(error -> cause.append(": ").append(error.detail()));
            cause.append(')');
        }
        return Result.degraded(COMPONENT, cause.toString());
    }
}
