package dev.mtasts.james.delivery;

import dev.mtasts.james.config.FailureAction;
import dev.mtasts.james.config.LookupFailureAction;
import dev.mtasts.james.fixtures.PolicyWorld;
import dev.mtasts.james.routing.DeliveryRoute;
import dev.mtasts.james.routing.PolicyRouting;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.transport.mailets.remote.delivery.Bouncer;
import org.apache.james.transport.mailets.remote.delivery.RemoteDeliveryConfiguration;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** One lane's queue and mailet context around recording fakes, without a RemoteDelivery. */
final class LaneHarness {

    record Rerouted(Mail mail, DeliveryRoute target) {
    }

    final FakeMailContext jamesContext = FakeMailContext.defaultContext();
    final RecordingMailQueues.Queue jamesQueue = new RecordingMailQueues.Queue(MailQueueName.of("out"));
    final Collaborators.RecordedOutcomes outcomes = new Collaborators.RecordedOutcomes();
    final List<Rerouted> rerouted = new ArrayList<>();
    final DeliveryLane lane;
    final LaneMoveLedger moves = LaneMoveLedger.open(temporaryDirectory(), Clock.systemUTC());
    final AttemptTrackingMailQueue queue;
    final CauseKeepingMailetContext context;

    LaneHarness(PolicyWorld world, DeliveryRoute route, FailureAction failureAction, Map<String, String> parameters) {
        this(world, route, failureAction, parameters, null);
    }

    /** @param rerouter how messages move to another lane; {@code null} records them in {@link #rerouted} */
    LaneHarness(PolicyWorld world, DeliveryRoute route, FailureAction failureAction, Map<String, String> parameters,
                Rerouter rerouter) {
        this(world, route, failureAction, parameters, rerouter, Bouncer::new);
    }

    /** @param bouncers makes the lane's bouncer from its configuration and James' context */
    LaneHarness(PolicyWorld world, DeliveryRoute route, FailureAction failureAction, Map<String, String> parameters,
                Rerouter rerouter, BiFunction<RemoteDeliveryConfiguration, MailetContext, Bouncer> bouncers) {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("lane").mailetContext(jamesContext)
            .setProperty("heloName", "james.test");
        parameters.forEach(config::setProperty);
        RemoteDeliveryConfiguration configuration = new RemoteDeliveryConfiguration(config.build(),
            Collaborators.domainList());
        lane = new DeliveryLane(route, configuration, bouncers.apply(configuration, jamesContext), failureAction,
            new PolicyRouting(world.newService(), LookupFailureAction.ENFORCE), outcomes.recorder(),
            Collaborators.mxTls(), Clock.systemUTC(),
            rerouter != null ? rerouter : (mail, target, delay) -> rerouted.add(new Rerouted(mail, target)));
        queue = new AttemptTrackingMailQueue(jamesQueue, lane, moves);
        context = new CauseKeepingMailetContext(jamesContext, configuration.getBounceProcessor());
    }

    private static Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("lane-moves-");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
