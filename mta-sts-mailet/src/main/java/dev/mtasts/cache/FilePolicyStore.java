package dev.mtasts.cache;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mtasts.policy.Policy;
import dev.mtasts.policy.PolicyParser;
import dev.mtasts.policy.PolicySyntaxException;
import dev.mtasts.storage.JsonFileDirectory;
import dev.mtasts.storage.JsonFileDirectory.UnusableFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.regex.Pattern;

/**
 * The embedded default store: one JSON file per domain in a directory, so cached policies survive a restart
 * (RFC 8461 §3.3 asks senders to keep policies for {@code max_age}).
 *
 * <p>Writes are atomic; a file that cannot be read back — corrupted, foreign, or for another domain than its name
 * says — is logged, set aside and ignored (see {@link JsonFileDirectory}). The policy text is parsed again on load,
 * so the parser stays the one judge of what a policy is.
 */
public final class FilePolicyStore implements PolicyStore {

    private static final Logger LOGGER = LoggerFactory.getLogger(FilePolicyStore.class);
    private static final String SUFFIX = ".json";
    private static final int FORMAT = 1;
    private static final long MAX_FILE_BYTES = 256 * 1024;
    /** From how many files on the store is read by {@value #LOAD_THREADS} threads. */
    private static final int PARALLEL_LOAD_FROM = 1_000;
    private static final int LOAD_THREADS = 4;
    // A domain name as the service normalises it: LDH labels, lower case, dots; this also keeps names path-safe.
    private static final Pattern DOMAIN_FILE_NAME = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,62})(\\.[a-z0-9_-]{1,63})*");

    private final JsonFileDirectory files;

    /** Opens (creating if needed) the store in {@code directory}. */
    public FilePolicyStore(Path directory) throws IOException {
        this.files = new JsonFileDirectory(directory, "MTA-STS policy store", MAX_FILE_BYTES);
    }

    public Path directory() {
        return files.directory();
    }

    @Override
    public Optional<CachedPolicy> get(String domain) {
        return isStorable(domain) ? read(fileOf(domain), domain) : Optional.empty();
    }

    @Override
    public void put(CachedPolicy policy) {
        if (!isStorable(policy.domain())) {
            LOGGER.warn("MTA-STS policy for '{}' not persisted: not a storable domain name", policy.domain());
            return;
        }
        files.write(fileOf(policy.domain()), new StoredPolicy(FORMAT, policy.domain(), policy.id(), policy.text(),
            policy.fetchedAt().toString(), policy.expiresAt().toString()));
    }

    @Override
    public void remove(String domain) {
        if (isStorable(domain)) {
            files.delete(fileOf(domain));
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reading a file is mostly waiting for the file system, so a large store (James' start-up) is read by a few
     * threads at once, which end before this returns.
     */
    @Override
    public List<CachedPolicy> all() {
        List<Path> policyFiles = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(files.directory())) {
            for (Path file : entries) {
                String name = file.getFileName().toString();
                String domain = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : "";
                if (domain.isEmpty() && Files.isDirectory(file)) {
                    continue; // set-aside/, or anything else that is not a policy file
                }
                if (!isStorable(domain)) {
                    files.setAside(file, "not a policy file");
                    continue;
                }
                policyFiles.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list MTA-STS policy store " + files.directory(), e);
        }
        List<CachedPolicy> policies = new ArrayList<>(readAll(policyFiles));
        policies.sort(Comparator.comparing(CachedPolicy::domain));
        return policies;
    }

    private List<CachedPolicy> readAll(List<Path> policyFiles) {
        if (policyFiles.size() < PARALLEL_LOAD_FROM) {
            return read(policyFiles.stream());
        }
        // A parallel stream started inside a fork-join pool runs on that pool's threads.
        ForkJoinPool readers = new ForkJoinPool(LOAD_THREADS);
        try {
            return readers.submit(() -> read(policyFiles.parallelStream())).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the MTA-STS policy store", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
                : new IllegalStateException("cannot load the MTA-STS policy store " + files.directory(), e.getCause());
        } finally {
            readers.shutdown();
        }
    }

    private List<CachedPolicy> read(Stream<Path> policyFiles) {
        return policyFiles
            .map(file -> read(file, domainOf(file)))
            .flatMap(Optional::stream)
            .collect(Collectors.toList());
    }

    private static String domainOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - SUFFIX.length());
    }

    private Optional<CachedPolicy> read(Path file, String domain) {
        return files.read(file, StoredPolicy.class, stored -> stored.toCachedPolicy(domain));
    }

    private static boolean isStorable(String domain) {
        return DOMAIN_FILE_NAME.matcher(domain).matches();
    }

    private Path fileOf(String domain) {
        return files.resolve(domain + SUFFIX);
    }

    /** The file format, version {@value #FORMAT}. */
    private static final class StoredPolicy {
        // Jackson writes the annotated fields and reads a file back through the annotated constructor.
        @JsonProperty("format") private final int format;
        @JsonProperty("domain") private final String domain;
        @JsonProperty("id") private final String id;
        @JsonProperty("text") private final String text;
        @JsonProperty("fetchedAt") private final String fetchedAt;
        @JsonProperty("expiresAt") private final String expiresAt;

        @JsonCreator
        StoredPolicy(@JsonProperty("format") int format,
                     @JsonProperty("domain") String domain,
                     @JsonProperty("id") String id,
                     @JsonProperty("text") String text,
                     @JsonProperty("fetchedAt") String fetchedAt,
                     @JsonProperty("expiresAt") String expiresAt) {
            this.format = format;
            this.domain = domain;
            this.id = id;
            this.text = text;
            this.fetchedAt = fetchedAt;
            this.expiresAt = expiresAt;
        }

        CachedPolicy toCachedPolicy(String fileDomain) throws UnusableFile {
            if (format != FORMAT) {
                throw new UnusableFile("unknown format " + format);
            }
            if (!fileDomain.equals(domain)) {
                throw new UnusableFile("holds domain '" + domain + "', not '" + fileDomain + "'");
            }
            if (id == null || text == null || fetchedAt == null || expiresAt == null) {
                throw new UnusableFile("a field is missing");
            }
            try {
                Policy policy = PolicyParser.parse(text);
                return new CachedPolicy(domain, id, policy, text, Instant.parse(fetchedAt), Instant.parse(expiresAt));
            } catch (PolicySyntaxException e) {
                throw new UnusableFile("policy text does not parse: " + e.getMessage());
            } catch (DateTimeParseException e) {
                throw new UnusableFile("bad timestamp: " + e.getMessage());
            }
        }
    }
}
