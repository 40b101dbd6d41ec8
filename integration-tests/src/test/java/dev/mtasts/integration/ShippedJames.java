package dev.mtasts.integration;

import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.modules.data.MemoryUsersRepositoryModule;
import org.apache.james.server.core.configuration.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An in-memory James run from the conf-samples configuration as shipped, changed only where a test world must:
 * SMTP on a free loopback port instead of 25, a short retry schedule, the test CA as the only trust anchor, the test
 * DNS server for the extension's lookups, and a second extension module recording outcomes. James' own DNS (MX
 * records and addresses) is the in-JVM {@link LoopbackDns}.
 */
public final class ShippedJames {

    private final Path workingDirectory;
    private final DNSService dns;

    private ShippedJames(Path workingDirectory, DNSService dns) {
        this.workingDirectory = workingDirectory;
        this.dns = dns;
    }

    /**
     * Writes the conf directory. {@code relayMailetClass} replaces MtaStsRemoteDelivery in the relay processor
     * (e.g. plain RemoteDelivery for a comparison), {@code extraMailetParameters} go into that mailet.
     */
    public static ShippedJames prepare(Path workingDirectory, DNSService dns, String mtaStsProperties,
                                       String relayMailetClass, String extraMailetParameters) {
        Path conf = workingDirectory.resolve("conf");
        ShippedConf.copy(ShippedConf.CONF, conf);
        edit(conf.resolve("smtpserver.xml"), "<bind>127.0.0.1:25</bind>", "<bind>127.0.0.1:0</bind>");
        edit(conf.resolve("mailetcontainer.xml"), "<delayTime>5000, 100000, 500000</delayTime>",
            "<delayTime>2*1 second</delayTime>" + extraMailetParameters);
        edit(conf.resolve("mailetcontainer.xml"), "<maxRetries>3</maxRetries>", "<maxRetries>2</maxRetries>");
        edit(conf.resolve("mailetcontainer.xml"), "class=\"dev.mtasts.james.delivery.MtaStsRemoteDelivery\"",
            "class=\"" + relayMailetClass + "\"");
        edit(conf.resolve("extensions.properties"), "guice.extension.module=dev.mtasts.james.guice.MtaStsModule",
            "guice.extension.module=dev.mtasts.james.guice.MtaStsModule," + OutcomeRecordingModule.class.getName());
        append(conf.resolve("mta-sts.properties"), "\n# The test world\n" + mtaStsProperties);
        return new ShippedJames(workingDirectory, dns);
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    /** A started James on this working directory (its var/ — and so the policy cache — survives a restart). */
    public GuiceJamesServer start() throws Exception {
        GuiceJamesServer james = GuiceJamesServer.forConfiguration(Configuration.builder()
                .workingDirectory(workingDirectory.toFile())
                .build())
            .combineWith(MemoryJamesServerMain.SMTP_ONLY_MODULE)
            .combineWith(new MemoryUsersRepositoryModule())
            .overrideWith(binder -> binder.bind(DNSService.class).toInstance(dns));
        try {
            james.start();
        } catch (Exception e) {
            james.stop();
            throw new IllegalStateException("James did not start from " + workingDirectory + "/conf", e);
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

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, Files.readString(file) + text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
