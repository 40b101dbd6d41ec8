package dev.mtasts.james.delivery;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Hands one RemoteDelivery lane the server's queues, each wrapped in an {@link AttemptTrackingMailQueue}.
 */
final class AttemptTrackingMailQueueFactory implements MailQueueFactory<MailQueue> {

    private final MailQueueFactory<?> queues;
    private final DeliveryLane lane;
    private final LaneMoveLedger moves;

    AttemptTrackingMailQueueFactory(MailQueueFactory<?> queues, DeliveryLane lane, LaneMoveLedger moves) {
        this.queues = Objects.requireNonNull(queues, "queues");
        this.lane = Objects.requireNonNull(lane, "lane");
        this.moves = Objects.requireNonNull(moves, "moves");
    }

    @Override
    public Optional<MailQueue> getQueue(MailQueueName name, PrefetchCount count) {
        return queues.getQueue(name, count).map(queue -> new AttemptTrackingMailQueue(queue, lane, moves));
    }

    @Override
    public MailQueue createQueue(MailQueueName name, PrefetchCount count) {
        return new AttemptTrackingMailQueue(queues.createQueue(name, count), lane, moves);
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        return queues.listCreatedMailQueues();
    }
}
