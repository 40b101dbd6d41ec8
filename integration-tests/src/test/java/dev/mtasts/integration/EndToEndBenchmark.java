package dev.mtasts.integration;

import dev.mtasts.integration.BenchmarkPeers.Domain;
import dev.mtasts.integration.BenchmarkPeers.Publishes;
import dev.mtasts.integration.BenchmarkPeers.Workload;
import dev.mtasts.outcome.TlsOutcome;
import dev.mtasts.testpeers.EximServer;
import dev.mtasts.testpeers.TestCertificates;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.apache.james.GuiceJamesServer;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import javax.mail.Message;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * End-to-end throughput, not an assertion of CI: the same messages through James with MtaStsRemoteDelivery (side A)
 * and through James' own RemoteDelivery (side B), both from the shipped configuration with {@code startTLS=true}
 * (and, on side A, {@code opportunisticTls=false}, so that mail without a policy is delivered exactly as on side B),
 * both validating every MX certificate against the test CA (the JVM's trust store is the test CA for the run), both
 * against the real unbound, nginx and exim of {@link BenchmarkPeers}.
 *
 * <p>Three workloads ({@code bench.world}):
 * <ul>
 *     <li>{@code single}: every message to one enforce domain;</li>
 *     <li>{@code realistic}: messages spread round-robin over {@code bench.domains} domains (200), 40 % enforce,
 *     30 % testing, 30 % without a policy;</li>
 *     <li>{@code dane}: every message to one DANE domain (RFC 7672: secure MX, TLSA 3 1 1) of
 *     {@link DaneBenchmarkPeers}, with a validating unbound as {@code dns.servers} and {@code dane.enabled=true}:
 *     side A delivers by the DANE lane (DNSSEC lookups, TLSA authentication; checked on every run), side B by
 *     plain STARTTLS to the same MX.</li>
 * </ul>
 * Rounds run in pairs in the order A B, B A, A B, … ({@code bench.pairs}, 5), each run in a freshly started James
 * whose policy cache is warmed by a first pass ({@code max(50, domains)} messages, every domain at least once). The
 * timed window runs from the first of {@code bench.messages} messages handed to James (by {@code bench.clients}
 * SMTP connections in parallel) until the last one is in exim's Maildir. Each James delivers as its RemoteDelivery
 * does (3.8.1: up to 256 deliveries in flight per queue on its bounded-elastic scheduler, {@code deliveryThreads}
 * is not read), and exim offers TLS session tickets, so either side may resume sessions. Each run reports messages/s and this JVM's
 * CPU time per message (James and the submitting clients; the servers are other processes), each pair the ratio
 * A/B; the summary gives the median ratio and the spread. With {@code bench.jfr=DIR} every timed window is recorded
 * with JDK Flight Recorder ({@code profile} settings) into {@code DIR/<run>.jfr}. Run with
 * {@code scripts/bench-end-to-end.sh}.
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "bench", matches = "true")
class EndToEndBenchmark {

    private static final int MIN_WARM_UP = 50;

    @Test
    void mtaStsDeliveryAgainstPlainRemoteDeliveryWithStartTls(@TempDir Path directory) throws Exception {
        String world = System.getProperty("bench.world", "single");
        if (world.equals("dane")) {
            Workload workload = DaneBenchmarkPeers.singleDaneDomain();
            try (DaneBenchmarkPeers peers = DaneBenchmarkPeers.start(directory.resolve("peers"))) {
                String properties = "dns.servers=" + peers.dns().hostAndPort() + "\n"
                    + "dane.enabled=true\n"
                    + "dane.validationProbe=" + DaneBenchmarkPeers.PROBE + "\n";
                compare(directory, world, workload, peers.exim(), peers.authority(), peers.jamesDns(workload),
                    properties, DaneBenchmarkPeers.SENDER);
            }
            return;
        }
        boolean realistic = world.equals("realistic");
        Workload workload = realistic
            ? Workload.mixed(Integer.getInteger("bench.domains", 200), 40, 30)
            : Workload.singleEnforceDomain();
        try (BenchmarkPeers peers = BenchmarkPeers.start(directory.resolve("peers"), workload)) {
            compare(directory, realistic ? "realistic" : "single", workload, peers.exim(), peers.authority(),
                peers.jamesDns(workload), "dns.servers=" + peers.dns().hostAndPort() + "\n", BenchmarkPeers.SENDER);
        }
    }

