package dev.mtasts.james.delivery;

import dev.mtasts.cache.CachedPolicy;
import dev.mtasts.james.config.FailureAction;
import dev.mtasts.james.routing.DeliveryRoute;
import dev.mtasts.james.routing.FailedAttempt;
import dev.mtasts.james.routing.LaneVerdict;
import dev.mtasts.service.PolicyLookup;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import javax.mail.MessagingException;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A lane's queue, seen by James' {@code DeliveryRunnable}. It brackets every delivery attempt:
 * <ul>
 *     <li>handing out a message ({@code getMail()}, on the delivering thread) starts a {@link DeliveryAttempt};</li>
 *     <li>putting the message back for a retry stores the attempt's outcome on it — or, with
 *     {@code failureAction=reject}, bounces it at once instead when MTA-STS is why it failed;</li>
 *     <li>finishing the item moves the message to another lane if its domain's policy changed, and ends the
 *     attempt.</li>
 * </ul>
 * Nothing is enqueued twice and nothing is dropped: a message leaves this queue only when it was delivered,
 * bounced, put back, or put in another lane's queue.
 */
final class AttemptTrackingMailQueue implements MailQueue {

    private static final Logger LOGGER = LoggerFactory.getLogger(AttemptTrackingMailQueue.class);

    private final MailQueue queue;
    private final DeliveryLane lane;
    private final LaneMoveLedger moves;

