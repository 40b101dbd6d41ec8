package dev.mtasts.cache;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * The one-file copy of a {@link FilePolicyStore}'s policy files, so that a large store loads at start in one read
 * instead of one per domain. The policy files stay what counts: each entry carries the {@link FileIdentity} of the
 * file it copies, and an entry is used only while that file is still the same file; any other file is read itself.
 *
 * <p>Format 1, binary, big-endian: magic, format, count, then per entry the domain, the file identity (size,
 * modification time in nanoseconds, file key), the id, the policy text, fetched and expiry time in milliseconds, each
 * string as a length and UTF-8; at the end a CRC-32 of all that precedes it. Anything else — truncated, a wrong checksum, a foreign file — is
 * {@link Unusable}, never a crash: the store then reads every policy file.
 */
final class PolicySnapshot {

    private static final int MAGIC = 0x4d545353; // "MTSS"
    private static final int FORMAT = 1;
    /** No store comes close: 100,000 policies take about 30 MB. */
    static final long MAX_BYTES = 1L << 30;

    private PolicySnapshot() {
    }

    /** A snapshot that cannot be used: it is set aside and the policy files are read instead. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }
    }

    /** Which file a copy was taken from: a file replaced since (every write is a new file) differs. */
    static final class FileIdentity {
        private final long size;
        private final long modifiedNanos;
        private final String key;

        FileIdentity(long size, long modifiedNanos, String key) {
            this.size = size;
            this.modifiedNanos = modifiedNanos;
            this.key = Objects.requireNonNull(key, "key");
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof FileIdentity)) {
                return false;
            }
            FileIdentity that = (FileIdentity) other;
            return size == that.size && modifiedNanos == that.modifiedNanos && key.equals(that.key);
        }

        @Override
        public int hashCode() {
            return Objects.hash(size, modifiedNanos, key);
        }
    }

    /** One policy file's fields as stored, with the identity of that file. */
    static final class Entry {
        final String domain;
        final FileIdentity file;
        final String id;
        final String text;
        final long fetchedAtMillis;
        final long expiresAtMillis;

        Entry(String domain, FileIdentity file, String id, String text, long fetchedAtMillis, long expiresAtMillis) {
            this.domain = Objects.requireNonNull(domain, "domain");
            this.file = Objects.requireNonNull(file, "file");
            this.id = Objects.requireNonNull(id, "id");
            this.text = Objects.requireNonNull(text, "text");
            this.fetchedAtMillis = fetchedAtMillis;
            this.expiresAtMillis = expiresAtMillis;
        }
    }

    /** Reads the snapshot in {@code file}; the caller knows it exists. */
    static List<Entry> read(Path file) throws Unusable, IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new Unusable("larger than " + MAX_BYTES + " bytes");
        }
        return decode(Files.readAllBytes(file));
    }

    static List<Entry> decode(byte[] bytes) throws Unusable {
        if (bytes.length < Long.BYTES) {
            throw new Unusable("truncated: " + bytes.length + " bytes");
        }
        int body = bytes.length - Long.BYTES;
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, body);
        if (crc.getValue() != ByteBuffer.wrap(bytes, body, Long.BYTES).getLong()) {
            throw new Unusable("checksum mismatch (truncated or damaged)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, body);
        try {
            if (in.getInt() != MAGIC) {
                throw new Unusable("not a policy snapshot");
            }
            int format = in.getInt();
            if (format != FORMAT) {
                throw new Unusable("unknown format " + format);
            }
            int count = in.getInt();
            if (count < 0 || count > body / 32) {
                throw new Unusable("impossible entry count " + count);
            }
            List<Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String domain = string(in, bytes);
                FileIdentity file = new FileIdentity(in.getLong(), in.getLong(), string(in, bytes));
                String id = string(in, bytes);
                String text = string(in, bytes);
                entries.add(new Entry(domain, file, id, text, in.getLong(), in.getLong()));
            }
            if (in.hasRemaining()) {
                throw new Unusable(in.remaining() + " bytes after the last entry");
            }
            return entries;
        } catch (BufferUnderflowException e) {
            throw new Unusable("ends inside an entry");
        }
    }

    /** A length and that many bytes of UTF-8. */
    private static String string(ByteBuffer in, byte[] bytes) throws Unusable {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new Unusable("impossible string length " + length);
        }
        String value = new String(bytes, in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }

    private static void string(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    static byte[] encode(Collection<Entry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(entries.size() * 320 + 64);
        CRC32 crc = new CRC32();
        try (DataOutputStream out = new DataOutputStream(new CheckedOutputStream(bytes, crc))) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(entries.size());
            for (Entry entry : entries) {
                string(out, entry.domain);
                out.writeLong(entry.file.size);
                out.writeLong(entry.file.modifiedNanos);
                string(out, entry.file.key);
                string(out, entry.id);
                string(out, entry.text);
                out.writeLong(entry.fetchedAtMillis);
                out.writeLong(entry.expiresAtMillis);
            }
            out.flush();
            bytes.write(ByteBuffer.allocate(Long.BYTES).putLong(crc.getValue()).array());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen with a byte array stream", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Replaces {@code target} with the snapshot of {@code entries}: a temporary file forced to disk, then moved into
     * place, so a crash leaves the old snapshot or the new one, whole.
     */
    static void write(Path target, Collection<Entry> entries) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(encode(entries));
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
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