    /** The interleaved pairs of runs, A with the extension and B with James' RemoteDelivery, and their summary. */
    private static void compare(Path directory, String world, Workload workload, EximServer exim,
                                TestCertificates.Authority authority, LoopbackDns dns, String mtaStsProperties,
                                String sender) throws Exception {
        int messages = Integer.getInteger("bench.messages", world.equals("realistic") ? 2000 : 500);
        int pairs = Integer.getInteger("bench.pairs", 5);
        int clients = Integer.getInteger("bench.clients", 4);
        Path jfr = System.getProperty("bench.jfr", "").isEmpty() ? null
            : Files.createDirectories(Path.of(System.getProperty("bench.jfr")));
        Path trustStore = directory.resolve("test-ca.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            authority.trustStore().store(out, "changeit".toCharArray());
        }
        // Before anything creates the JVM's default SSL context, which plain RemoteDelivery's STARTTLS uses.
        System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        String properties = mtaStsProperties
            + "trust.jdkDefaults=false\n"
            + "trust.pemFiles=" + authority.writePem(directory.resolve("test-ca.pem")) + "\n";
        boolean dane = workload.count(Publishes.DANE) > 0;

        List<Run> mtaSts = new ArrayList<>();
        List<Run> plain = new ArrayList<>();
        for (int pair = 1; pair <= pairs; pair++) {
            ShippedJames withExtension = ShippedJames.prepare(directory.resolve("james-mta-sts-" + pair), dns,
                properties, "dev.mtasts.james.delivery.MtaStsRemoteDelivery", "<startTLS>true</startTLS>");
            withoutOpportunisticTls(withExtension);
            ShippedJames withoutExtension = ShippedJames.prepare(directory.resolve("james-plain-" + pair), dns,
                properties, "RemoteDelivery", "<startTLS>true</startTLS>");
            Bench plainBench = new Bench(exim, workload, sender, messages, clients, jfr, false);
            Bench extensionBench = new Bench(exim, workload, sender, messages, clients, jfr, dane);
            // A B, then B A: neither side profits from running second (JIT, page cache, exim's state).
            if (pair % 2 == 1) {
                mtaSts.add(extensionBench.run(withExtension, "mta-sts-" + pair));
                plain.add(plainBench.run(withoutExtension, "plain-" + pair));
            } else {
                plain.add(plainBench.run(withoutExtension, "plain-" + pair));
                mtaSts.add(extensionBench.run(withExtension, "mta-sts-" + pair));
            }
        }
        System.out.println(summary(world, workload, messages, clients, mtaSts, plain));
        if (jfr != null) {
            System.out.println(JfrProfile.summarize(jfr, messages));
        }
    }

    /** The shipped configuration's {@code opportunisticTls=true} would refuse {@code startTLS}. */
    private static void withoutOpportunisticTls(ShippedJames james) throws IOException {
        Path mailets = james.workingDirectory().resolve("conf").resolve("mailetcontainer.xml");
        String shipped = "<opportunisticTls>true</opportunisticTls>";
        String text = Files.readString(mailets);
        if (!text.contains(shipped)) {
            throw new IllegalStateException(mailets + " no longer contains " + shipped + ": update the benchmark");
        }
        Files.writeString(mailets, text.replace(shipped, "<opportunisticTls>false</opportunisticTls>"));
    }

    /** One timed window: messages/s and this JVM's CPU milliseconds per message. */
    record Run(String label, double messagesPerSecond, double cpuMillisPerMessage) {
    }

