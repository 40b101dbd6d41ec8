package dev.mtasts.integration;

import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.jmap.api.identity.CustomIdentityDAO;
import org.apache.james.jmap.memory.identity.MemoryCustomIdentityDAO;
import org.apache.james.modules.data.MemoryUsersRepositoryModule;
import org.apache.james.modules.server.NoJwtModule;
import org.apache.james.server.core.configuration.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * James from the shipped configuration ({@link ShippedJames}: conf-samples with a short retry schedule, the
 * production extension and the outcome recorder) for the DANE delivery tests, with three more changes: WebAdmin on
 * a free loopback port (routes, health check and {@code /metrics} as shipped), James' clock replaced by the test's,
 * and James' own DNS service — DNSJavaService, read from {@code dnsservice.xml} — asking a real resolver of the test
 * world instead of the machine's. The MTA-STS lanes resolve MX hosts through it, as in production; nothing in the
 * JVM's global dnsjava settings changes, and the JVM knows none of the MX host names (no hosts-file entry), so every
 * address comes from DNS.
 */
final class DaneDeliveryJames {

    private DaneDeliveryJames() {
    }

    /**
     * Writes the conf directory under {@code workingDirectory} and starts James.
     *
     * @param dnsAddress       the resolver James' DNSJavaService asks (port 53)
     * @param mtaStsProperties lines appended to the shipped {@code mta-sts.properties}
     */
    static GuiceJamesServer start(Path workingDirectory, String dnsAddress, String mtaStsProperties, Clock clock)
        throws Exception {
        ShippedJames.prepare(workingDirectory, null, mtaStsProperties,
            "dev.mtasts.james.delivery.MtaStsRemoteDelivery", "");
        Path conf = workingDirectory.resolve("conf");
        edit(conf.resolve("webadmin.properties"), "port=8000", "port=0");
        edit(conf.resolve("webadmin.properties"), "host=localhost", "host=127.0.0.1");
        edit(conf.resolve("extensions.properties"), OutcomeRecordingModule.class.getName(),
            OutcomeRecordingModule.class.getName() + "," + SessionRecordingModule.class.getName());
        Files.writeString(conf.resolve("dnsservice.xml"), """
            <?xml version="1.0"?>
            <dnsservice>
                <servers>
                    <server>%s</server>
                </servers>
                <autodiscover>false</autodiscover>
                <authoritative>false</authoritative>
                <maxcachesize>50000</maxcachesize>
                <setAsDNSJavaDefault>false</setAsDNSJavaDefault>
            </dnsservice>
            """.formatted(dnsAddress));
        GuiceJamesServer james = GuiceJamesServer.forConfiguration(Configuration.builder()
                .workingDirectory(workingDirectory.toFile())
                .build())
            .combineWith(MemoryJamesServerMain.SMTP_ONLY_MODULE)
            .combineWith(MemoryJamesServerMain.WEBADMIN)
            .overrideWith(new NoJwtModule(),
                binder -> binder.bind(CustomIdentityDAO.class).to(MemoryCustomIdentityDAO.class))
            .combineWith(new MemoryUsersRepositoryModule())
            .overrideWith(binder -> binder.bind(Clock.class).toInstance(clock));
        try {
            james.start();
        } catch (Exception e) {
            james.stop();
            throw new IllegalStateException("James did not start from " + conf, e);
        }
        return james;
    }

    private static void edit(Path file, String from, String to) {
        try {
            String text = Files.readString(file);
            if (!text.contains(from)) {
                throw new IllegalStateException(file + " no longer contains " + from + ": update the test world");
            }
            Files.writeString(file, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
