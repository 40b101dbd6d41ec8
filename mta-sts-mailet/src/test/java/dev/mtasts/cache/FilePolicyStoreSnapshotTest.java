package dev.mtasts.cache;

import dev.mtasts.policy.PolicyParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The snapshot that makes a large store load in one read: used only while the policy files it copies are unchanged,
 * and anything wrong with it makes the store read the policy files, never fail.
 */
class FilePolicyStoreSnapshotTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aLoadWritesTheSnapshotAndTheNextLoadGivesTheSamePolicies(@TempDir Path directory) throws Exception {
        List<CachedPolicy> stored = fill(directory, 20);

        assertThat(new FilePolicyStore(directory).all()).isEqualTo(stored);
        assertThat(snapshotOf(directory)).exists();
        assertThat(new FilePolicyStore(directory).all()).isEqualTo(stored);
    }

    @Test
    void aPolicyWrittenAfterTheSnapshotIsReadFromItsFile(@TempDir Path directory) throws Exception {
        fill(directory, 20);
        new FilePolicyStore(directory).all();
        CachedPolicy changed = policy(3, "changed", "mx: other.example.net\n");
        new FilePolicyStore(directory).put(changed);

        assertThat(new FilePolicyStore(directory).all()).contains(changed).doesNotContain(policy(3));
    }

    @Test
    void aPolicyRemovedAfterTheSnapshotStaysRemoved(@TempDir Path directory) throws Exception {
        fill(directory, 20);
        new FilePolicyStore(directory).all();
        new FilePolicyStore(directory).remove(policy(5).domain());

        List<CachedPolicy> loaded = new FilePolicyStore(directory).all();

        assertThat(loaded).hasSize(19).doesNotContain(policy(5));
    }

    @Test
    void aPolicyFileDamagedAfterTheSnapshotIsSetAsideAndNotServedFromTheSnapshot(@TempDir Path directory)
            throws Exception {
        fill(directory, 20);
        new FilePolicyStore(directory).all();
        Files.writeString(directory.resolve(policy(7).domain() + ".json"), "{ not json");

        List<CachedPolicy> loaded = new FilePolicyStore(directory).all();

        assertThat(loaded).hasSize(19).doesNotContain(policy(7));
        assertThat(directory.resolve(policy(7).domain() + ".json")).doesNotExist();
    }

    static Stream<Arguments> damagedSnapshots() {
        return Stream.of(
            Arguments.of("empty", (UnaryOperator<byte[]>) bytes -> new byte[0]),
            Arguments.of("truncated in the middle", (UnaryOperator<byte[]>) bytes -> Arrays.copyOf(bytes, bytes.length / 2)),
            Arguments.of("last byte missing", (UnaryOperator<byte[]>) bytes -> Arrays.copyOf(bytes, bytes.length - 1)),
            Arguments.of("one bit flipped", (UnaryOperator<byte[]>) bytes -> {
                byte[] damaged = bytes.clone();
                damaged[damaged.length / 3] ^= 0x10;
                return damaged;
            }),
            Arguments.of("bytes appended", (UnaryOperator<byte[]>) bytes -> Arrays.copyOf(bytes, bytes.length + 7)),
            Arguments.of("foreign text", (UnaryOperator<byte[]>) bytes -> "{\"format\":1}".getBytes()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedSnapshots")
    void aDamagedSnapshotIsSetAsideAndEveryPolicyFileIsRead(String damage, UnaryOperator<byte[]> damaging,
                                                            @TempDir Path directory) throws Exception {
        List<CachedPolicy> stored = fill(directory, 20);
        new FilePolicyStore(directory).all();
        Files.write(snapshotOf(directory), damaging.apply(Files.readAllBytes(snapshotOf(directory))));

        assertThat(new FilePolicyStore(directory).all()).isEqualTo(stored);
        try (Stream<Path> setAside = Files.list(directory.resolve("set-aside"))) {
            assertThat(setAside.map(path -> path.getFileName().toString())).anyMatch(name -> name.startsWith("policies."));
        }
        // and a good snapshot is written again
        assertThat(PolicySnapshot.read(snapshotOf(directory))).hasSize(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedSnapshots")
    void decodingADamagedSnapshotIsATypedError(String damage, UnaryOperator<byte[]> damaging) {
        byte[] good = PolicySnapshot.encode(List.of(
            new PolicySnapshot.Entry("example.com", new PolicySnapshot.FileIdentity(10, 20, "(dev=1,ino=2)"), "id1",
                "version: STSv1\r\nmode: enforce\r\nmx: mx.example.com\r\nmax_age: 86400\r\n", 1_000, 2_000),
            new PolicySnapshot.Entry("example.org", new PolicySnapshot.FileIdentity(11, 21, ""), "id2", "text", 3, 4)));

        assertThatThrownBy(() -> PolicySnapshot.decode(damaging.apply(good)))
            .isInstanceOf(PolicySnapshot.Unusable.class);
    }

    @Test
    void aSnapshotEntryWhoseTextNoLongerParsesIsReadFromItsFile(@TempDir Path directory) throws Exception {
        List<CachedPolicy> stored = fill(directory, 3);
        new FilePolicyStore(directory).all();
        List<PolicySnapshot.Entry> entries = PolicySnapshot.read(snapshotOf(directory)).stream()
            .map(entry -> new PolicySnapshot.Entry(entry.domain, entry.file, entry.id, "not a policy",
                entry.fetchedAtMillis, entry.expiresAtMillis))
            .collect(Collectors.toList());
        PolicySnapshot.write(snapshotOf(directory), entries);

        assertThat(new FilePolicyStore(directory).all()).isEqualTo(stored);
    }

    @Test
    void aCheckpointRewritesTheSnapshotOnlyOnceEnoughPoliciesChanged(@TempDir Path directory) throws Exception {
        fill(directory, 16);
        FilePolicyStore store = new FilePolicyStore(directory);
        store.all();

        store.put(policy(1, "changed", ""));
        assertThat(store.checkpoint()).isFalse(); // 1 of 16
        store.put(policy(2, "changed", ""));
        assertThat(store.checkpoint()).isTrue(); // 2 of 16: one in FilePolicyStore.STALE_SHARE
        assertThat(PolicySnapshot.read(snapshotOf(directory)))
            .anyMatch(entry -> entry.domain.equals(policy(2).domain()) && entry.id.equals("changed"));
        assertThat(store.checkpoint()).isFalse();
    }

    @Test
    void aStoreOfAnEarlierVersionWithoutSnapshotLoadsFileByFile(@TempDir Path directory) throws Exception {
        List<CachedPolicy> stored = fill(directory, 5);
        Files.deleteIfExists(snapshotOf(directory));
        Files.delete(snapshotOf(directory).getParent()); // as an earlier version left the directory

        assertThat(new FilePolicyStore(directory).all()).isEqualTo(stored);
    }

    private static List<CachedPolicy> fill(Path directory, int count) throws IOException {
        FilePolicyStore store = new FilePolicyStore(directory);
        List<CachedPolicy> policies = IntStream.range(0, count).mapToObj(FilePolicyStoreSnapshotTest::policy)
            .collect(Collectors.toList());
        policies.forEach(store::put);
        return policies;
    }

    private static Path snapshotOf(Path directory) {
        return directory.resolve("snapshot").resolve("policies");
    }

    private static CachedPolicy policy(int i) {
        return policy(i, "id" + i, "");
    }

    private static CachedPolicy policy(int i, String id, String extraLines) {
        String domain = String.format(Locale.ROOT, "d%04d.example.com", i);
        String text = "version: STSv1\nmode: enforce\nmx: mx." + domain + "\n" + extraLines + "max_age: 86400\n";
        try {
            return new CachedPolicy(domain, id, PolicyParser.parse(text), text, NOW, NOW.plusSeconds(86400));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
