package dev.mtasts.james.delivery;

import dev.mtasts.james.config.FailureAction;
import dev.mtasts.james.outcome.OutcomeRecorder;
import dev.mtasts.james.routing.DeliveryRoute;
import dev.mtasts.james.routing.PolicyRouting;
import dev.mtasts.james.tls.MxTls;
import org.apache.james.transport.mailets.remote.delivery.Bouncer;
import org.apache.james.transport.mailets.remote.delivery.DeliveryRetriesHelper;
import org.apache.james.transport.mailets.remote.delivery.RemoteDeliveryConfiguration;
import org.apache.mailet.Mail;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the pieces wrapped around one of {@link MtaStsRemoteDelivery}'s James RemoteDelivery instances share: its
 * route, its configuration as James reads it, and the extension's services.
 */
final class DeliveryLane {

    private final DeliveryRoute route;
    private final RemoteDeliveryConfiguration configuration;
    private final Bouncer bouncer;
    private final FailureAction failureAction;
    private final PolicyRouting routing;
    private final OutcomeRecorder recorder;
    private final MxTls tls;
    private final Clock clock;
    private final Rerouter rerouter;

    DeliveryLane(DeliveryRoute route, RemoteDeliveryConfiguration configuration, Bouncer bouncer,
                 FailureAction failureAction, PolicyRouting routing, OutcomeRecorder recorder, MxTls tls, Clock clock,
                 Rerouter rerouter) {
        this.route = Objects.requireNonNull(route, "route");
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.bouncer = Objects.requireNonNull(bouncer, "bouncer");
        this.failureAction = Objects.requireNonNull(failureAction, "failureAction");
        this.routing = Objects.requireNonNull(routing, "routing");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rerouter = Objects.requireNonNull(rerouter, "rerouter");
    }

    DeliveryRoute route() {
        return route;
    }

    RemoteDeliveryConfiguration configuration() {
        return configuration;
    }

    Bouncer bouncer() {
        return bouncer;
    }

    FailureAction failureAction() {
        return failureAction;
    }

    PolicyRouting routing() {
        return routing;
    }

    Rerouter rerouter() {
        return rerouter;
    }

    /** Starts the attempt of a message just handed out by this lane's queue, on the delivering thread. */
    DeliveryAttempt beginAttempt(Mail mail) {
        int retries = DeliveryRetriesHelper.retrieveRetries(mail);
        // DeliveryRunnable bounces a failed attempt once the retries so far reach maxRetries.
        boolean last = retries >= configuration.getMaxRetries();
        return DeliveryAttempt.begin(mail, route, retries, last, retryDelay(retries), recorder, tls, clock);
    }

    /** The wait James' schedule puts after a failure of the attempt that follows {@code retries} failures. */
    private Duration retryDelay(int retries) {
        List<Duration> delays = configuration.getDelayTimes();
        if (delays.isEmpty()) {
            return Duration.ZERO;
        }
        return delays.get(Math.min(Math.max(retries, 0), delays.size() - 1));
    }
}
