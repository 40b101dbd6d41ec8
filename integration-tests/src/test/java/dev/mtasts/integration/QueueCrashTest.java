package dev.mtasts.integration;

import dev.mtasts.testpeers.EximServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * James with the extension on its ActiveMQ queue (KahaDB on disk), in a process of its own, killed — {@code kill -9}
 * or an equally abrupt halt at an exact step — while mail waits in the enforce lane, during a lane move and during an
 * SMTP session; then started again on the same directories. Every message must end delivered or bounced. Duplicates
 * are counted and printed ({@code target/crash-duplicates.txt}); a lane move must add none.
 */
class QueueCrashTest {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /** Longer than one poll of James' JMS queue (10 s): a duplicate still queued would have come out by then. */
    private static final Duration SETTLE = Duration.ofSeconds(11);
    private static final List<String> DUPLICATE_COUNTS = new CopyOnWriteArrayList<>();

    @RegisterExtension
    @Order(1)
    static final QueuePeers PEERS = new QueuePeers();

    @TempDir
    Path directory;

    @AfterAll
    static void reportDuplicates() throws IOException {
        String report = String.join("\n", DUPLICATE_COUNTS) + "\n";
        System.out.println("Duplicates after crashes:\n" + report);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("crash-duplicates.txt"), report);
        }
    }

    @Test
    void killedWhileMailWaitsInTheEnforceLaneAndDuringAnSmtpSession() throws Exception {
        Path mxFile = prepare();
        List<String> toDeliver = recipients("w", QueuePeers.RETRY_DELIVER, 3);
        List<String> toBounce = recipients("w", QueuePeers.RETRY_BOUNCE, 3);
        String stalled = "s1@" + QueuePeers.STALLED;
        int stallsBefore = count(PEERS.exim().mainLog(), "STALLING DATA");
        PEERS.exim().stallData(true);
        try {
            try (ChildJames james = ChildJames.start(directory, mxFile, Optional.empty(), 1)) {
                MtaStsJames.send(james.port, QueuePeers.SENDER, stalled, "stalled");
                for (int i = 0; i < toDeliver.size(); i++) {
                    MtaStsJames.send(james.port, QueuePeers.SENDER, toDeliver.get(i), "waiting " + i);
                    MtaStsJames.send(james.port, QueuePeers.SENDER, toBounce.get(i), "waiting " + i);
                }
                // Each of these failed its first attempt in the enforce lane (no STARTTLS) and waits for a retry;
                // the stalled message is sent whole over TLS, and the MX holds back its reply to the final dot.
                james.awaitLog("domain=" + QueuePeers.RETRY_DELIVER + " ", toDeliver.size());
                james.awaitLog("domain=" + QueuePeers.RETRY_BOUNCE + " ", toBounce.size());
                assertThat(PEERS.exim().awaitLog("STALLING DATA", stallsBefore + 1, PATIENCE)).isTrue();
                james.kill();
            }
            // The stalled session ends without storing the message (451 at the end of the stall).
            PEERS.exim().awaitLog("stalled by the test", stallsBefore + 1, EximServer.STALL.plusSeconds(10));
        } finally {
            PEERS.exim().stallData(false);
        }
        // While James is down the operator fixes one domain's MX; the other stays broken and its mail bounces.
        Map<String, List<String>> fixed = QueuePeers.mxRecords();
        fixed.put(QueuePeers.RETRY_DELIVER, List.of(QueuePeers.MX_GOOD));
        QueuePeers.writeMxRecords(mxFile, fixed);
        try (ChildJames james = ChildJames.start(directory, mxFile, Optional.empty(), 2)) {
            List<String> delivering = new ArrayList<>(toDeliver);
            delivering.add(stalled);
            Map<String, Integer> delivered = awaitDelivered(delivering);
            Map<String, Integer> bounced = awaitBounced(toBounce);

            Map<String, Integer> waited = new LinkedHashMap<>(delivered);
            waited.remove(stalled);
            record("killed while mail waits in the enforce lane", waited, bounced);
            record("killed during an SMTP session (DATA stalled)", Map.of(stalled, delivered.get(stalled)), Map.of());
            assertThat(delivered).as("delivered").allSatisfy((recipient, count) ->
                assertThat(count).as(recipient).isGreaterThanOrEqualTo(1));
            assertThat(bounced).as("bounced").allSatisfy((recipient, count) ->
                assertThat(count).as(recipient).isGreaterThanOrEqualTo(1));
            assertThat(deliveredCount(toBounce)).as("never delivered without STARTTLS").isZero();
        }
    }

    @Test
    void haltedAtEachStepOfALaneMove() throws Exception {
        Path mxFile = prepare();
        List<String> crashing = new ArrayList<>();
        int run = 0;
        // Each run halts at one step of one message's move; the next run starts on what it left.
        for (CrashPoint point : CrashPoint.values()) {
            try (ChildJames james = ChildJames.start(directory, mxFile, Optional.of(point), ++run)) {
                MtaStsJames.send(james.port, QueuePeers.SENDER, point.recipient(), "moved, crashing");
                crashing.add(point.recipient());
                james.awaitExit();
                assertThat(james.log()).contains("CRASH-POINT " + point.name());
            }
        }
        try (ChildJames james = ChildJames.start(directory, mxFile, Optional.empty(), ++run)) {
            Map<String, Integer> delivered = awaitDelivered(crashing);

            record("halted during a lane move, once " + CrashPoint.AFTER_THE_COPY_IS_ENQUEUED + " and once "
                + CrashPoint.BEFORE_THE_ORIGINAL_IS_ACKNOWLEDGED, delivered, Map.of());
            assertThat(delivered).as("every message delivered exactly once").allSatisfy((recipient, count) ->
                assertThat(count).as(recipient).isEqualTo(1));
        }
        String logs = IntStream.rangeClosed(2, run).mapToObj(i -> read(directory.resolve("james-" + i + ".log")))
            .collect(Collectors.joining());
        assertThat(count(logs, "MTA-STS: dropping")).as("surplus copies dropped").isEqualTo(crashing.size());
        try (var records = Files.list(directory.resolve("var/mta-sts/lane-moves"))) {
            assertThat(records).as("lane-move records left").isEmpty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path prepare() {
        Path conf = directory.resolve("conf");
        TestConf.relayingThrough(QueuedDeliveryScenarios.RELAY, "")
            .mtaStsProperties(PEERS.mtaStsProperties(conf))
            .writeTo(conf);
        Path mxFile = directory.resolve("mx-records.properties");
        QueuePeers.writeMxRecords(mxFile, QueuePeers.mxRecords());
        return mxFile;
    }

    private static List<String> recipients(String prefix, String domain, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + i + "@" + domain).toList();
    }

    private static boolean isDeliveryTo(EximServer.Message message, String recipient) {
        return message.envelopeTo().equals(recipient);
    }

    private static boolean isBounceAbout(EximServer.Message message, String recipient) {
        return message.envelopeTo().equals(QueuePeers.SENDER) && message.text().contains(recipient);
    }

    private static long deliveredCount(List<String> recipients) {
        return PEERS.exim().messages().stream()
            .filter(message -> recipients.stream().anyMatch(recipient -> isDeliveryTo(message, recipient))).count();
    }

    private static Map<String, Integer> awaitDelivered(List<String> recipients) throws InterruptedException {
        return awaitEach(recipients, QueueCrashTest::isDeliveryTo);
    }

    private static Map<String, Integer> awaitBounced(List<String> recipients) throws InterruptedException {
        return awaitEach(recipients, QueueCrashTest::isBounceAbout);
    }

    /** Waits until every recipient has a message, then a little longer for duplicates; counts them. */
    private static Map<String, Integer> awaitEach(List<String> recipients,
                                                  java.util.function.BiPredicate<EximServer.Message, String> matches)
        throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (counts(recipients, matches).containsValue(0) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        Thread.sleep(SETTLE.toMillis());
        return counts(recipients, matches);
    }

    private static Map<String, Integer> counts(List<String> recipients,
                                               java.util.function.BiPredicate<EximServer.Message, String> matches) {
        List<EximServer.Message> messages = PEERS.exim().messages();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String recipient : recipients) {
            counts.put(recipient, (int) messages.stream().filter(message -> matches.test(message, recipient)).count());
        }
        return counts;
    }

    private static void record(String scenario, Map<String, Integer> delivered, Map<String, Integer> bounced) {
        int messages = delivered.size() + bounced.size();
        int arrivals = delivered.values().stream().mapToInt(Integer::intValue).sum()
            + bounced.values().stream().mapToInt(Integer::intValue).sum();
        long lost = delivered.values().stream().filter(count -> count == 0).count()
            + bounced.values().stream().filter(count -> count == 0).count();
        DUPLICATE_COUNTS.add(scenario + ": " + messages + " messages, " + arrivals + " delivered or bounced, "
            + (arrivals - messages + lost) + " duplicates, " + lost + " lost");
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    /** James in a child JVM on {@code directory}, its output in {@code james-RUN.log}. */
    private static final class ChildJames implements AutoCloseable {
        private final Process process;
        private final Path log;
        private int port;

        private ChildJames(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static ChildJames start(Path directory, Path mxFile, Optional<CrashPoint> crash, int run) throws Exception {
            List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                // A short-lived server: start fast rather than peak fast.
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Djdk.net.hosts.file=" + System.getProperty("jdk.net.hosts.file"),
                "-Dsun.net.inetaddr.ttl=0",
                "-Djames.exit.on.startup.error=true"));
            crash.ifPresent(point -> command.add("-D" + CrashPoint.PROPERTY + "=" + point.name()));
            command.addAll(List.of("-cp", classPath(), CrashableJames.class.getName(), directory.toString(),
                mxFile.toString()));
            Path log = directory.resolve("james-" + run + ".log");
            Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
            ChildJames james = new ChildJames(process, log);
            james.awaitReady();
            return james;
        }

        private static String classPath() {
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            return java.util.Arrays.stream(classPath.split(File.pathSeparator)).collect(Collectors.joining(
                File.pathSeparator));
        }

        String log() {
            try {
                return Files.exists(log) ? Files.readString(log) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void awaitReady() throws InterruptedException {
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                String text = log();
                int ready = text.indexOf(CrashableJames.READY);
                if (ready >= 0) {
                    String rest = text.substring(ready + CrashableJames.READY.length()).trim();
                    port = Integer.parseInt(rest.split("\\s+")[0]);
                    return;
                }
                if (!process.isAlive()) {
                    throw new AssertionError("James exited with " + process.exitValue() + ":\n" + text);
                }
                Thread.sleep(200);
            }
            process.destroyForcibly();
            throw new AssertionError("James did not start within " + START_TIMEOUT + ":\n" + log());
        }

        void awaitLog(String text, int times) throws InterruptedException {
            Instant deadline = Instant.now().plus(PATIENCE);
            while (count(log(), text) < times) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new AssertionError("James logged " + text + " fewer than " + times + " times:\n" + log());
                }
                Thread.sleep(200);
            }
        }

        void awaitExit() throws InterruptedException {
            if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("James did not reach its crash point:\n" + log());
            }
        }

        /** {@code kill -9}. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                kill();
            }
        }
    }
}
