package dev.mtasts.testpeers;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The harness itself: it starts, stops by PID, and fails loudly with unbound's own words. */
class UnboundServerTest {

    @Test
    void startsOnALoopbackAddressAndStopsByPid() {
        UnboundServer unbound = UnboundServer.builder().address("127.0.53.6").start();
        Path configFile = unbound.configFile();
        ProcessHandle process = ProcessHandle.of(unbound.pid()).orElseThrow();

        assertThat(unbound.address().getAddress().getHostAddress()).isEqualTo("127.0.53.6");
        assertThat(unbound.hostAndPort()).isEqualTo("127.0.53.6:" + unbound.address().getPort());
        assertThat(unbound.output()).contains("start of service");
        assertThat(process.isAlive()).isTrue();

        unbound.close();

        assertThat(process.isAlive()).isFalse();
        assertThat(Files.exists(configFile)).isFalse();
    }

    @Test
    void failsWithAnInstallHintWhenTheBinaryIsMissing() {
        assertThatThrownBy(() -> UnboundServer.builder().unboundBinary(Path.of("/nonexistent/unbound")).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unbound is not installed: /nonexistent/unbound is not an executable file")
                .hasMessageContaining("apt-get install");
    }

    @Test
    void failsWithUnboundsOutputWhenTheConfigurationIsWrong() {
        assertThatThrownBy(() -> UnboundServer.builder().localData("not a record").start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with status 1")
                .hasMessageContaining("unbound output:")
                .hasMessageContaining("not a record");
    }

    @Test
    void failsWithUnboundsOutputWhenThePortIsTaken() throws IOException {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.53.7", 0))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> UnboundServer.builder().address("127.0.53.7").port(port).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("unbound on 127.0.53.7:" + port)
                    .hasMessageContaining("unbound output:");
        }
    }

    @Test
    void reportsARecordThatUnboundControlRejects() {
        try (UnboundServer unbound = UnboundServer.builder().start()) {
            assertThatThrownBy(() -> unbound.addLocalData("garbage"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("unbound-control failed")
                    .hasMessageContaining("local_data garbage");
        }
    }
}
