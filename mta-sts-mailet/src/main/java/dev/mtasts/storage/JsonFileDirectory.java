package dev.mtasts.storage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * A directory of JSON files that outlives restarts: the persistence under the embedded stores.
 *
 * <p>Writes are atomic (a temporary file forced to disk, then moved into place; leftovers of a crash are deleted on
 * open). A file that cannot be read back — larger than the cap, not JSON, not of the expected shape, or rejected by
 * the caller's conversion — is logged, moved into {@code set-aside/} and treated as absent: a bad file never stops
 * mail.
 */
public final class JsonFileDirectory {

    private static final Logger LOGGER = LoggerFactory.getLogger(JsonFileDirectory.class);
    private static final String TEMPORARY_SUFFIX = ".tmp";
    private static final String SET_ASIDE_DIRECTORY = "set-aside";

    private final Path directory;
    private final String storeName;
    private final long maxFileBytes;
    private final ObjectMapper json = new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
        .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /**
     * Opens (creating if needed) {@code directory}.
     *
     * @param storeName    how log lines name the store, e.g. {@code MTA-STS policy store}
     * @param maxFileBytes files larger than this are set aside unread
     */
    public JsonFileDirectory(Path directory, String storeName, long maxFileBytes) throws IOException {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.maxFileBytes = maxFileBytes;
        Files.createDirectories(directory);
        deleteLeftoverTemporaryFiles();
    }

    /** Turns what a file held into the caller's value, or rejects it. */
    @FunctionalInterface
    public interface Conversion<J, T> {
        T convert(J stored) throws UnusableFile;
    }

    /** A file whose content cannot be trusted; it is set aside. */
    public static final class UnusableFile extends Exception {
        private static final long serialVersionUID = 1L;

        public UnusableFile(String message) {
            super(message);
        }
    }

    public Path directory() {
        return directory;
    }

    public Path resolve(String fileName) {
        return directory.resolve(fileName);
    }

    /** Reads {@code file} as {@code type} and converts it; empty when absent or unusable (then set aside). */
    public <J, T> Optional<T> read(Path file, Class<J> type, Conversion<J, T> conversion) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            if (Files.size(file) > maxFileBytes) {
                throw new UnusableFile("larger than " + maxFileBytes + " bytes");
            }
            return Optional.of(conversion.convert(json.readValue(Files.readAllBytes(file), type)));
        } catch (UnusableFile | JsonProcessingException e) {
            setAside(file, e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            LOGGER.error("{}: {} could not be read", storeName, file, e);
            return Optional.empty();
        }
    }

    /**
     * Replaces {@code target} with {@code content} as JSON, atomically (see {@link #writeDurably}). Failures are
     * logged, never thrown: for stores that can lose a write (a cache, counts).
     */
    public void write(Path target, Object content) {
        try {
            writeDurably(target, content);
        } catch (IOException e) {
            LOGGER.error("{}: {} could not be written", storeName, target, e);
        }
    }

    /**
     * Replaces {@code target} with {@code content} as JSON, atomically and durably: the temporary file is forced to
     * disk before it is moved into place, so that after a crash {@code target} holds either the old or the new
     * content, whole.
     *
     * @throws IOException when it could not be written; {@code target} is then unchanged
     */
    public void writeDurably(Path target, Object content) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + "." + Thread.currentThread().getId()
            + TEMPORARY_SUFFIX);
        try {
            byte[] bytes = json.writeValueAsBytes(content);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw e;
        }
        forceDirectory();
    }

    /** Makes the move itself durable where the platform allows (not on Windows); best effort. */
    private void forceDirectory() {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            LOGGER.debug("{}: could not force {} to disk", storeName, directory, e);
        }
    }

    public void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOGGER.error("{}: {} could not be deleted", storeName, file, e);
        }
    }

    /** Moves an unusable file into {@code set-aside/}, with a warning naming the reason. */
    public void setAside(Path file, String reason) {
        Path setAside = directory.resolve(SET_ASIDE_DIRECTORY);
        Path target = setAside.resolve(file.getFileName() + "." + System.currentTimeMillis());
        LOGGER.warn("{}: {} is unusable ({}); moved to {}", storeName, file, reason, target);
        try {
            Files.createDirectories(setAside);
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOGGER.error("{}: could not move {} aside", storeName, file, e);
        }
    }

    private void deleteLeftoverTemporaryFiles() throws IOException {
        // No glob: it would match a regular expression against each of maybe 100,000 names.
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                if (file.getFileName().toString().endsWith(TEMPORARY_SUFFIX)) {
                    deleteQuietly(file);
                }
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOGGER.debug("could not delete {}", file, e);
        }
    }
}