    AttemptTrackingMailQueue(MailQueue queue, DeliveryLane lane, LaneMoveLedger moves) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.lane = Objects.requireNonNull(lane, "lane");
        this.moves = Objects.requireNonNull(moves, "moves");
    }

    @Override
    public MailQueueName getName() {
        return queue.getName();
    }

    @Override
    public void enQueue(Mail mail, Duration delay) throws MailQueueException {
        Optional<DeliveryAttempt> attempt = DeliveryAttempt.currentFor(mail);
        if (attempt.isPresent() && !retry(mail, attempt.get())) {
            return;
        }
        queue.enQueue(mail, delay);
    }

    @Override
    public void enQueue(Mail mail) throws MailQueueException {
        Optional<DeliveryAttempt> attempt = DeliveryAttempt.currentFor(mail);
        if (attempt.isPresent() && !retry(mail, attempt.get())) {
            return;
        }
        queue.enQueue(mail);
    }

    @Override
    public Publisher<Void> enqueueReactive(Mail mail) {
        // Decided here, on the delivering thread the attempt is bound to, not when the publisher is subscribed.
        Optional<DeliveryAttempt> attempt = DeliveryAttempt.currentFor(mail);
        if (attempt.isPresent() && !retry(mail, attempt.get())) {
            return Mono.empty();
        }
        return queue.enqueueReactive(mail);
    }

    /** A failed attempt puts its message back. Returns whether the message still goes back into this queue. */
    private boolean retry(Mail mail, DeliveryAttempt attempt) {
        if (attempt.reroute().isPresent()) {
            return false; // it moves to another lane when the item is done
        }
        OutcomeAttributes.apply(mail, attempt);
        LaneVerdict verdict = lane.routing().decision().afterFailure(lane.route(), new FailedAttempt(
            attempt.handshakeFailedBeforeCertificate(), attempt.failedOnPolicy(),
            lane.failureAction() == FailureAction.REJECT));
        if (verdict instanceof LaneVerdict.Move) {
            // The failure is recorded; the message goes on with the operator's own parameters, marked to stay there.
            TestingFallback.mark(mail);
            attempt.rerouteTo(((LaneVerdict.Move) verdict).lane());
            return false;
        }
        if (verdict instanceof LaneVerdict.Bounce && appliedPolicyConfirmed(attempt)) {
            // A bounce that fails keeps the message on the retry schedule: it is never dropped.
            return !bouncedNow(mail, attempt);
        }
        return true;
    }

    // RFC 8461 §5.1: before failing a message for good, look for a new policy. A new one gets its chance on retry.
    // Only a policy that was applied and is confirmed fails a message at once: a policy that could not be looked up
    // (a DNS hiccup, often for a domain with no policy at all) is a temporary deferral.
    private boolean appliedPolicyConfirmed(DeliveryAttempt attempt) {
        Optional<String> domain = attempt.domain();
        Optional<CachedPolicy> applied = attempt.policy();
        if (domain.isPresent() && applied.isEmpty() && attempt.danePlan().isPresent()) {
            // DANE alone failed it: the TLSA records were DNSSEC-validated for this very attempt (RFC 7672 §2.1).
            return true;
        }
        if (domain.isEmpty() || applied.isEmpty()) {
            return false;
        }
        PolicyLookup fresh = lane.routing().recheck(domain.get());
        boolean unchanged = fresh instanceof PolicyLookup.Applicable
            && ((PolicyLookup.Applicable) fresh).cached().id().equals(applied.get().id());
        if (!unchanged) {
            LOGGER.info("MTA-STS: policy of {} changed since id {}; retrying {} instead of bouncing it",
                domain.get(), applied.get().id(), attempt.mail().getName());
        }
        return unchanged;
    }

    /** Returns whether the message was bounced. */
    private boolean bouncedNow(Mail mail, DeliveryAttempt attempt) {
        // A bounce processor puts the error into DSN fields, which must stay on one line.
        String notice = (lane.configuration().getBounceProcessor().isPresent()
            ? attempt.failureSummary() : attempt.failureNotice()).orElseThrow();
        LOGGER.info("MTA-STS: bouncing {} at once (failureAction=reject): {}", mail.getName(), notice);
        // Bounced as James bounces (its bounce processor or its own notice), with the MTA-STS cause as the error.
        try {
            lane.bouncer().bounce(mail, new MessagingException(notice));
            return true;
        } catch (Exception e) {
            // James 3.8.2 and 3.9 declare MessagingException here (3.8.1 does not); anything else is caught too.
            LOGGER.error("MTA-STS: could not bounce {}; it stays queued for the next attempt", mail.getName(), e);
            return false;
        }
    }

    @Override
    public Publisher<MailQueueItem> deQueue() {
        return Flux.from(queue.deQueue()).filter(this::admitted).map(TrackedItem::new);
    }

    /** The surplus copy of a lane move a crash interrupted is acknowledged here, never delivered. */
    private boolean admitted(MailQueueItem item) {
        if (moves.admit(item.getMail(), queue.getName().asString())) {
            return true;
        }
        try {
            item.done(MailQueueItem.CompletionStatus.SUCCESS);
        } catch (MailQueueException | RuntimeException e) {
            LOGGER.warn("MTA-STS: could not acknowledge the surplus copy {}", item.getMail().getName(), e);
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        queue.close();
    }

    /** A queue item whose delivery attempt is tracked on the thread that delivers it. */
    private final class TrackedItem implements MailQueueItem {

        private final MailQueueItem item;
        private DeliveryAttempt attempt;
        private ClassLoader previousContextLoader;
        private boolean moved;

        TrackedItem(MailQueueItem item) {
            this.item = item;
        }

        @Override
        public Mail getMail() {
            Mail mail = item.getMail();
            if (attempt == null) {
                // JavaMail loads the socket factories named in the session by the thread's context class loader:
                // make it the one that sees this extension, even when it is loaded from extensions-jars.
                Thread thread = Thread.currentThread();
                previousContextLoader = thread.getContextClassLoader();
                thread.setContextClassLoader(AttemptTrackingMailQueue.class.getClassLoader());
                attempt = lane.beginAttempt(mail);
            }
            return mail;
        }

        @Override
        public void done(CompletionStatus status) throws MailQueueException {
            if (moved) {
                // The message is in another lane's queue: retrying it here too would put it in two lanes.
                LOGGER.warn("MTA-STS: {} already moved to another lane; ignoring {} for it in {}",
                    attempt.mail().getName(), status, queue.getName().asString());
                return;
            }
            try {
                if (attempt != null && status == CompletionStatus.SUCCESS && attempt.reroute().isPresent()) {
                    doneAfterReroute(attempt.reroute().get());
                    return;
                }
                item.done(status);
            } finally {
                if (attempt != null) {
                    attempt.end();
                    Thread.currentThread().setContextClassLoader(previousContextLoader);
                }
            }
        }

        private void doneAfterReroute(DeliveryRoute target) throws MailQueueException {
            moved = LaneMove.carryOut(attempt.mail(), item, queue.getName().asString(), lane.route(), target,
                attempt.rerouteDelay(), attempt.retriesBefore(), lane.rerouter(), moves);
        }
    }
}
