package dev.mtasts.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.james.GuiceJamesServer;
import org.apache.james.server.core.configuration.Configuration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operators' figures and the day's report counts are written to the report store when James stops, and read
 * back when it starts again.
 */
class ReportingSurvivesRestartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    @Order(1)
    static final MxPeers PEERS = new MxPeers();

    @Test
    void countsAndTheOpenDaySurviveARestart(@TempDir Path workingDirectory) throws Exception {
        MovableClock clock = new MovableClock();
        File conf = workingDirectory.resolve("conf").toFile();
        TestWorld.reset(MxPeers.policies());
        TestConf.relayingThrough("""
                <mailet match="All" class="dev.mtasts.james.delivery.MtaStsRemoteDelivery">
                    <outgoing>outgoing</outgoing>
                    <delayTime>3*1 second</delayTime>
                    <maxRetries>3</maxRetries>
                    <heloName>james.test</heloName>
                    <bounceProcessor>bounces</bounceProcessor>
                </mailet>
                """, "")
            .mtaStsProperties(PEERS.mtaStsProperties(conf, """
                reports.submitter=james.test
                reports.sendDelay=0s
                reports.sendJitter=0s
                """))
            .writeTo(conf.toPath());
        OpsJames.writeOperatorFiles(conf.toPath());
        Configuration configuration = Configuration.builder().workingDirectory(workingDirectory.toFile()).build();

        GuiceJamesServer first = OpsJames.server(configuration, MxPeers.dns(), clock);
        first.start();
        try {
            MtaStsJames.send(first, MxPeers.SENDER, "user@enforce-ok.test", "before the restart");
            PEERS.exim().awaitMessage(message -> message.envelopeTo().contains("user@enforce-ok.test"), PATIENCE)
                .orElseThrow(() -> new AssertionError("nothing delivered to user@enforce-ok.test"));
        } finally {
            first.stop();
        }

        GuiceJamesServer second = OpsJames.server(configuration, MxPeers.dns(), clock);
        second.start();
        try {
            JsonNode figures = JSON.readTree(OpsJames.call(second, "GET", "/mta-sts/report?since=PT24H").body());
            assertThat(figures.at("/domains/enforce-ok.test/tlsEnforcementSuccess/succeeded").asLong()).isEqualTo(1);
            assertThat(figures.at("/overall/counts/enforceSessions").asLong()).isEqualTo(1);

            clock.advance(Duration.ofDays(1));
            JsonNode run = JSON.readTree(OpsJames.call(second, "POST", "/mta-sts/reports?action=send").body());
            // enforce-ok.test publishes no TLSRPT record: the day's report is made, then not wanted.
            assertThat(run.get("reportsMade").asInt()).isEqualTo(1);
            assertThat(run.get("notWanted").asInt()).isEqualTo(1);
        } finally {
            second.stop();
        }
    }
}
