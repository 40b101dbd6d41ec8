package dev.mtasts.james.delivery;

import dev.mtasts.james.routing.DeliveryRoute;
import org.apache.james.queue.api.MailQueue;
import org.apache.mailet.Mail;

/** Moves a message to the lane of another route, when its domain's policy changed while it waited. */
@FunctionalInterface
interface Rerouter {

    void reroute(Mail mail, DeliveryRoute target) throws MailQueue.MailQueueException;
}
