package dev.mtasts.james.delivery;

import dev.mtasts.james.routing.DeliveryRoute;
import org.apache.james.queue.api.MailQueue;
import org.apache.mailet.Mail;

import java.time.Duration;

/** Puts a message into the queue of another route's lane, to be handed out after {@code delay}. */
@FunctionalInterface
interface Rerouter {

    void reroute(Mail mail, DeliveryRoute target, Duration delay) throws MailQueue.MailQueueException;
}
