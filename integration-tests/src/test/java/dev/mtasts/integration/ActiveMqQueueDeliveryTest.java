package dev.mtasts.integration;

import dev.mtasts.demo.EmbeddedActiveMqQueueModule;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key delivery scenarios on the JPA server's mail queue: James' embedded ActiveMQ broker with KahaDB under
 * {@code var/} ({@link EmbeddedActiveMqQueueModule}), for the spool and every lane.
 */
class ActiveMqQueueDeliveryTest extends QueuedDeliveryScenarios {

    @RegisterExtension
    @Order(1)
    static final QueuePeers PEERS = new QueuePeers();

    private static volatile Path workingDirectory;

    @RegisterExtension
    @Order(2)
    static final JamesServerExtension JAMES = MtaStsJames.perClass(conf -> {
        workingDirectory = conf.toPath().getParent();
        TestWorld.reset(QueuePeers.policies());
        TestConf.relayingThrough(RELAY, "")
            .mtaStsProperties(PEERS.mtaStsProperties(conf.toPath()))
            .writeTo(conf.toPath());
    }, QueuePeers.dns(QueuePeers.mxRecords()), new EmbeddedActiveMqQueueModule());

    @Override
    QueuePeers peers() {
        return PEERS;
    }

    @Override
    Path workingDirectory() {
        return workingDirectory;
    }

    @Test
    void theQueuesAreInKahaDbUnderVar() {
        assertThat(workingDirectory.resolve("var/store/activemq/brokers/KahaDB")).isDirectory();
        assertThat(Files.exists(workingDirectory.resolve("var/store/activemq/brokers/KahaDB/db.data"))).isTrue();
    }
}
