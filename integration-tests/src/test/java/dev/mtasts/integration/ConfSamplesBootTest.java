package dev.mtasts.integration;

import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.modules.data.MemoryUsersRepositoryModule;
import org.apache.james.server.core.configuration.Configuration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * James starts with the conf-samples files exactly as shipped — both set-ups — and the extension's production
 * module, loaded from the shipped extensions.properties, creates its policy cache under James' var directory.
 */
class ConfSamplesBootTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"drop-in", "matcher"})
    void jamesStartsWithTheShippedConfiguration(String setUp, @TempDir Path workingDirectory) throws Exception {
        Assumptions.assumeTrue(loopbackPortIsFree(25), "the shipped smtpserver.xml listens on 127.0.0.1:25");
        Path conf = workingDirectory.resolve("conf");
        ShippedConf.copy(ShippedConf.CONF, conf);
        if (setUp.equals("matcher")) {
            Path variants = workingDirectory.resolve("variants");
            ShippedConf.copy(ShippedConf.VARIANTS, variants);
            Files.copy(variants.resolve("mailetcontainer-matcher.xml"), conf.resolve("mailetcontainer.xml"),
                StandardCopyOption.REPLACE_EXISTING);
        }
        GuiceJamesServer james = GuiceJamesServer.forConfiguration(Configuration.builder()
                .workingDirectory(workingDirectory.toFile())
                .build())
            .combineWith(MemoryJamesServerMain.SMTP_ONLY_MODULE)
            .combineWith(new MemoryUsersRepositoryModule());
        try {
            james.start();

            assertThat(james.isStarted()).isTrue();
            assertThat(workingDirectory.resolve("var/mta-sts")).isDirectory();
            // the received TLS reports' store, created with the TlsReportReceiver mailet of the shipped conf
            assertThat(workingDirectory.resolve("var/mta-sts/received-tls-reports")).isDirectory();
            assertThat(Files.readString(conf.resolve("mailetcontainer.xml")))
                .contains(setUp.equals("matcher") ? "MtaStsEnforced" : "MtaStsRemoteDelivery");
        } finally {
            james.stop();
        }
    }

    @Test
    void anInvalidSettingStopsJamesWithTheKeyNamed(@TempDir Path workingDirectory) throws Exception {
        Path conf = workingDirectory.resolve("conf");
        ShippedConf.copy(ShippedConf.CONF, conf);
        Files.writeString(conf.resolve("mta-sts.properties"), "fetch.timeout=soon\n");
        GuiceJamesServer james = GuiceJamesServer.forConfiguration(Configuration.builder()
                .workingDirectory(workingDirectory.toFile())
                .build())
            .combineWith(MemoryJamesServerMain.SMTP_ONLY_MODULE)
            .combineWith(new MemoryUsersRepositoryModule());
        try {
            assertThatThrownBy(james::start)
                .hasStackTraceContaining("mta-sts.properties: fetch.timeout: not a duration");
        } finally {
            james.stop();
        }
    }

    private static boolean loopbackPortIsFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false); // as strict as James' own listener
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
