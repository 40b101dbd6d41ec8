package dev.mtasts.james.delivery;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Hands one RemoteDelivery lane the server's queues, each wrapped in an {@link AttemptTrackingMailQueue}.
 * Remembers the unwrapped queue, into which messages rerouted to this lane are put.
 */
final class AttemptTrackingMailQueueFactory implements MailQueueFactory<MailQueue> {

    private final MailQueueFactory<?> queues;
    private final DeliveryLane lane;
    private volatile MailQueue created;

    AttemptTrackingMailQueueFactory(MailQueueFactory<?> queues, DeliveryLane lane) {
        this.queues = Objects.requireNonNull(queues, "queues");
        this.lane = Objects.requireNonNull(lane, "lane");
    }

    @Override
    public Optional<MailQueue> getQueue(MailQueueName name, PrefetchCount count) {
        return queues.getQueue(name, count).map(queue -> new AttemptTrackingMailQueue(queue, lane));
    }

    @Override
    public MailQueue createQueue(MailQueueName name, PrefetchCount count) {
        MailQueue queue = queues.createQueue(name, count);
        created = queue;
        return new AttemptTrackingMailQueue(queue, lane);
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        return queues.listCreatedMailQueues();
    }

    /** The lane's queue as the server knows it, once the lane's RemoteDelivery created it. */
    Optional<MailQueue> createdQueue() {
        return Optional.ofNullable(created);
    }
}
