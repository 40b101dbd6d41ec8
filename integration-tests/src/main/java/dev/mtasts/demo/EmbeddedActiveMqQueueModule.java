package dev.mtasts.demo;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import org.apache.activemq.store.PersistenceAdapter;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.james.queue.activemq.ActiveMQMailQueueFactory;
import org.apache.james.queue.activemq.EmbeddedActiveMQ;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollector;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollectorNoop;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;

/**
 * James' mail queues in an embedded ActiveMQ broker persisting to KahaDB, as James' JPA server keeps them
 * ({@code james-server-queue-activemq}): the spool and every RemoteDelivery queue — and so each MTA-STS lane — survive
 * a restart, and a crash short of the disk. Combine it over the memory server's modules with {@code overrideWith}.
 *
 * <p>Where it lives, relative to James' working directory (James' {@code EmbeddedActiveMQ} fixes it):
 * {@code var/store/activemq/brokers/KahaDB} (the journal and index), {@code var/store/activemq/blob-transfer} (message
 * bodies). The broker is reachable only inside the JVM ({@code vm://james}); its TCP connector binds an ephemeral
 * port on localhost.
 */
public final class EmbeddedActiveMqQueueModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(PersistenceAdapter.class).to(KahaDBPersistenceAdapter.class);
        bind(KahaDBPersistenceAdapter.class).in(Scopes.SINGLETON);
        // Bound, not provided, so that Guice builds them and James calls their @PreDestroy when it stops.
        bind(EmbeddedActiveMQ.class).in(Scopes.SINGLETON);
        bind(ActiveMQMailQueueFactory.class).in(Scopes.SINGLETON);
        bind(ActiveMQMetricCollector.class).to(ActiveMQMetricCollectorNoop.class);
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends ManageableMailQueue> manageableQueues(ActiveMQMailQueueFactory factory) {
        factory.setUseJMX(false);
        factory.init();
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<?> queues(MailQueueFactory<? extends ManageableMailQueue> queues) {
        return queues;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends MailQueue> typedQueues(MailQueueFactory<? extends ManageableMailQueue> queues) {
        return queues;
    }
}
