package dev.mtasts.integration;

import dev.mtasts.testpeers.RabbitMqBroker;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;

/**
 * The key delivery scenarios on the distributed server's mail queue: RabbitMQ (Debian's {@code rabbitmq-server},
 * node {@code mtasts-queues} on 127.0.102.1) with the mail-queue view James uses without Cassandra
 * ({@link RabbitMqQueueModule}).
 */
class RabbitMqQueueDeliveryTest extends QueuedDeliveryScenarios {

    /** The broker, started once for the class, before James. */
    static final class Broker implements BeforeAllCallback, AfterAllCallback {
        private RabbitMqBroker broker;

        @Override
        public void beforeAll(ExtensionContext context) {
            Assumptions.assumeTrue(RabbitMqBroker.isAvailable(),
                "rabbitmq-server and root are needed (scripts/install-test-deps.sh)");
            broker = RabbitMqBroker.start(Path.of("target", "rabbitmq").toAbsolutePath(), "mtasts-queues",
                "127.0.102.1", 10251, 10250, 10249);
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (broker != null) {
                broker.close();
            }
        }
    }

    private static final String AMQP = "amqp://127.0.102.1:" + RabbitMqBroker.AMQP_PORT;
    private static final String MANAGEMENT = "http://127.0.102.1:10251";

    @RegisterExtension
    @Order(1)
    static final Broker BROKER = new Broker();

    @RegisterExtension
    @Order(2)
    static final QueuePeers PEERS = new QueuePeers();

    private static volatile Path workingDirectory;

    @RegisterExtension
    @Order(3)
    static final JamesServerExtension JAMES = MtaStsJames.perClass(conf -> {
        workingDirectory = conf.toPath().getParent();
        TestWorld.reset(QueuePeers.policies());
        TestConf.relayingThrough(RELAY, "")
            .mtaStsProperties(PEERS.mtaStsProperties(conf.toPath()))
            .writeTo(conf.toPath());
    }, QueuePeers.dns(QueuePeers.mxRecords()), new RabbitMqQueueModule(AMQP, MANAGEMENT));

    @Override
    QueuePeers peers() {
        return PEERS;
    }

    @Override
    Path workingDirectory() {
        return workingDirectory;
    }
}