    /** @param dane whether every message must go by the DANE lane (checked on the outcomes after each window) */
    private record Bench(EximServer exim, Workload workload, String sender, int messages, int clients, Path jfr,
                         boolean dane) {

        Run run(ShippedJames shipped, String label) throws Exception {
            TestWorld.reset(new dev.mtasts.james.fixtures.PolicyWorld());
            GuiceJamesServer james = shipped.start();
            try {
                int warmUp = Math.max(MIN_WARM_UP, workload.domains().size());
                sendAndAwait(james, label + "-warmup", warmUp);
                checkEncryptedAndClear(label + "-warmup");
                checkDane(label + "-warmup", warmUp);
                Recording recording = jfr == null ? null : new Recording(Configuration.getConfiguration("profile"));
                if (recording != null) {
                    recording.enable("jdk.TLSHandshake");
                    recording.start();
                }
                long cpuBefore = processCpuNanos();
                long start = System.nanoTime();
                sendAndAwait(james, label, messages);
                long elapsed = System.nanoTime() - start;
                long cpu = processCpuNanos() - cpuBefore;
                if (recording != null) {
                    recording.stop();
                    recording.dump(jfr.resolve(label + ".jfr"));
                    recording.close();
                }
                checkEncryptedAndClear(label);
                checkDane(label, warmUp + messages);
                Run run = new Run(label, messages * 1e9 / elapsed, cpu / 1e6 / messages);
                System.out.printf(Locale.ROOT, "  run %-12s %8.1f messages/s  %6.2f ms CPU/message%n", label,
                    run.messagesPerSecond(), run.cpuMillisPerMessage());
                return run;
            } finally {
                james.stop();
            }
        }

        /** Hands {@code count} messages to James over parallel SMTP connections and waits until exim has them all. */
        private void sendAndAwait(GuiceJamesServer james, String label, int count) throws Exception {
            int port = james.getProbe(SmtpGuiceProbe.class).getSmtpPort().getValue();
            ExecutorService submitters = Executors.newFixedThreadPool(clients);
            try {
                List<Future<?>> sent = new ArrayList<>();
                for (int client = 0; client < clients; client++) {
                    int first = client;
                    sent.add(submitters.submit(() -> {
                        submit(port, label, first, count);
                        return null;
                    }));
                }
                for (Future<?> future : sent) {
                    future.get();
                }
            } finally {
                submitters.shutdownNow();
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (stored() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(label + ": only " + stored() + " of " + count + " messages arrived");
                }
                Thread.sleep(20);
            }
        }

        /** Client {@code first} of {@link #clients} sends messages first, first + clients, … over one connection. */
        private void submit(int port, String label, int first, int count) throws Exception {
            Properties properties = new Properties();
            properties.put("mail.smtp.host", "127.0.0.1");
            properties.put("mail.smtp.port", String.valueOf(port));
            properties.put("mail.smtp.localhost", "client.test");
            Session session = Session.getInstance(properties);
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect();
                for (int i = first; i < count; i += clients) {
                    Domain domain = workload.domains().get(i % workload.domains().size());
                    MimeMessage message = new MimeMessage(session);
                    message.setFrom(new InternetAddress(sender));
                    InternetAddress recipient = new InternetAddress(label + "-" + i + "@" + domain.name());
                    message.setRecipient(Message.RecipientType.TO, recipient);
                    message.setSubject("bench " + label + " " + i);
                    message.setText("A benchmark message for " + recipient + ".\n");
                    message.saveChanges();
                    transport.sendMessage(message, message.getAllRecipients());
                }
            }
        }

        private Path maildir() {
            return exim.directory().resolve("maildir").resolve("new");
        }

