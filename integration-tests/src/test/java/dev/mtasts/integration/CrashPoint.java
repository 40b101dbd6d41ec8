package dev.mtasts.integration;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Where a test James ({@link CrashableJames}) halts its JVM — {@code Runtime.halt}, as abrupt as {@code kill -9} —
 * to crash at an exact step of the lane move of one message ({@link #recipient()}). A test fixture: it wraps James' mail
 * queues below the extension, which does not know it is there.
 */
public enum CrashPoint {

    /** The copy is in the enforce lane's queue; the ledger has not heard so, the original is not acknowledged. */
    AFTER_THE_COPY_IS_ENQUEUED("crash-enqueued@" + QueuePeers.MOVE_CRASH),
    /** The copy is enqueued and recorded; the original, in the standard lane's queue, is not acknowledged yet. */
    BEFORE_THE_ORIGINAL_IS_ACKNOWLEDGED("crash-unacknowledged@" + QueuePeers.MOVE_CRASH_AGAIN);

    private final String recipient;

    CrashPoint(String recipient) {
        this.recipient = recipient;
    }

    /** The one message whose move crashes here: the first to its domain, so that nothing is cached for it. */
    public String recipient() {
        return recipient;
    }

    /** The system property naming the crash point. */
    public static final String PROPERTY = "crash.at";

    private static final AttributeName COPY_ID = AttributeName.of("dev.mtasts.laneMove.copyId");
    private static final String ENFORCE_QUEUE = "outgoing-mta-sts-enforce";
    private static final String STANDARD_QUEUE = "outgoing";

    public static Optional<CrashPoint> fromSystemProperty() {
        return Optional.ofNullable(System.getProperty(PROPERTY)).map(CrashPoint::valueOf);
    }

    /** A Guice module over the queue module: James' queues, halting at this point. */
    public AbstractModule module() {
        CrashPoint point = this;
        return new AbstractModule() {
            @Provides
            @Singleton
            MailQueueFactory<?> halting(MailQueueFactory<? extends ManageableMailQueue> queues) {
                return new HaltingQueues(queues, point);
            }
        };
    }

    private boolean isTheMovedMessage(Mail mail) {
        return mail.getAttribute(COPY_ID).isPresent()
            && mail.getRecipients().stream().anyMatch(address -> address.asString().equals(recipient));
    }

    private static void halt(String where, Mail mail) {
        System.out.println("CRASH-POINT " + where + " " + mail.getName());
        System.out.flush();
        Runtime.getRuntime().halt(137);
    }

    private static final class HaltingQueues implements MailQueueFactory<MailQueue> {
        private final MailQueueFactory<? extends MailQueue> queues;
        private final CrashPoint point;

        HaltingQueues(MailQueueFactory<? extends MailQueue> queues, CrashPoint point) {
            this.queues = queues;
            this.point = point;
        }

        @Override
        public Optional<MailQueue> getQueue(MailQueueName name, PrefetchCount count) {
            return queues.getQueue(name, count).map(queue -> new HaltingQueue(queue, point));
        }

        @Override
        public MailQueue createQueue(MailQueueName name, PrefetchCount count) {
            return new HaltingQueue(queues.createQueue(name, count), point);
        }

        @Override
        public Set<MailQueueName> listCreatedMailQueues() {
            return queues.listCreatedMailQueues();
        }
    }

    private static final class HaltingQueue implements MailQueue {
        private final MailQueue queue;
        private final CrashPoint point;

        HaltingQueue(MailQueue queue, CrashPoint point) {
            this.queue = queue;
            this.point = point;
        }

        @Override
        public MailQueueName getName() {
            return queue.getName();
        }

        @Override
        public void enQueue(Mail mail, Duration delay) throws MailQueueException {
            queue.enQueue(mail, delay);
        }

        @Override
        public void enQueue(Mail mail) throws MailQueueException {
            queue.enQueue(mail);
            // A move enqueues without delay into the other lane's queue.
            if (point == AFTER_THE_COPY_IS_ENQUEUED && getName().asString().equals(ENFORCE_QUEUE)
                && point.isTheMovedMessage(mail)) {
                halt(point.name(), mail);
            }
        }

        @Override
        public Publisher<Void> enqueueReactive(Mail mail) {
            return queue.enqueueReactive(mail);
        }

        @Override
        public Publisher<MailQueueItem> deQueue() {
            return Flux.from(queue.deQueue()).map(item -> new MailQueueItem() {
                @Override
                public Mail getMail() {
                    return item.getMail();
                }

                @Override
                public void done(CompletionStatus status) throws MailQueueException {
                    if (point == BEFORE_THE_ORIGINAL_IS_ACKNOWLEDGED && status == CompletionStatus.SUCCESS
                        && getName().asString().equals(STANDARD_QUEUE) && point.isTheMovedMessage(item.getMail())) {
                        halt(point.name(), item.getMail());
                    }
                    item.done(status);
                }
            });
        }

        @Override
        public void close() throws IOException {
            queue.close();
        }
    }
}
