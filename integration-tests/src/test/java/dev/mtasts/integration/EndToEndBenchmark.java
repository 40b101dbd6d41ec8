package dev.mtasts.integration;

import org.apache.james.GuiceJamesServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static dev.mtasts.integration.MatrixPeers.*;

/**
 * End-to-end throughput, not an assertion of CI: {@code N} messages (system property {@code bench.messages}, 500 by
 * default) to an enforce domain whose one MX passes, through James with MtaStsRemoteDelivery, then the same through
 * James' own RemoteDelivery with {@code startTLS=true} — both from the shipped configuration, both validating the
 * MX certificate against the test CA (the JVM's trust store is the test CA for the run). Time runs from the first
 * message handed to James until the last one is in exim's Maildir; each side runs twice, in the order A B B A, each
 * time in a freshly started James after 50 messages of warm-up. Run with {@code scripts/bench-end-to-end.sh}.
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "bench", matches = "true")
class EndToEndBenchmark {

    private static final String DOMAIN = "bench." + ZONE;
    private static final int WARM_UP = 50;

    @Test
    void mtaStsDeliveryAgainstPlainRemoteDeliveryWithStartTls(@TempDir Path directory) throws Exception {
        int messages = Integer.getInteger("bench.messages", 500);
        try (MatrixPeers peers = MatrixPeers.start(directory.resolve("peers"), List.of(DOMAIN))) {
            peers.publish(DOMAIN, "1", "enforce", MX_GOOD);
            Path trustStore = directory.resolve("test-ca.p12");
            try (OutputStream out = Files.newOutputStream(trustStore)) {
                peers.authority().trustStore().store(out, "changeit".toCharArray());
            }
            // Before anything creates the JVM's default SSL context, which plain RemoteDelivery's STARTTLS uses.
            System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
            System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
            System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
            LoopbackDns dns = new LoopbackDns().address(MX_GOOD, GOOD).mx(DOMAIN, MX_GOOD).mx(SENDER_DOMAIN, MX_PLAIN)
                .address(MX_PLAIN, PLAIN);
            String properties = "dns.servers=" + peers.dns().hostAndPort() + "\n"
                + "trust.jdkDefaults=false\n"
                + "trust.pemFiles=" + peers.writeTrustAnchor(directory.resolve("test-ca.pem")) + "\n";

            // Two rounds in the order A B B A, so that neither side profits from running second (JIT, caches).
            Duration mtaSts = Duration.ZERO;
            Duration plain = Duration.ZERO;
            for (String round : List.of("1", "2")) {
                ShippedJames withExtension = ShippedJames.prepare(directory.resolve("james-mta-sts-" + round), dns,
                    properties, "dev.mtasts.james.delivery.MtaStsRemoteDelivery", "");
                ShippedJames withoutExtension = ShippedJames.prepare(directory.resolve("james-plain-" + round), dns,
                    properties, "RemoteDelivery", "<startTLS>true</startTLS>");
                if (round.equals("1")) {
                    mtaSts = mtaSts.plus(run(peers, withExtension, "mta-sts-" + round, messages));
                    plain = plain.plus(run(peers, withoutExtension, "plain-" + round, messages));
                } else {
                    plain = plain.plus(run(peers, withoutExtension, "plain-" + round, messages));
                    mtaSts = mtaSts.plus(run(peers, withExtension, "mta-sts-" + round, messages));
                }
            }
            double withMtaSts = 2 * messages * 1000.0 / mtaSts.toMillis();
            double withoutMtaSts = 2 * messages * 1000.0 / plain.toMillis();

            long clearText = peers.exim().messages().stream()
                .filter(message -> message.envelopeTo().endsWith("@" + DOMAIN))
                .filter(message -> message.tlsCipher().equals("none"))
                .count();
            if (clearText > 0) {
                throw new AssertionError(clearText + " benchmark messages arrived in clear text: not a fair comparison");
            }
            System.out.printf(Locale.ROOT, "%nEND-TO-END BENCHMARK (2 x %d messages each, to %s over STARTTLS)%n"
                    + "  MtaStsRemoteDelivery (enforce):     %8.1f messages/s%n"
                    + "  RemoteDelivery startTLS=true:       %8.1f messages/s%n"
                    + "  ratio MTA-STS / plain:              %8.3f (target >= 0.95)%n%n",
                messages, DOMAIN, withMtaSts, withoutMtaSts, withMtaSts / withoutMtaSts);
        }
    }

    /** The time from the first message handed to James until the last one is stored by exim. */
    private static Duration run(MatrixPeers peers, ShippedJames shipped, String label, int messages) throws Exception {
        GuiceJamesServer james = shipped.start();
        try {
            sendAndAwait(peers, james, label + "-warmup", WARM_UP);
            Instant start = Instant.now();
            sendAndAwait(peers, james, label, messages);
            return Duration.between(start, Instant.now());
        } finally {
            james.stop();
        }
    }

    private static void sendAndAwait(MatrixPeers peers, GuiceJamesServer james, String label, int messages)
            throws Exception {
        long before = stored(peers);
        for (int i = 0; i < messages; i++) {
            MtaStsJames.send(james, SENDER, label + "-" + i + "@" + DOMAIN, "bench " + label + " " + i);
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (stored(peers) < before + messages) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(label + ": only " + (stored(peers) - before) + " of " + messages
                    + " messages arrived");
            }
            Thread.sleep(20);
        }
    }

    private static long stored(MatrixPeers peers) {
        Path maildir = peers.exim().directory().resolve("maildir").resolve("new");
        if (!Files.isDirectory(maildir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(maildir)) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
