package dev.mtasts.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** write() never throws (the caches and counts rely on it); writeDurably() does, and leaves the old file whole. */
class JsonFileDirectoryTest {

    @TempDir
    Path directory;

    @Test
    void writeDurablyReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        JsonFileDirectory files = new JsonFileDirectory(directory, "test store", 1024);
        Path target = files.resolve("a.json");

        files.writeDurably(target, Map.of("n", 1));
        files.writeDurably(target, Map.of("n", 2));

        assertThat(Files.readString(target)).isEqualTo("{\"n\":2}");
        try (Stream<Path> all = Files.list(directory)) {
            assertThat(all).containsExactly(target);
        }
    }

    @Test
    void aFailedWriteIsThrownByWriteDurablyAndOnlyLoggedByWrite() throws IOException {
        Path storeDirectory = directory.resolve("store");
        JsonFileDirectory files = new JsonFileDirectory(storeDirectory, "test store", 1024);
        Files.delete(storeDirectory);
        Files.writeString(storeDirectory, "a file where the directory was");
        Path target = files.resolve("a.json");

        assertThatThrownBy(() -> files.writeDurably(target, Map.of("n", 1))).isInstanceOf(IOException.class);
        assertThatCode(() -> files.write(target, Map.of("n", 1))).doesNotThrowAnyException();
        assertThat(Files.readString(storeDirectory)).isEqualTo("a file where the directory was");
    }
}
