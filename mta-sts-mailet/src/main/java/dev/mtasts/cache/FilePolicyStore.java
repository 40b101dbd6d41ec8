package dev.mtasts.cache;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
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
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The embedded default store: one JSON file per domain in a directory, so cached policies survive a restart
 * (RFC 8461 §3.3 asks senders to keep policies for {@code max_age}).
 *
 * <p>Writes are atomic; a file that cannot be read back — corrupted, foreign, or for another domain than its name
 * says — is logged, set aside and ignored (see {@link JsonFileDirectory}). The policy text is parsed again on load,
 * so the parser stays the one judge of what a policy is.
 *
 * <p>A large store would be slow to load file by file, so {@link #all()} also keeps {@code snapshot/policies}, one
 * file with a copy of every policy file ({@link PolicySnapshot}); a copy is used only while its file has not been
 * replaced or removed since, so the policy files remain what counts. The snapshot is rewritten when a load finds it
 * {@linkplain #STALE_SHARE outdated} and by {@link #checkpoint()}. A store of an older version (no snapshot) loads
 * file by file once.
 */
public final class FilePolicyStore implements PolicyStore {

    private static final Logger LOGGER = LoggerFactory.getLogger(FilePolicyStore.class);
    private static final String SUFFIX = ".json";
    private static final int FORMAT = 1;
    private static final long MAX_FILE_BYTES = 256 * 1024;
    /** From how many files on the store is read by {@value #LOAD_THREADS} threads. */
    private static final int PARALLEL_LOAD_FROM = 1_000;
    private static final int LOAD_THREADS = 4;
    /** The snapshot is rewritten once one policy in this many was changed, removed or added since it was written. */
    static final int STALE_SHARE = 8;
    private static final String SNAPSHOT_DIRECTORY = "snapshot";
    private static final String SNAPSHOT_FILE = "policies";
    private static final int MAX_LABEL_LENGTH = 63;

    private final JsonFileDirectory files;
    private final Path snapshot;
    private final Object snapshotLock = new Object();
    /** Policy files written or removed since the snapshot was last written or found current. */
    private final AtomicInteger changesSinceSnapshot = new AtomicInteger();
    private volatile int snapshotSize;

    /** Opens (creating if needed) the store in {@code directory}. */
    public FilePolicyStore(Path directory) throws IOException {
        this.files = new JsonFileDirectory(directory, "MTA-STS policy store", MAX_FILE_BYTES);
        Path snapshotDirectory = directory.resolve(SNAPSHOT_DIRECTORY);
        Files.createDirectories(snapshotDirectory);
        this.snapshot = snapshotDirectory.resolve(SNAPSHOT_FILE);
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
        changesSinceSnapshot.incrementAndGet();
    }

    @Override
    public void remove(String domain) {
        if (isStorable(domain)) {
            files.delete(fileOf(domain));
            changesSinceSnapshot.incrementAndGet();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Each policy file still copied in the snapshot costs one {@code stat}; any other is read. Reading a file is
     * mostly waiting for the file system, so a large store (James' start-up) is read by a few threads at once, which
     * end before this returns.
     */
    @Override
    public List<CachedPolicy> all() {
        synchronized (snapshotLock) {
            Scan scan = scan(true);
            changesSinceSnapshot.set(scan.snapshotOutdated() && writeSnapshot(scan.entries()) ? 0 : scan.stale);
            List<CachedPolicy> policies = new ArrayList<>(scan.loaded.size());
            scan.loaded.forEach(loaded -> policies.add(loaded.policy)); // by domain already
            return policies;
        }
    }

    /**
     * Rewrites the snapshot if one policy in {@value #STALE_SHARE} changed since it was written, so that the next
     * start need not read them file by file; returns whether it did. Meant for a background thread: it reads the
     * changed files.
     */
    @Override
    public boolean checkpoint() {
        if (changesSinceSnapshot.get() * (long) STALE_SHARE < Math.max(1, snapshotSize)) {
            return false;
        }
        synchronized (snapshotLock) {
            Scan scan = scan(false);
            boolean written = scan.snapshotOutdated() && writeSnapshot(scan.entries());
            changesSinceSnapshot.set(written ? 0 : scan.stale);
            return written;
        }
    }

    /** What a look at the store found: every usable policy file, and how many were not copied in the snapshot. */
    private final class Scan {
        final List<Loaded> loaded;
        final int copies;
        final int stale;
        final boolean snapshotUsable;

        Scan(List<Loaded> loaded, int copies, boolean snapshotUsable) {
            this.loaded = loaded;
            this.copies = copies;
            int fromFiles = 0;
            int withCopy = 0;
            for (Loaded each : loaded) {
                fromFiles += each.fromSnapshot ? 0 : 1;
                withCopy += each.hadCopy ? 1 : 0;
            }
            // policies read from their own file, and copies whose file is gone
            this.stale = fromFiles + (copies - withCopy);
            this.snapshotUsable = snapshotUsable;
        }

        boolean snapshotOutdated() {
            if (!snapshotUsable) {
                return !loaded.isEmpty() || copies > 0;
            }
            return stale > 0 && stale * (long) STALE_SHARE >= Math.max(1, loaded.size());
        }

        List<PolicySnapshot.Entry> entries() {
            List<PolicySnapshot.Entry> entries = new ArrayList<>(loaded.size());
            loaded.forEach(each -> entries.add(each.entry));
            return entries;
        }
    }

    /** One policy file, loaded: its stored fields with the file's identity, and (when asked for) the policy. */
    private static final class Loaded {
        final PolicySnapshot.Entry entry;
        final CachedPolicy policy;
        final boolean fromSnapshot;
        /** Whether the snapshot had a copy of the domain's file, current or not. */
        final boolean hadCopy;

        Loaded(PolicySnapshot.Entry entry, CachedPolicy policy, boolean fromSnapshot, boolean hadCopy) {
            this.entry = entry;
            this.policy = policy;
            this.fromSnapshot = fromSnapshot;
            this.hadCopy = hadCopy;
        }
    }

    private Scan scan(boolean parseCopies) {
        boolean[] usable = {true};
        Map<String, PolicySnapshot.Entry> copies = readSnapshot(usable);
        List<String> domains = listPolicyDomains();
        List<Loaded> loaded = inParallel(domains, domain -> load(domain, copies, parseCopies));
        snapshotSize = loaded.size();
        return new Scan(loaded, copies.size(), usable[0]);
    }

    private Map<String, PolicySnapshot.Entry> readSnapshot(boolean[] usable) {
        Map<String, PolicySnapshot.Entry> copies = new HashMap<>();
        if (!Files.exists(snapshot)) {
            usable[0] = false;
            return copies;
        }
        try {
            for (PolicySnapshot.Entry entry : PolicySnapshot.read(snapshot)) {
                copies.put(entry.domain, entry);
            }
        } catch (PolicySnapshot.Unusable e) {
            usable[0] = false;
            copies.clear();
            files.setAside(snapshot, "policy snapshot: " + e.getMessage() + "; the policy files are read instead");
        } catch (IOException e) {
            usable[0] = false;
            copies.clear();
            LOGGER.warn("MTA-STS policy store: {} could not be read; the policy files are read instead", snapshot, e);
        }
        return copies;
    }

    private boolean writeSnapshot(List<PolicySnapshot.Entry> entries) {
        try {
            PolicySnapshot.write(snapshot, entries);
            LOGGER.info("MTA-STS policy store: snapshot of {} policies written to {}", entries.size(), snapshot);
            return true;
        } catch (IOException e) {
            LOGGER.warn("MTA-STS policy store: snapshot {} could not be written; the next start reads every file",
                snapshot, e);
            return false;
        }
    }

    /** The domains of the policy files, sorted (cheaper here, on fresh strings, than on the loaded policies). */
    private List<String> listPolicyDomains() {
        List<String> domains = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(files.directory())) {
            for (Path file : entries) {
                String name = file.getFileName().toString();
                String domain = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : "";
                if (domain.isEmpty() && Files.isDirectory(file)) {
                    continue; // set-aside/, snapshot/, or anything else that is not a policy file
                }
                if (!isStorable(domain)) {
                    files.setAside(file, "not a policy file");
                    continue;
                }
                domains.add(domain);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list MTA-STS policy store " + files.directory(), e);
        }
        domains.sort(null);
        return domains;
    }

    /**
     * One policy file: its copy in the snapshot while the file is the one copied (and, with {@code parseCopy}, the
     * copy parses), else the file itself. Null when the file is gone or unusable (then set aside).
     */
    private Loaded load(String domain, Map<String, PolicySnapshot.Entry> copies, boolean parseCopy) {
        Path file = fileOf(domain);
        PolicySnapshot.FileIdentity identity;
        try {
            identity = identityOf(file); // before reading: a file replaced meanwhile then differs next time
        } catch (NoSuchFileException e) {
            return null; // removed meanwhile
        } catch (IOException e) {
            LOGGER.error("MTA-STS policy store: {} could not be read", file, e);
            return null;
        }
        PolicySnapshot.Entry copy = copies.get(domain);
        if (copy != null && copy.file.equals(identity)) {
            if (!parseCopy) {
                return new Loaded(copy, null, true, true);
            }
            try {
                return new Loaded(copy, toCachedPolicy(domain, copy.id, copy.text,
                    Instant.ofEpochMilli(copy.fetchedAtMillis), Instant.ofEpochMilli(copy.expiresAtMillis)), true, true);
            } catch (UnusableFile e) {
                LOGGER.warn("MTA-STS policy store: the snapshot's copy of {} is unusable ({}); reading the file",
                    file, e.getMessage());
            }
        }
        boolean hadCopy = copy != null;
        return files.read(file, StoredPolicy.class, stored -> {
            CachedPolicy policy = stored.toCachedPolicy(domain);
            return new Loaded(new PolicySnapshot.Entry(domain, identity, policy.id(), stored.text,
                policy.fetchedAt().toEpochMilli(), policy.expiresAtMillis()), policy, false, hadCopy);
        }).orElse(null);
    }

    private static PolicySnapshot.FileIdentity identityOf(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Object key = attributes.fileKey(); // device and inode where the platform has them
        return new PolicySnapshot.FileIdentity(attributes.size(),
            attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), key == null ? "" : key.toString());
    }

    /** {@code work} on each domain, the results in the same order. */
    private <T> List<T> inParallel(List<String> policyFiles, Function<String, T> work) {
        if (policyFiles.size() < PARALLEL_LOAD_FROM) {
            return each(policyFiles.stream(), work);
        }
        // A parallel stream started inside a fork-join pool runs on that pool's threads.
        ForkJoinPool readers = new ForkJoinPool(LOAD_THREADS);
        try {
            return readers.submit(() -> each(policyFiles.parallelStream(), work)).get();
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

    private static <T> List<T> each(Stream<String> policyFiles, Function<String, T> work) {
        return policyFiles.map(work).filter(Objects::nonNull).collect(Collectors.toList());
    }

    private Optional<CachedPolicy> read(Path file, String domain) {
        return files.read(file, StoredPolicy.class, stored -> stored.toCachedPolicy(domain));
    }

    /**
     * A domain name as the service normalises it, which also keeps names path-safe: labels of 1 to 63 of
     * {@code [a-z0-9_-]}, the first not starting with {@code -}, joined by dots. Checked by hand, not by a regular
     * expression: a start-up checks 100,000 names.
     */
    static boolean isStorable(String domain) {
        int length = domain.length();
        if (length == 0 || domain.charAt(0) == '-') {
            return false;
        }
        int labelLength = 0;
        for (int i = 0; i < length; i++) {
            char c = domain.charAt(i);
            if (c == '.') {
                if (labelLength == 0) {
                    return false;
                }
                labelLength = 0;
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                if (++labelLength > MAX_LABEL_LENGTH) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return labelLength > 0;
    }

    private Path fileOf(String domain) {
        return files.resolve(domain + SUFFIX);
    }

    /** A stored policy, checked: the parser judges the text again. */
    private static CachedPolicy toCachedPolicy(String domain, String id, String text, Instant fetchedAt,
                                               Instant expiresAt) throws UnusableFile {
        try {
            return new CachedPolicy(domain, id, PolicyParser.parse(text), text, fetchedAt, expiresAt);
        } catch (PolicySyntaxException e) {
            throw new UnusableFile("policy text does not parse: " + e.getMessage());
        }
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
                return FilePolicyStore.toCachedPolicy(domain, id, text, Instant.parse(fetchedAt),
                    Instant.parse(expiresAt));
            } catch (DateTimeParseException e) {
                throw new UnusableFile("bad timestamp: " + e.getMessage());
            }
        }
    }
}
