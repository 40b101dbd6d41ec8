package dev.mtasts.integration;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerBuilder;
import org.apache.james.JamesServerExtension;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.modules.data.MemoryUsersRepositoryModule;
import org.apache.james.modules.server.NoJwtModule;
import org.apache.james.jmap.api.identity.CustomIdentityDAO;
import org.apache.james.jmap.memory.identity.MemoryCustomIdentityDAO;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.utils.WebAdminGuiceProbe;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * {@link MtaStsJames} with James' WebAdmin on a free loopback port, the MTA-STS routes and health check named in
 * {@code webadmin.properties} and {@code healthcheck.properties} as an operator would, and James' clock replaced by
 * the test's.
 */
final class OpsJames {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private OpsJames() {
    }

    static JamesServerExtension perClass(Consumer<File> conf, DNSService dns, Clock clock) {
        return new JamesServerBuilder<Configuration>(workingDirectory -> {
            File confDirectory = new File(workingDirectory, "conf");
            conf.accept(confDirectory);
            writeOperatorFiles(confDirectory.toPath());
            return Configuration.builder().workingDirectory(workingDirectory).build();
        })
            .server(configuration -> server(configuration, dns, clock))
            .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
            .build();
    }

    static GuiceJamesServer server(Configuration configuration, DNSService dns, Clock clock) {
        return GuiceJamesServer.forConfiguration(configuration)
            .combineWith(MemoryJamesServerMain.SMTP_ONLY_MODULE)
            .combineWith(MemoryJamesServerMain.WEBADMIN)
            .overrideWith(new NoJwtModule(),
                binder -> binder.bind(CustomIdentityDAO.class).to(MemoryCustomIdentityDAO.class))
            .combineWith(new MemoryUsersRepositoryModule())
            .overrideWith(binder -> binder.bind(DNSService.class).toInstance(dns))
            .overrideWith(binder -> binder.bind(Clock.class).toInstance(clock));
    }

    static void writeOperatorFiles(Path confDirectory) {
        try {
            Files.createDirectories(confDirectory);
            Files.writeString(confDirectory.resolve("webadmin.properties"), """
                enabled=true
                port=0
                host=127.0.0.1
                extensions.routes=dev.mtasts.james.webadmin.MtaStsRoutes,dev.mtasts.james.webadmin.DashboardRoutes,org.apache.james.webadmin.dropwizard.MetricsRoutes
                """, StandardCharsets.UTF_8);
            Files.writeString(confDirectory.resolve("healthcheck.properties"), """
                additional.healthchecks=dev.mtasts.james.health.MtaStsHealthCheck
                """, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A WebAdmin response: status and body. */
    record Reply(int status, String body) {
    }

    static Reply call(GuiceJamesServer james, String method, String path) {
        int port = james.getProbe(WebAdminGuiceProbe.class).getWebAdminPort().getValue();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(60))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