        private long stored() {
            if (!Files.isDirectory(maildir())) {
                return 0;
            }
            try (Stream<Path> files = Files.list(maildir())) {
                return files.count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Every message must have arrived over TLS, or the comparison is unfair; then the Maildir is emptied. */
        private void checkEncryptedAndClear(String label) throws IOException {
            List<EximServer.Message> arrived = exim.messages();
            List<String> clearText = arrived.stream().filter(message -> message.tlsCipher().equals("none"))
                .map(message -> message.envelopeTo() + " at " + message.listener() + " ("
                    + message.header("subject").orElse("no subject") + ")" + bounceReason(message))
                .collect(java.util.stream.Collectors.toList());
            if (!clearText.isEmpty()) {
                throw new AssertionError(label + ": " + clearText.size() + " messages arrived in clear text: "
                    + clearText);
            }
            for (EximServer.Message message : arrived) {
                Files.deleteIfExists(message.file());
            }
        }

        /**
         * What a bounce (a message back to the sender) says went wrong: its {@code Error message:},
         * {@code Status:} and {@code Diagnostic-Code:} lines, so that a run that bounced names the cause.
         */
        private static String bounceReason(EximServer.Message message) {
            String reasons = message.text().lines()
                .filter(line -> line.startsWith("Error message:") || line.startsWith("Status:")
                    || line.startsWith("Diagnostic-Code:") || line.startsWith("MTA-STS") || line.startsWith("DANE"))
                .distinct()
                .collect(java.util.stream.Collectors.joining(" | "));
            return reasons.isEmpty() ? "" : " bounced: " + reasons;
        }

        /** RFC 7672: on the DANE side, every message so far went by a DANE-authenticated session, and nothing else. */
        private void checkDane(String label, int delivered) {
            if (!dane) {
                return;
            }
            long daneSuccesses = TestWorld.outcomes().stream()
                .filter(outcome -> outcome.isDane() && outcome.isSuccess()).count();
            List<String> others = TestWorld.outcomes().stream()
                .filter(outcome -> !outcome.isDane() || !outcome.isSuccess())
                .map(TlsOutcome::toLogLine).distinct().limit(5).toList();
            if (daneSuccesses < delivered || !others.isEmpty()) {
                throw new AssertionError(label + ": " + daneSuccesses + " DANE-authenticated sessions for " + delivered
                    + " messages; other outcomes: " + others);
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }

    static String summary(String world, Workload workload, int messages, int clients, List<Run> mtaSts,
                          List<Run> plain) {
        List<Double> rateRatios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        for (int i = 0; i < mtaSts.size(); i++) {
            rateRatios.add(mtaSts.get(i).messagesPerSecond() / plain.get(i).messagesPerSecond());
            cpuRatios.add(plain.get(i).cpuMillisPerMessage() / mtaSts.get(i).cpuMillisPerMessage());
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nEND-TO-END BENCHMARK (%s: %d messages per run to %d domains — "
                + "%d enforce, %d testing, %d DANE, %d without policy; %d submitting connections)%n",
            world, messages, workload.domains().size(), workload.count(Publishes.ENFORCE),
            workload.count(Publishes.TESTING), workload.count(Publishes.DANE), workload.count(Publishes.NOTHING),
            clients));
        out.append("  pair  MtaStsRemoteDelivery      RemoteDelivery startTLS   ratio A/B\n");
        out.append("        msg/s   ms CPU/msg        msg/s   ms CPU/msg        msg/s  CPU\n");
        for (int i = 0; i < mtaSts.size(); i++) {
            out.append(String.format(Locale.ROOT, "  %4d  %6.1f   %6.2f            %6.1f   %6.2f            %5.3f  %5.3f%n",
                i + 1, mtaSts.get(i).messagesPerSecond(), mtaSts.get(i).cpuMillisPerMessage(),
                plain.get(i).messagesPerSecond(), plain.get(i).cpuMillisPerMessage(), rateRatios.get(i),
                cpuRatios.get(i)));
        }
        out.append(String.format(Locale.ROOT, "  median throughput ratio MTA-STS / plain:  %5.3f  (spread %5.3f .. %5.3f"
                + " over %d pairs; target >= 0.98)%n", median(rateRatios), min(rateRatios), max(rateRatios),
            rateRatios.size()));
        out.append(String.format(Locale.ROOT, "  median CPU ratio plain / MTA-STS:         %5.3f  (spread %5.3f .. %5.3f;"
                + " 1.0 = the same CPU per message)%n", median(cpuRatios), min(cpuRatios), max(cpuRatios)));
        return out.toString();
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
