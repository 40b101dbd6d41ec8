package dev.mtasts.demo;

import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.modules.data.MemoryUsersRepositoryModule;
import org.apache.james.modules.server.DataRoutesModules;
import org.apache.james.modules.server.MailQueueRoutesModule;
import org.apache.james.modules.server.MailRepositoriesRoutesModule;
import org.apache.james.modules.server.NoJwtModule;
import org.apache.james.modules.server.WebAdminServerModule;
import org.apache.james.server.core.configuration.Configuration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A James 3.8.1 memory server with the MTA-STS extension, configured by the conf-samples files, for trying the
 * extension by hand: SMTP and WebAdmin on the loopback interface, the policy cache in files under the working
 * directory, queued mail in an embedded ActiveMQ broker with KahaDB there too ({@link EmbeddedActiveMqQueueModule}),
 * so that mail waiting for a retry survives a restart. Run it with {@code bin/james-mta-sts}.
 *
 * <pre>
 * DemoServer [--dir DIRECTORY] [--smtp-port PORT] [--webadmin-port PORT]
 * </pre>
 * The first run copies the sample configuration into {@code DIRECTORY/conf}, with the SMTP and WebAdmin ports set;
 * later runs keep whatever was changed there.
 */
public final class DemoServer {

    private static final String SAMPLES = "conf-samples/conf";

    private DemoServer() {
    }

    public static void main(String[] arguments) throws Exception {
        Path directory = Path.of("var/demo");
        int smtpPort = 2525;
        int webAdminPort = 8000;
        for (int i = 0; i < arguments.length; i++) {
            String argument = arguments[i];
            if (i + 1 >= arguments.length) {
                usage("missing value after " + argument);
            }
            String value = arguments[++i];
            switch (argument) {
                case "--dir" -> directory = Path.of(value);
                case "--smtp-port" -> smtpPort = port(value);
                case "--webadmin-port" -> webAdminPort = port(value);
                default -> usage("unknown option " + argument);
            }
        }
        directory = directory.toAbsolutePath().normalize();
        Path conf = directory.resolve("conf");
        if (!Files.isDirectory(conf)) {
            copySamples(conf);
            setPorts(conf, smtpPort, webAdminPort);
            System.out.println("Sample configuration copied to " + conf);
        }
        GuiceJamesServer james = GuiceJamesServer.forConfiguration(Configuration.builder()
                .workingDirectory(directory.toFile())
                .build())
            .combineWith(MemoryJamesServerMain.SMTP_ONLY_MODULE)
            .combineWith(new MemoryUsersRepositoryModule())
            // WebAdmin with the routes that matter here: domains and users, mail queues, mail repositories.
            .combineWith(new WebAdminServerModule(), new DataRoutesModules(), new MailQueueRoutesModule(),
                new MailRepositoriesRoutesModule(), new NoJwtModule())
            // Queued mail (the spool and every lane of MtaStsRemoteDelivery) in KahaDB under var/: survives a restart.
            .overrideWith(new EmbeddedActiveMqQueueModule());
        Runtime.getRuntime().addShutdownHook(new Thread(james::stop, "james-stop"));
        james.start();
        System.out.println("James with MTA-STS is running: SMTP on 127.0.0.1:" + smtpPort + ", WebAdmin on"
            + " http://127.0.0.1:" + webAdminPort + ", configuration in " + conf + ", policy cache in "
            + directory.resolve("var/mta-sts") + ", queued mail in " + directory.resolve("var/store/activemq")
            + ". Ctrl-C stops it.");
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port > 0 && port < 65_536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        usage("not a port: " + value);
        return -1;
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: james-mta-sts [--dir DIRECTORY] [--smtp-port PORT] [--webadmin-port PORT]");
        System.exit(2);
    }

    private static void copySamples(Path conf) throws IOException, URISyntaxException {
        URL marker = DemoServer.class.getClassLoader().getResource(SAMPLES + "/extensions.properties");
        if (marker == null) {
            throw new IllegalStateException("conf-samples is not on the classpath");
        }
        Files.createDirectories(conf);
        URI uri = marker.toURI();
        if (uri.getScheme().equals("jar")) {
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                copyFiles(jar.getPath("/" + SAMPLES), conf);
            }
        } else {
            copyFiles(Path.of(uri).getParent(), conf);
        }
    }

    private static void copyFiles(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    Files.copy(in, target.resolve(file.getFileName().toString()));
                }
            }
        }
    }

    private static void setPorts(Path conf, int smtpPort, int webAdminPort) {
        replace(conf.resolve("smtpserver.xml"), "<bind>127.0.0.1:25</bind>", "<bind>127.0.0.1:" + smtpPort + "</bind>");
        replace(conf.resolve("webadmin.properties"), "port=8000", "port=" + webAdminPort);
    }

    private static void replace(Path file, String from, String to) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (!text.contains(from)) {
                throw new IllegalStateException(file + " no longer contains " + from);
            }
            Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
