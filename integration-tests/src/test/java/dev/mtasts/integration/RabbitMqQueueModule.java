package dev.mtasts.integration;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.james.backends.rabbitmq.RabbitMQConfiguration;
import org.apache.james.backends.rabbitmq.ReactorRabbitMQChannelPool;
import org.apache.james.backends.rabbitmq.ReceiverProvider;
import org.apache.james.backends.rabbitmq.SimpleConnectionPool;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.rabbitmq.RabbitMQMailQueue;
import org.apache.james.queue.rabbitmq.RabbitMQMailQueueFactory;
import org.apache.james.queue.rabbitmq.view.RabbitMQMailQueueConfiguration;
import org.apache.james.queue.rabbitmq.view.api.FakeMailQueueView;
import org.apache.james.queue.rabbitmq.view.api.MailQueueView;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import reactor.rabbitmq.RabbitFlux;
import reactor.rabbitmq.ReceiverOptions;
import reactor.rabbitmq.Sender;

import java.util.Set;

/**
 * James' mail queues on a RabbitMQ broker, as James' distributed server keeps them
 * ({@code james-server-queue-rabbitmq}), with the mail-queue view James uses without Cassandra
 * ({@link FakeMailQueueView}: no browsing, no size). Message bodies go to the memory server's blob store. James 3.8.1
 * finds its queues through the broker's management API, so the broker must run its management plugin.
 */
final class RabbitMqQueueModule extends AbstractModule {

    private final String amqpUri;
    private final String managementUri;

    RabbitMqQueueModule(String amqpUri, String managementUri) {
        this.amqpUri = amqpUri;
        this.managementUri = managementUri;
    }

    @Override
    protected void configure() {
        bind(SimpleConnectionPool.class).in(Scopes.SINGLETON);
        bind(RabbitMQMailQueueFactory.class).in(Scopes.SINGLETON);
        bind(MailQueueView.Factory.class).toInstance(new FakeMailQueueView.Factory());
    }

    @Provides
    @Singleton
    RabbitMQConfiguration configuration() {
        BaseConfiguration configuration = new BaseConfiguration();
        configuration.addProperty("uri", amqpUri);
        configuration.addProperty("management.uri", managementUri);
        configuration.addProperty("management.user", "guest");
        configuration.addProperty("management.password", "guest");
        return RabbitMQConfiguration.from(configuration);
    }

    @Provides
    @Singleton
    RabbitMQMailQueueConfiguration queueConfiguration() {
        return RabbitMQMailQueueConfiguration.from(new BaseConfiguration());
    }

    @Provides
    @Singleton
    SimpleConnectionPool.Configuration connectionPoolConfiguration() {
        return SimpleConnectionPool.Configuration.DEFAULT;
    }

    @Provides
    @Singleton
    ReactorRabbitMQChannelPool.Configuration channelPoolConfiguration() {
        return ReactorRabbitMQChannelPool.Configuration.DEFAULT;
    }

    @Provides
    @Singleton
    ReactorRabbitMQChannelPool channelPool(SimpleConnectionPool connections,
                                           ReactorRabbitMQChannelPool.Configuration configuration,
                                           MetricFactory metrics) {
        ReactorRabbitMQChannelPool pool = new ReactorRabbitMQChannelPool(connections.getResilientConnection(),
            configuration, metrics);
        pool.start();
        return pool;
    }

    @Provides
    @Singleton
    Sender sender(ReactorRabbitMQChannelPool pool) {
        return pool.getSender();
    }

    @Provides
    @Singleton
    ReceiverProvider receivers(SimpleConnectionPool connections) {
        return () -> RabbitFlux.createReceiver(new ReceiverOptions()
            .connectionMono(connections.getResilientConnection()));
    }

    @ProvidesIntoSet
    InitializationOperation connect(SimpleConnectionPool connections) {
        return InitilizationOperationBuilder.forClass(SimpleConnectionPool.class)
            .init(() -> connections.init(Set.of()));
    }

    @Provides
    @Singleton
    MailQueueFactory<RabbitMQMailQueue> rabbitQueues(RabbitMQMailQueueFactory queues) {
        return queues;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends ManageableMailQueue> manageableQueues(MailQueueFactory<RabbitMQMailQueue> queues) {
        return queues;
    }

    @Provides
    @Singleton
    MailQueueFactory<?> queues(MailQueueFactory<RabbitMQMailQueue> queues) {
        return queues;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends MailQueue> typedQueues(MailQueueFactory<RabbitMQMailQueue> queues) {
        return queues;
    }
}
