package dev.mtasts.integration;

import com.google.inject.Module;
import dev.mtasts.demo.EmbeddedActiveMqQueueModule;
import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.modules.data.MemoryUsersRepositoryModule;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.server.core.configuration.Configuration;

import java.io.File;
import java.nio.file.Path;

/**
 * A James for crash tests, in a process of its own so that a test can {@code kill -9} it: the memory server with
 * the extension (from the conf directory the test wrote), mail queues in the embedded ActiveMQ broker with KahaDB under
 * {@code var/}, the {@link QueuePeers} world with the MX records of a file (so a restart can see a changed one), and
 * the {@link CrashPoint} that the system property {@code crash.at} names, if any. Prints
 * {@code CRASHABLE-JAMES-READY <smtp port>} once started.
 *
 * <pre>CrashableJames WORKING_DIRECTORY MX_RECORDS_FILE</pre>
 */
public final class CrashableJames {

    public static final String READY = "CRASHABLE-JAMES-READY ";

    private CrashableJames() {
    }

    public static void main(String[] arguments) throws Exception {
        File workingDirectory = new File(arguments[0]);
        DNSService dns = QueuePeers.dns(QueuePeers.readMxRecords(Path.of(arguments[1])));
        TestWorld.reset(QueuePeers.policies());
        Module crash = CrashPoint.fromSystemProperty().<Module>map(CrashPoint::module).orElse(binder -> { });
        GuiceJamesServer james = GuiceJamesServer.forConfiguration(Configuration.builder()
                .workingDirectory(workingDirectory)
                .build())
            .combineWith(MemoryJamesServerMain.SMTP_ONLY_MODULE)
            .combineWith(new MemoryUsersRepositoryModule())
            .overrideWith(binder -> binder.bind(DNSService.class).toInstance(dns))
            .overrideWith(new EmbeddedActiveMqQueueModule())
            .overrideWith(crash);
        james.start();
        System.out.println(READY + james.getProbe(SmtpGuiceProbe.class).getSmtpPort().getValue());
        System.out.flush();
    }
}
