package dev.mtasts.cache;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtasts.policy.Policy;
import dev.mtasts.policy.PolicyParser;
import dev.mtasts.policy.PolicySyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The embedded default store: one JSON file per domain in a directory, so cached policies survive a restart
 * (RFC 8461 §3.3 asks senders to keep policies for {@code max_age}).
 *
 * <p>Writes are atomic (a temporary file moved into place). A file that cannot be read back — corrupted, foreign,
 * or for another domain than its name says — is logged, moved into {@code set-aside/} and ignored: a bad file never
 * stops mail. The policy text is parsed again on load, so the parser stays the one judge of what a policy is.
 */
public final class FilePolicyStore implements PolicyStore {

    private static final Logger LOGGER = LoggerFactory.getLogger(FilePolicyStore.class);
    private static final String SUFFIX = ".json";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    private static final String SET_ASIDE_DIRECTORY = "set-aside";
    private static final int FORMAT = 1;
    private static final long MAX_FILE_BYTES = 256 * 1024;
    // A domain name as the service normalises it: LDH labels, lower case, dots; this also keeps names path-safe.
    private static final Pattern DOMAIN_FILE_NAME = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,62})(\\.[a-z0-9_-]{1,63})*");

    private final Path directory;
    private final ObjectMapper json = new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** Opens (creating if needed) the store in {@code directory}. */
    public FilePolicyStore(Path directory) throws IOException {
        this.directory = Objects.requireNonNull(directory, "directory");
        Files.createDirectories(directory);
        deleteLeftoverTemporaryFiles();
    }

    public Path directory() {
        return directory;
    }

    @Override
    public Optional<CachedPolicy> get(String domain) {
        if (!DOMAIN_FILE_NAME.matcher(domain).matches()) {
            return Optional.empty();
        }
        Path file = fileOf(domain);
        return Files.exists(file) ? read(file) : Optional.empty();
    }

    @Override
    public void put(CachedPolicy policy) {
        if (!DOMAIN_FILE_NAME.matcher(policy.domain()).matches()) {
            LOGGER.warn("MTA-STS policy for '{}' not persisted: not a storable domain name", policy.domain());
            return;
        }
        StoredPolicy stored = new StoredPolicy(FORMAT, policy.domain(), policy.id(), policy.text(),
            policy.fetchedAt().toString(), policy.expiresAt().toString());
        Path target = fileOf(policy.domain());
        Path temporary = directory.resolve(policy.domain() + SUFFIX + "." + Thread.currentThread().getId()
            + TEMPORARY_SUFFIX);
        try {
            Files.write(temporary, json.writeValueAsBytes(stored));
            moveAtomically(temporary, target);
        } catch (IOException e) {
            LOGGER.error("MTA-STS policy for {} could not be persisted to {}", policy.domain(), target, e);
            deleteQuietly(temporary);
        }
    }

    @Override
    public void remove(String domain) {
        if (!DOMAIN_FILE_NAME.matcher(domain).matches()) {
            return;
        }
        try {
            Files.deleteIfExists(fileOf(domain));
        } catch (IOException e) {
            LOGGER.error("MTA-STS cached policy file for {} could not be deleted", domain, e);
        }
    }

    @Override
    public List<CachedPolicy> all() {
        List<CachedPolicy> policies = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                if (Files.isDirectory(file)) {
                    continue;
                }
                String name = file.getFileName().toString();
                if (!name.endsWith(SUFFIX)) {
                    setAside(file, "not a policy file");
                    continue;
                }
                read(file).ifPresent(policies::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list MTA-STS policy store " + directory, e);
        }
        policies.sort(Comparator.comparing(CachedPolicy::domain));
        return policies;
    }

    private Optional<CachedPolicy> read(Path file) {
        String name = file.getFileName().toString();
        String domain = name.substring(0, name.length() - SUFFIX.length());
        try {
            if (!DOMAIN_FILE_NAME.matcher(domain).matches()) {
                throw new InvalidStoreFile("file name is not a domain name");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new InvalidStoreFile("larger than " + MAX_FILE_BYTES + " bytes");
            }
            StoredPolicy stored = json.readValue(Files.readAllBytes(file), StoredPolicy.class);
            return Optional.of(stored.toCachedPolicy(domain));
        } catch (InvalidStoreFile | JsonProcessingException e) {
            setAside(file, e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            LOGGER.error("MTA-STS cached policy file {} could not be read", file, e);
            return Optional.empty();
        }
    }

    private void setAside(Path file, String reason) {
        Path setAside = directory.resolve(SET_ASIDE_DIRECTORY);
        Path target = setAside.resolve(file.getFileName() + "." + System.currentTimeMillis());
        LOGGER.warn("MTA-STS policy store: {} is unusable ({}); moved to {}", file, reason, target);
        try {
            Files.createDirectories(setAside);
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOGGER.error("MTA-STS policy store: could not move {} aside", file, e);
        }
    }

    private void deleteLeftoverTemporaryFiles() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + TEMPORARY_SUFFIX)) {
            for (Path file : files) {
                deleteQuietly(file);
            }
        }
    }

    private Path fileOf(String domain) {
        return directory.resolve(domain + SUFFIX);
    }

    private static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOGGER.debug("could not delete {}", file, e);
        }
    }

    /** A stored file that cannot be trusted; it is set aside. */
    private static final class InvalidStoreFile extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidStoreFile(String message) {
            super(message);
        }
    }

    /** The file format, version {@value #FORMAT}. */
    private record StoredPolicy(@JsonProperty("format") int format,
                                @JsonProperty("domain") String domain,
                                @JsonProperty("id") String id,
                                @JsonProperty("text") String text,
                                @JsonProperty("fetchedAt") String fetchedAt,
                                @JsonProperty("expiresAt") String expiresAt) {

        CachedPolicy toCachedPolicy(String fileDomain) throws InvalidStoreFile {
            if (format != FORMAT) {
                throw new InvalidStoreFile("unknown format " + format);
            }
            if (!fileDomain.equals(domain)) {
                throw new InvalidStoreFile("holds domain '" + domain + "', not '" + fileDomain + "'");
            }
            if (id == null || text == null || fetchedAt == null || expiresAt == null) {
                throw new InvalidStoreFile("a field is missing");
            }
            try {
                Policy policy = PolicyParser.parse(text);
                return new CachedPolicy(domain, id, policy, text, Instant.parse(fetchedAt), Instant.parse(expiresAt));
            } catch (PolicySyntaxException e) {
                throw new InvalidStoreFile("policy text does not parse: " + e.getMessage());
            } catch (DateTimeParseException e) {
                throw new InvalidStoreFile("bad timestamp: " + e.getMessage());
            }
        }
    }
}
