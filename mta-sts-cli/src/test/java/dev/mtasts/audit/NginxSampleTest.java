package dev.mtasts.audit;

import dev.mtasts.fetch.TrustAnchors;
import dev.mtasts.testpeers.FakeDns;
import dev.mtasts.testpeers.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample server block in conf-samples/nginx/mta-sts.conf, run by a real nginx with only its names, paths
 * and listening address changed, serves a policy the audit finds correct.
 */
class NginxSampleTest {

    private static final String ADDRESS = "127.0.60.3";
    private static final String DOMAIN = "sample.check.test";
    private static final String POLICY = "version: STSv1\r\nmode: testing\r\nmx: mx.sample.check.test\r\nmax_age: 604800\r\n";

    @Test
    void theSampleServesAPolicyTheAuditAccepts(@TempDir Path dir) throws Exception {
        String host = "mta-sts." + DOMAIN;
        TestCertificates.Authority ca = TestCertificates.newAuthority("Sample CA");
        Instant now = Instant.now();
        TestCertificates.Leaf leaf = ca.issue(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(90)), host, host);
        Path chain = leaf.writeChainPem(dir.resolve("fullchain.pem"));
        Path key = leaf.writeKeyPem(dir.resolve("privkey.pem"));
        Path root = Files.createDirectories(dir.resolve("www/.well-known")).getParent();
        Files.writeString(root.resolve(".well-known/mta-sts.txt"), POLICY);

        String sample = Files.readString(Path.of("..", "conf-samples", "nginx", "mta-sts.conf"))
            .replace("listen 443 ssl;", "listen " + ADDRESS + ":443 ssl;")
            .replace("listen [::]:443 ssl;", "")
            .replace("/etc/letsencrypt/live/mta-sts.example.com/fullchain.pem", chain.toString())
            .replace("/etc/letsencrypt/live/mta-sts.example.com/privkey.pem", key.toString())
            .replace("/var/www/mta-sts", root.toString())
            .replace("example.com", DOMAIN);
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("nginx.conf"), "user root;\nworker_processes 1;\npid " + dir.resolve("nginx.pid")
            + ";\nerror_log " + dir.resolve("logs/error.log") + ";\nevents { worker_connections 16; }\nhttp {\n"
            + "  access_log off;\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
            + "  client_body_temp_path " + dir.resolve("tmp") + ";\n" + sample + "\n}\n");

        Process nginx = new ProcessBuilder("/usr/sbin/nginx", "-p", dir.toString(), "-c",
            dir.resolve("nginx.conf").toString(), "-g", "daemon off;")
            .redirectErrorStream(true).redirectOutput(dir.resolve("logs/stdout.log").toFile()).start();
        try {
            awaitListening(nginx, dir);
            FakeDns dns = new FakeDns()
                .address(host, InetAddress.getByName(ADDRESS));
            TrustAnchors trust = TrustAnchors.builder().withoutJdkDefaults().pemFile(ca.writePem(dir.resolve("ca.pem")))
                .build();
            AuditSettings settings = AuditSettings.defaults(trust).withTimeout(Duration.ofSeconds(10));
            Findings findings = new Findings();

            new PolicyHostAudit(new PolicyHostInspector(dns, settings), new CertificateAudit(trust, Clock.systemUTC()))
                .check(DOMAIN, findings);

            assertThat(findings.list()).extracting(finding -> finding.code().code()).containsExactly("policy-host.ok");
        } finally {
            nginx.destroy();
            if (!nginx.waitFor(5, TimeUnit.SECONDS)) {
                nginx.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitListening(Process nginx, Path dir) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 250; attempt++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(ADDRESS, 443), 200);
                return;
            } catch (IOException notYet) {
                if (!nginx.isAlive()) {
                    break;
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("nginx did not start:\n" + Files.readString(dir.resolve("logs/stdout.log"))
            + Files.readString(dir.resolve("logs/error.log")));
    }
}
