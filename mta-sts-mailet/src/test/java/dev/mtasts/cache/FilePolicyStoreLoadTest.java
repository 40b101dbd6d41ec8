package dev.mtasts.cache;

import dev.mtasts.policy.PolicyParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A store large enough to be loaded by several threads gives the same answer as one read file by file. */
class FilePolicyStoreLoadTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aLargeStoreLoadsEveryGoodFileSortedAndSetsTheBadOnesAside(@TempDir Path directory) throws Exception {
        FilePolicyStore store = new FilePolicyStore(directory);
        IntStream.range(0, 1_050).parallel().forEach(i -> store.put(policy(i)));
        Files.writeString(directory.resolve("d0007.example.com.json"), "{ not json");
        Files.writeString(directory.resolve("NOT A DOMAIN.json"), "{}");

        List<CachedPolicy> loaded = new FilePolicyStore(directory).all();

        assertThat(loaded).hasSize(1_049);
        assertThat(loaded).isSortedAccordingTo(java.util.Comparator.comparing(CachedPolicy::domain));
        assertThat(loaded).doesNotContain(policy(7)).contains(policy(0), policy(1_049));
        assertThat(directory.resolve("d0007.example.com.json")).doesNotExist();
        assertThat(directory.resolve("NOT A DOMAIN.json")).doesNotExist();
    }

    @ParameterizedTest(name = "\"{0}\" storable: {1}")
    @CsvSource(delimiter = '|', value = {
        "example.com|true", "a|true", "_mta-sts.example.com|true", "x-1.a-.b_c|true", "a.-b|true",
        "''|false", "-a.com|false", "a..com|false", "a.com.|false", ".a.com|false", "Example.com|false",
        "a/b.com|false", "..|false", "a b|false", "ex\u00e4mple.com|false", "xn--bcher-kva.example|true"})
    void aStorableNameIsWhatTheServiceNormalisesADomainTo(String name, boolean storable) {
        assertThat(FilePolicyStore.isStorable(name)).isEqualTo(storable);
    }

    @Test
    void labelsOfUpTo63CharactersAreStorable() {
        String label63 = "a".repeat(63);
        assertThat(FilePolicyStore.isStorable(label63 + "." + label63)).isTrue();
        assertThat(FilePolicyStore.isStorable("a" + label63 + ".com")).isFalse();
        assertThat(FilePolicyStore.isStorable("com." + label63 + "a")).isFalse();
    }

    private static CachedPolicy policy(int i) {
        String domain = String.format(Locale.ROOT, "d%04d.example.com", i);
        String text = "version: STSv1\nmode: enforce\nmx: mx." + domain + "\nmax_age: 86400\n";
        try {
            return new CachedPolicy(domain, "id" + i, PolicyParser.parse(text), text, NOW, NOW.plusSeconds(86400));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
