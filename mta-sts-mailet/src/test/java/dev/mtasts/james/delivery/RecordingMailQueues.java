package dev.mtasts.james.delivery;

import org.apache.james.core.MailAddress;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Queues that only remember what was put in them, as the recipients of each message (a queue copies a mail). */
final class RecordingMailQueues implements MailQueueFactory<MailQueue> {

    record Enqueued(String name, List<String> recipients, Optional<Duration> delay) {
    }

    private final Map<MailQueueName, Queue> queues = new ConcurrentHashMap<>();
    private final List<Set<String>> queuesAtDequeue = new CopyOnWriteArrayList<>();

    @Override
    public Optional<MailQueue> getQueue(MailQueueName name, PrefetchCount count) {
        return Optional.ofNullable(queues.get(name));
    }

    @Override
    public MailQueue createQueue(MailQueueName name, PrefetchCount count) {
        return queues.computeIfAbsent(name, queueName -> new Queue(queueName, this::dequeueStarted));
    }

    private void dequeueStarted() {
        queuesAtDequeue.add(queues.keySet().stream().map(MailQueueName::asString)
            .collect(java.util.stream.Collectors.toUnmodifiableSet()));
    }

    /** For each {@link Queue#deQueue()} call, the queues that existed then. */
    List<Set<String>> queuesAtDequeue() {
        return List.copyOf(queuesAtDequeue);
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        return queues.keySet();
    }

    List<Enqueued> enqueued(String queueName) {
        return Optional.ofNullable(queues.get(MailQueueName.of(queueName)))
            .map(queue -> List.copyOf(queue.enqueued))
            .orElse(List.of());
    }

    static final class Queue implements MailQueue {

        private final MailQueueName name;
        private final List<Enqueued> enqueued = new CopyOnWriteArrayList<>();
        private final List<MailQueueItem> toHandOut = new CopyOnWriteArrayList<>();
        private final Runnable onDequeue;

        Queue(MailQueueName name) {
            this(name, () -> { });
        }

        Queue(MailQueueName name, Runnable onDequeue) {
            this.name = name;
            this.onDequeue = onDequeue;
        }

        @Override
        public MailQueueName getName() {
            return name;
        }

        @Override
        public void enQueue(Mail mail, Duration delay) {
            enqueued.add(new Enqueued(mail.getName(), recipients(mail), Optional.of(delay)));
        }

        @Override
        public void enQueue(Mail mail) {
            enqueued.add(new Enqueued(mail.getName(), recipients(mail), Optional.empty()));
        }

        private static List<String> recipients(Mail mail) {
            return mail.getRecipients().stream().map(MailAddress::asString).toList();
        }

        @Override
        public Publisher<Void> enqueueReactive(Mail mail) {
            return Mono.fromRunnable(() -> enQueue(mail));
        }

        @Override
        public Publisher<MailQueueItem> deQueue() {
            onDequeue.run();
            return Flux.fromIterable(toHandOut);
        }

        /** Hands {@code item} out to the next {@link #deQueue()} subscriber. */
        void handOut(MailQueueItem item) {
            toHandOut.add(item);
        }

        List<Enqueued> enqueued() {
            return List.copyOf(enqueued);
        }

        @Override
        public void close() {
        }
    }
}
