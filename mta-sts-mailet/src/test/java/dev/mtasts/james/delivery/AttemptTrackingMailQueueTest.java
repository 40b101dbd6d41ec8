package dev.mtasts.james.delivery;

import dev.mtasts.james.config.FailureAction;
import dev.mtasts.james.fixtures.PolicyWorld;
import dev.mtasts.james.routing.DeliveryRoute;
import dev.mtasts.policy.Mode;
import dev.mtasts.service.PolicyLookup;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.transport.mailets.remote.delivery.DeliveryRetriesHelper;
import org.apache.james.transport.mailets.remote.delivery.Bouncer;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import javax.mail.MessagingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AttemptTrackingMailQueueTest {

    private static final String DOMAIN = "example.test";

    private final PolicyWorld world = new PolicyWorld().publish(DOMAIN, "p1", Mode.ENFORCE, "mx.elsewhere.test");

    /** An attempt of the enforce lane that found no permitted MX host, as the lane's DNS would record it. */
    private static DeliveryAttempt failedOnPolicy(LaneHarness harness, Mail mail) {
        DeliveryAttempt attempt = harness.lane.beginAttempt(mail);
        PolicyLookup lookup = harness.lane.routing().lookup(DOMAIN);
        attempt.policyApplies(DOMAIN, ((PolicyLookup.Applicable) lookup).cached());
        attempt.noPermittedMx(List.of("mx1.example.test"));
        return attempt;
    }

    private static Mail mail() throws Exception {
        return FakeMail.builder().name("m-to-example.test").state(Mail.DEFAULT).sender("sender@james.test")
            .recipient("user@" + DOMAIN).build();
    }

    private static String attribute(Mail mail, org.apache.mailet.AttributeName name) {
        return mail.getAttribute(name).map(attribute -> attribute.getValue()).map(AttributeValue::value)
            .map(String::valueOf).orElse(null);
    }

    @Test
    void aDeferredRetryGoesBackWithTheOutcomeOnTheMessage() throws Exception {
        LaneHarness harness = new LaneHarness(world, DeliveryRoute.ENFORCE, FailureAction.DEFER, Map.of());
        Mail mail = mail();
        DeliveryAttempt attempt = failedOnPolicy(harness, mail);

        harness.queue.enQueue(mail, Duration.ofSeconds(1));
        attempt.end();

        assertThat(harness.jamesQueue.enqueued()).hasSize(1);
        assertThat(harness.jamesContext.getBouncedMails()).isEmpty();
        assertThat(attribute(mail, OutcomeAttributes.RESULT)).isEqualTo("validation-failure");
        assertThat(attribute(mail, OutcomeAttributes.POLICY_ID)).isEqualTo("p1");
        assertThat(attribute(mail, OutcomeAttributes.MX_HOST)).isEqualTo("mx1.example.test");
        assertThat(attribute(mail, OutcomeAttributes.FAILURE_NOTICE)).contains("no MX host of example.test");
    }

    @Test
    void rejectBouncesAtOnceWithTheCause() throws Exception {
        LaneHarness harness = new LaneHarness(world, DeliveryRoute.ENFORCE, FailureAction.REJECT, Map.of());
        Mail mail = mail();
        DeliveryAttempt attempt = failedOnPolicy(harness, mail);

        harness.queue.enQueue(mail, Duration.ofSeconds(1));
        attempt.end();

        assertThat(harness.jamesQueue.enqueued()).isEmpty();
        assertThat(harness.jamesContext.getBouncedMails()).singleElement()
            .satisfies(bounce -> assertThat(bounce.getMessage())
                .contains("example.test", "policy id p1", "mx1.example.test", "validation-failure"));
    }

    /** James 3.8.2 and 3.9 declare {@code Bouncer.bounce} to throw MessagingException; 3.8.1 does not. */
    @Test
    void aBounceThatFailsLeavesTheMessageOnTheRetrySchedule() throws Exception {
        LaneHarness harness = new LaneHarness(world, DeliveryRoute.ENFORCE, FailureAction.REJECT, Map.of(), null,
            (configuration, context) -> new Bouncer(configuration, context) {
                @Override
                public void bounce(Mail mail, Exception ex) {
                    throwUnchecked(new MessagingException("bounce processor unavailable"));
                }
            });
        Mail mail = mail();
        DeliveryAttempt attempt = failedOnPolicy(harness, mail);

        harness.queue.enQueue(mail, Duration.ofSeconds(1));
        attempt.end();

        assertThat(harness.jamesQueue.enqueued()).singleElement()
            .satisfies(requeued -> assertThat(requeued.name()).isEqualTo(mail.getName()));
        assertThat(harness.jamesContext.getBouncedMails()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void throwUnchecked(Throwable failure) throws E {
        throw (E) failure;
    }

    @Test
    void rejectRetriesInsteadWhenTheRecheckFindsANewPolicy() throws Exception {
        LaneHarness harness = new LaneHarness(world, DeliveryRoute.ENFORCE, FailureAction.REJECT, Map.of());
        Mail mail = mail();
        DeliveryAttempt attempt = failedOnPolicy(harness, mail);
        world.publish(DOMAIN, "p2", Mode.ENFORCE, "mx1.example.test");

        harness.queue.enQueue(mail, Duration.ofSeconds(1));
        attempt.end();

        assertThat(harness.jamesContext.getBouncedMails()).isEmpty();
        assertThat(harness.jamesQueue.enqueued()).hasSize(1);
    }

    @Test
    void rejectDefersAPolicyThatCouldNotBeLookedUp() throws Exception {
        LaneHarness harness = new LaneHarness(new PolicyWorld().unreachable(DOMAIN), DeliveryRoute.ENFORCE,
            FailureAction.REJECT, Map.of());
        Mail mail = mail();
        DeliveryAttempt attempt = harness.lane.beginAttempt(mail);
        PolicyLookup lookup = harness.lane.routing().lookup(DOMAIN);
        attempt.lookupFailed(DOMAIN, ((PolicyLookup.TemporaryFailure) lookup).detail());

        harness.queue.enQueue(mail, Duration.ofSeconds(1));
        attempt.end();

        assertThat(harness.jamesContext.getBouncedMails()).isEmpty();
        assertThat(harness.jamesQueue.enqueued()).hasSize(1);
        assertThat(attribute(mail, OutcomeAttributes.FAILURE_NOTICE)).contains("could not be looked up");
    }

    @Test
    void rejectLeavesOtherFailuresToTheRetrySchedule() throws Exception {
        LaneHarness harness = new LaneHarness(world, DeliveryRoute.ENFORCE, FailureAction.REJECT, Map.of());
        Mail mail = mail();
        DeliveryAttempt attempt = harness.lane.beginAttempt(mail);

        harness.queue.enQueue(mail, Duration.ofSeconds(1));
        attempt.end();

        assertThat(harness.jamesQueue.enqueued()).hasSize(1);
        assertThat(harness.jamesContext.getBouncedMails()).isEmpty();
    }

    @Test
    void aMessageWhosePolicyChangedMovesLanesWhenTheItemIsDone() throws Exception {
        LaneHarness harness = new LaneHarness(world, DeliveryRoute.TESTING, FailureAction.DEFER, Map.of());
        Mail mail = mail();
        mail.setAttribute(DeliveryRetriesHelper.makeAttribute(2));
        List<MailQueue.MailQueueItem.CompletionStatus> done = new ArrayList<>();
        harness.jamesQueue.handOut(new MailQueue.MailQueueItem() {
            @Override
            public Mail getMail() {
                return mail;
            }

            @Override
            public void done(CompletionStatus status) {
                done.add(status);
            }
        });
        MailQueue.MailQueueItem item = Flux.from(harness.queue.deQueue()).blockFirst();

        // What James' DeliveryRunnable does, with the lane's DNS asking for another lane.
        Mail handedOut = item.getMail();
        DeliveryAttempt.currentFor(handedOut).orElseThrow().rerouteTo(DeliveryRoute.ENFORCE);
        DeliveryRetriesHelper.incrementRetries(handedOut);
        harness.queue.enQueue(handedOut, Duration.ofSeconds(3));
        harness.context.bounce(handedOut, "Too many retries");
        item.done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);

        assertThat(harness.jamesQueue.enqueued()).isEmpty();
        assertThat(harness.jamesContext.getBouncedMails()).isEmpty();
        assertThat(harness.rerouted).singleElement().satisfies(rerouted -> {
            assertThat(rerouted.mail()).isSameAs(mail);
            assertThat(rerouted.target()).isEqualTo(DeliveryRoute.ENFORCE);
        });
        assertThat(DeliveryRetriesHelper.retrieveRetries(mail)).isEqualTo(2);
        assertThat(done).containsExactly(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
        assertThat(DeliveryAttempt.current()).isEmpty();
    }

    @Test
    void aMovedMessageIsNeverRetriedInItsOldLane() throws Exception {
        LaneHarness harness = new LaneHarness(world, DeliveryRoute.TESTING, FailureAction.DEFER, Map.of());
        Mail mail = mail();
        List<MailQueue.MailQueueItem.CompletionStatus> done = new ArrayList<>();
        harness.jamesQueue.handOut(new MailQueue.MailQueueItem() {
            @Override
            public Mail getMail() {
                return mail;
            }

            @Override
            public void done(CompletionStatus status) throws MailQueue.MailQueueException {
                done.add(status);
                if (status == CompletionStatus.SUCCESS) {
                    throw new MailQueue.MailQueueException("acknowledgement lost");
                }
            }
        });
        MailQueue.MailQueueItem item = Flux.from(harness.queue.deQueue()).blockFirst();
        DeliveryAttempt.currentFor(item.getMail()).orElseThrow().rerouteTo(DeliveryRoute.ENFORCE);

        item.done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
        // What James' DeliveryRunnable does when done(SUCCESS) throws.
        item.done(MailQueue.MailQueueItem.CompletionStatus.RETRY);

        assertThat(harness.rerouted).singleElement()
            .satisfies(rerouted -> assertThat(rerouted.target()).isEqualTo(DeliveryRoute.ENFORCE));
        assertThat(done).containsExactly(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
        assertThat(harness.jamesQueue.enqueued()).isEmpty();
        assertThat(DeliveryAttempt.current()).isEmpty();
    }

    @Test
    void aMessageThatCannotMoveStaysInItsLane() throws Exception {
        LaneHarness harness = new LaneHarness(world, DeliveryRoute.TESTING, FailureAction.DEFER, Map.of(),
            (mail, target, delay) -> {
                throw new MailQueue.MailQueueException("target queue down");
            });
        Mail mail = mail();
        List<MailQueue.MailQueueItem.CompletionStatus> done = new ArrayList<>();
        harness.jamesQueue.handOut(new MailQueue.MailQueueItem() {
            @Override
            public Mail getMail() {
                return mail;
            }

            @Override
            public void done(CompletionStatus status) {
                done.add(status);
            }
        });
        MailQueue.MailQueueItem item = Flux.from(harness.queue.deQueue()).blockFirst();
        DeliveryAttempt.currentFor(item.getMail()).orElseThrow().rerouteTo(DeliveryRoute.ENFORCE);

        item.done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);

        assertThat(done).containsExactly(MailQueue.MailQueueItem.CompletionStatus.RETRY);
    }

    @Test
    void aMessageOfAnotherThreadOrAttemptPassesThrough() throws Exception {
        LaneHarness harness = new LaneHarness(world, DeliveryRoute.ENFORCE, FailureAction.REJECT, Map.of());
        Mail mail = mail();

        harness.queue.enQueue(mail);

        assertThat(harness.jamesQueue.enqueued()).hasSize(1);
    }

    @Test
    void aMoveCountsOnTheMessageAndCarriesItsDelay() throws Exception {
        List<Duration> delays = new ArrayList<>();
        LaneHarness harness = new LaneHarness(world, DeliveryRoute.STANDARD, FailureAction.DEFER, Map.of(),
            (moved, target, delay) -> delays.add(delay));
        Mail mail = mail();
        harness.jamesQueue.handOut(new MailQueue.MailQueueItem() {
            @Override
            public Mail getMail() {
                return mail;
            }

            @Override
            public void done(CompletionStatus status) {
            }
        });
        MailQueue.MailQueueItem item = Flux.from(harness.queue.deQueue()).blockFirst();
        DeliveryAttempt.currentFor(item.getMail()).orElseThrow().moveTo(DeliveryRoute.ENFORCE, Duration.ofMinutes(2));
        item.done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);

        assertThat(delays).containsExactly(Duration.ofMinutes(2));
        assertThat(LaneMoves.of(mail)).isEqualTo(1);
    }

    @Test
    void theReactiveEnqueueOfARetryGoesThroughTheSameTracking() throws Exception {
        LaneHarness harness = new LaneHarness(world, DeliveryRoute.ENFORCE, FailureAction.DEFER, Map.of());
        Mail mail = mail();
        DeliveryAttempt attempt = failedOnPolicy(harness, mail);
        attempt.rerouteTo(DeliveryRoute.STANDARD);

        reactor.core.publisher.Mono.from(harness.queue.enqueueReactive(mail)).block();
        attempt.end();

        assertThat(harness.jamesQueue.enqueued()).isEmpty();
    }
}
