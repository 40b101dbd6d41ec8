package dev.mtasts.james.delivery;

import dev.mtasts.james.routing.DeliveryRoute;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueue.MailQueueItem;
import org.apache.james.transport.mailets.remote.delivery.DeliveryRetriesHelper;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;

/**
 * The one place a message leaves one lane's queue for another's: the copy is enqueued in the target lane, then the
 * original is acknowledged, each step noted in the {@link LaneMoveLedger} so that a crash between them leaves at most
 * one copy deliverable (the ledger drops a redelivered original whose copy exists).
 */
final class LaneMove {

    private static final Logger LOGGER = LoggerFactory.getLogger(LaneMove.class);

    private LaneMove() {
    }

    /**
     * Moves the message of {@code original} (one attempt of which found it in the wrong lane) to {@code target}.
     *
     * @param retriesBefore the message's failed attempts before the one that detected the move, which is no failure
     * @return whether the message is now in the target lane; if not, the original was handed back for a retry
     */
    static boolean carryOut(Mail mail, MailQueueItem original, String fromQueue, DeliveryRoute from,
                            DeliveryRoute target, Duration delay, int retriesBefore, Rerouter rerouter,
                            LaneMoveLedger ledger)
        throws MailQueue.MailQueueException {
        Objects.requireNonNull(mail, "mail");
        mail.setAttribute(DeliveryRetriesHelper.makeAttribute(retriesBefore));
        LaneMoves.increment(mail);
        LaneMoveLedger.Move move = ledger.begin(mail, fromQueue);
        try {
            rerouter.reroute(mail, target, delay);
            move.copied();
        } catch (MailQueue.MailQueueException | RuntimeException e) {
            move.abandoned();
            LOGGER.warn("MTA-STS: could not move {} to the {} lane; it stays in {}", mail.getName(), target, fromQueue,
                e);
            original.done(MailQueueItem.CompletionStatus.RETRY);
            return false;
        }
        LOGGER.info("MTA-STS: moved {} from the {} lane to the {} lane{} (move {}): the policy of its domain changed",
            mail.getName(), from, target, delay.isZero() ? "" : ", due in " + delay, LaneMoves.of(mail));
        // The copy is enqueued before the original is acknowledged: the other order loses the message when the
        // enqueue fails after the acknowledgement, while this one at worst leaves the original to the queue's own
        // redelivery. What it must not do is ask for a retry of a message that is already in the other lane, which
        // is what James does when done() throws: so a failed acknowledgement stops here.
        try {
            original.done(MailQueueItem.CompletionStatus.SUCCESS);
            move.acknowledged();
        } catch (MailQueue.MailQueueException | RuntimeException e) {
            LOGGER.warn("MTA-STS: {} is in the {} lane, but {} could not acknowledge it", mail.getName(), target,
                fromQueue, e);
        }
        return true;
    }
}
