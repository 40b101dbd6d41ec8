package dev.mtasts.integration;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mtasts.james.guice.MtaStsModule;
import dev.mtasts.james.routing.LaneDecision;
import dev.mtasts.testpeers.EximServer;
import dev.mtasts.testpeers.UnboundServer;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real DNS (unbound) that flaps between SERVFAIL and NXDOMAIN for a domain's {@code _mta-sts} TXT record, with
 * nothing cached: with {@code delivery.lookupFailure=enforce} SERVFAIL calls for the enforce lane and NXDOMAIN for the
 * standard lane, so each attempt may find the message in the wrong lane, the last attempts included (which re-read the
 * TXT record, RFC 8461 §5.1). The message's MX refuses connections, so it can never be delivered. It must end bounced
 * after its retries, having moved between lanes at most {@link LaneDecision#DEFAULT_MAX_MOVES} times: never a loop.
 */
class LaneFlapTest {

    private static final String DOMAIN = "flap.test";
    private static final String DNS_ADDRESS = "127.0.101.53";
    private static final String BOUNCE_MX = "mx-plain.flap.test";
    private static final String BOUNCE_MX_ADDRESS = "127.0.101.2";
    private static final String REFUSING_MX = "mx-refused.flap.test";
    private static final String REFUSING_MX_ADDRESS = "127.0.101.3";
    private static final String SENDER = "alice@flap-sender.test";

    private static UnboundServer dns;
    private static EximServer exim;
    private static Thread flapper;
    private static final AtomicBoolean FLAPPING = new AtomicBoolean(true);
    private static final java.util.concurrent.atomic.AtomicInteger FLAPS = new java.util.concurrent.atomic.AtomicInteger();
    private static final ListAppender<ILoggingEvent> MOVES = new ListAppender<>();

    @RegisterExtension
    @Order(1)
    static final JamesServerExtension JAMES = MtaStsJames.perClass(conf -> {
        startPeers();
        TestConf.relayingThrough("""
                <mailet match="All" class="dev.mtasts.james.delivery.MtaStsRemoteDelivery">
                    <outgoing>outgoing</outgoing>
                    <delayTime>3*1 second</delayTime>
                    <maxRetries>3</maxRetries>
                    <heloName>james.test</heloName>
                    <bounceProcessor>bounces</bounceProcessor>
                </mailet>
                """, "")
            .extensionModule(MtaStsModule.class)
            .mtaStsProperties("dns.servers=" + dns.hostAndPort() + "\ndns.timeout=1s\nrecheck.grace=0\n"
                + "delivery.lookupFailure=enforce\n")
            .writeTo(conf.toPath());
    }, new LoopbackDns()
        .address(BOUNCE_MX, BOUNCE_MX_ADDRESS)
        .address(REFUSING_MX, REFUSING_MX_ADDRESS)
        .mx("flap-sender.test", BOUNCE_MX)
        .mx(DOMAIN, REFUSING_MX));

    private static void startPeers() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/unbound")) && EximServer.isAvailable(),
            "unbound, exim and root are needed (scripts/install-test-deps.sh)");
        // The TXT name is a local zone of its own, whose type flips: static answers NXDOMAIN, transparent (with no
        // data, and no forwarder that answers) SERVFAIL. Adding and removing the zone instead would disturb unbound's
        // answers for names in other local zones.
        dns = UnboundServer.builder()
            .address(DNS_ADDRESS)
            .staticZone("test.")
            .staticZone("_mta-sts." + DOMAIN + ".")
            .serverFailure(DOMAIN + ".")
            .start();
        exim = EximServer.start(List.of(EximServer.Listener.withoutStartTls(BOUNCE_MX_ADDRESS)));
        Logger lanes = (Logger) LoggerFactory.getLogger("dev.mtasts.james.delivery.LaneMove");
        MOVES.start();
        lanes.addAppender(MOVES);
        flapper = new Thread(LaneFlapTest::flap, "lane-flap-test-dns");
        flapper.setDaemon(true);
        flapper.start();
    }

    private static void flap() {
        boolean nxdomain = false;
        while (FLAPPING.get()) {
            try {
                dns.addLocalZone("_mta-sts." + DOMAIN + ".", nxdomain ? "static" : "transparent");
                nxdomain = !nxdomain;
                FLAPS.incrementAndGet();
                Thread.sleep(150);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (FLAPPING.get()) {
                    LoggerFactory.getLogger(LaneFlapTest.class).warn("could not flap the TXT record", e);
                }
            }
        }
    }

    @AfterAll
    static void stopPeers() throws InterruptedException {
        FLAPPING.set(false);
        if (flapper != null) {
            flapper.join(5_000);
        }
        ((Logger) LoggerFactory.getLogger("dev.mtasts.james.delivery.LaneMove")).detachAppender(MOVES);
        if (exim != null) {
            exim.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void aFlappingLookupEndsInABounceAfterBoundedMoves(GuiceJamesServer james) throws Exception {
        MtaStsJames.send(james, SENDER, "user@" + DOMAIN, "flapping DNS");

        EximServer.Message bounce = exim.awaitMessage(message -> message.envelopeTo().contains(SENDER)
                && message.text().contains("user@" + DOMAIN), Duration.ofSeconds(90))
            .orElseThrow(() -> new AssertionError("no bounce to " + SENDER + "; moves: " + moves() + ", flaps: "
                + FLAPS.get()));
        long movesAtBounce = moves();
        Thread.sleep(3_000);

        assertThat(bounce.text()).contains("user@" + DOMAIN);
        assertThat(movesAtBounce).as("lane moves of the message").isLessThanOrEqualTo(LaneDecision.DEFAULT_MAX_MOVES);
        assertThat(moves()).as("no move after the bounce").isEqualTo(movesAtBounce);
    }

    private static long moves() {
        synchronized (MOVES) {
            return List.copyOf(MOVES.list).stream()
                .filter(event -> event.getFormattedMessage().startsWith("MTA-STS: moved "))
                .count();
        }
    }
}
