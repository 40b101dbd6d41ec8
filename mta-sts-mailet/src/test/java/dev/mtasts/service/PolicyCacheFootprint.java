package dev.mtasts.service;

import dev.mtasts.cache.CachedPolicy;
import dev.mtasts.cache.FilePolicyStore;
import dev.mtasts.discovery.RecordDiscovery;
import dev.mtasts.policy.PolicyParser;
import dev.mtasts.testpeers.FakeDns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The memory and start-up harness (not a test): fills a {@link FilePolicyStore} with {@code N} distinct policies
 * (100,000 by default; 2 to 4 mx patterns each, one of them a wildcard, as real policies have) as a running James
 * leaves it — its refresher's {@link FilePolicyStore#checkpoint()} wrote the snapshot, and a tenth of the policies
 * were written since (the refresher rewrites it at one in eight) — then,
 * in this JVM, builds the {@link PolicyService} on it as James does at start — which loads every stored policy — and
 * reports the load time and the heap the loaded cache retains after a full GC, in total and per policy, with the
 * classes that hold it (the heap histogram, {@code jcmd GC.class_histogram}).
 *
 * <p>Run with {@code scripts/bench-policy-cache.sh [N] [STORE_DIR]}; a store directory that already holds the
 * policies is loaded as it is, so the load can be timed again without writing them (delete its {@code snapshot/}
 * to time the first start after an upgrade, which reads every file).
 */
public final class PolicyCacheFootprint {

    private PolicyCacheFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path directory = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("mta-sts-policy-cache-");
        Instant now = Instant.now();
        long written = fill(directory, count, now);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long baseline = usedAfterGc(memory);
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        FilePolicyStore store = new FilePolicyStore(directory);
        PolicyService service = new PolicyService(new RecordDiscovery(new FakeDns()), new ScriptedFetcher(), store,
            PolicyServiceSettings.defaults(), Clock.systemUTC(), Math.max(count, 1) * 2);
        long loadNanos = System.nanoTime() - start;
        long loadCpuNanos = processCpuNanos() - cpuStart;
        long retained = usedAfterGc(memory) - baseline;
        String histogram = histogram();
        int loaded = service.cachedPolicies().size();
        boolean answers = service.status(domain(count / 2)).isPresent();
        Reference.reachabilityFence(service);

        double mib = retained / 1024.0 / 1024.0;
        System.out.printf(Locale.ROOT, "%nPOLICY CACHE FOOTPRINT (%d policies, 2-4 mx patterns each; store %s%s)%n"
                + "  loaded from the file store at start:  %d policies in %.2f s  (target <= 3 s;"
                + " %.2f s of CPU, all threads)%n"
                + "  retained heap after GC, total:        %.1f MiB  (target <= 64 MiB)%n"
                + "  retained heap per policy:             %d bytes%n"
                + "  a loaded domain answers:              %s%n"
                + "  heap histogram after the load (top classes, live objects):%n%s%n",
            count, directory, written > 0 ? ", " + written + " files written now" : ", reused",
            loaded, loadNanos / 1e9, loadCpuNanos / 1e9, mib, count == 0 ? 0 : retained / count, answers, histogram);
    }

    /** Writes {@code count} policies unless the directory already holds that many; returns how many it wrote. */
    private static long fill(Path directory, int count, Instant now) throws IOException {
        long present;
        try (Stream<Path> files = Files.exists(directory) ? Files.list(directory) : Stream.empty()) {
            present = files.filter(file -> file.toString().endsWith(".json")).count();
        }
        if (present == count) {
            return 0;
        }
        FilePolicyStore store = new FilePolicyStore(directory);
        IntStream.range(0, count).parallel().forEach(i -> store.put(policy(i, now)));
        store.checkpoint(); // what the refresher of a running James does
        IntStream.range(0, count).filter(i -> i % 10 == 0).parallel()
            .forEach(i -> store.put(policy(i, now.plusSeconds(60)))); // refreshed since
        return count;
    }

    static String domain(int i) {
        return String.format(Locale.ROOT, "d%06d.example-%d.com", i, i % 97);
    }

    /** Policy {@code i}: 2, 3 or 4 mx patterns, the last a wildcard; mode and max_age vary. */
    static CachedPolicy policy(int i, Instant now) {
        String domain = domain(i);
        int patterns = 2 + i % 3;
        StringBuilder text = new StringBuilder("version: STSv1\r\nmode: ").append(i % 4 == 0 ? "testing" : "enforce")
            .append("\r\n");
        List<String> mx = new ArrayList<>();
        for (int p = 1; p < patterns; p++) {
            mx.add("mx" + p + "." + domain);
        }
        mx.add("*.mail." + domain);
        mx.forEach(pattern -> text.append("mx: ").append(pattern).append("\r\n"));
        long maxAge = 604_800 + i % 1000;
        text.append("max_age: ").append(maxAge).append("\r\n");
        try {
            return new CachedPolicy(domain, "2026010" + (i % 10) + "T" + i, PolicyParser.parse(text.toString()),
                text.toString(), now, now.plus(Duration.ofSeconds(maxAge)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The top of {@code jcmd <this pid> GC.class_histogram}, or why it is missing. */
    private static String histogram() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(ProcessHandle.current().pid()),
                "GC.class_histogram").redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            }
            process.waitFor();
            int header = 0;
            while (header < lines.size() && !lines.get(header).contains("num ")) {
                header++;
            }
            List<String> top = new ArrayList<>(lines.subList(Math.min(header, lines.size()),
                Math.min(header + 17, lines.size())));
            lines.stream().filter(line -> line.startsWith("Total")).forEach(top::add);
            return String.join("\n", top);
        } catch (IOException | InterruptedException e) {
            return "    (no histogram: " + e + ")";
        }
    }
}
