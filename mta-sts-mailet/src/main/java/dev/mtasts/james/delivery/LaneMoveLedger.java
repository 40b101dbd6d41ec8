package dev.mtasts.james.delivery;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps a lane move from leaving two deliverable copies of one message after a crash. A move enqueues a copy in the
 * other lane's queue, then acknowledges the original; a crash between the two leaves both queued, and a durable
 * queue hands both out after the restart. So each move is written down first:
 * <ol>
 *     <li>{@link #begin}: the copy is marked with an id of its own and the key of its original (mail attributes),
 *     and the move is recorded as <em>pending</em>, before the copy is enqueued;</li>
 *     <li>{@link Move#copied()}: once the copy is enqueued, the move is recorded as <em>copied</em>;</li>
 *     <li>{@link Move#acknowledged()}: once the original is acknowledged, the record is deleted.</li>
 * </ol>
 * Every message a lane's queue hands out is then {@linkplain #admit admitted} or dropped: an original whose move was
 * copied is dropped (its copy is queued); for a move still pending (the crash came before the enqueue returned, so
 * the copy may or may not exist), the first of the two to come out of a queue wins and the other is dropped when it
 * comes. Either way at most one copy is delivered and none is lost: the original is only dropped when its copy is
 * known to be queued.
 *
 * <p>Records live as small files in one directory under James' {@code var/}, written atomically; there is one per
 * move in flight, plus those a crash left, which are deleted once the other copy came out of its queue or after
 * {@link #RETENTION}. At most {@link #MAX_RECORDS} are kept: past that (a disk that cannot delete, say), moves go on
 * without a record, as James' own queue would. A record that cannot be written never stops a move or a delivery.
 */
final class LaneMoveLedger {

    /** The id of this copy of a message, set when a lane move enqueued it. */
    static final AttributeName COPY_ID = AttributeName.of("dev.mtasts.laneMove.copyId");
    /** The key of the message this copy was moved from. */
    static final AttributeName MOVED_FROM = AttributeName.of("dev.mtasts.laneMove.from");

    /** How long a record a crash left waits for the other copy to come out of its queue. */
    static final Duration RETENTION = Duration.ofDays(7);
    static final int MAX_RECORDS = 10_000;

    private static final Logger LOGGER = LoggerFactory.getLogger(LaneMoveLedger.class);
    private static final String MOVE_PREFIX = "move-";
    private static final String DROP_PREFIX = "drop-";

    private enum State { PENDING, COPIED }

    private static final class Record {
        final String copyId;
        final State state;

        Record(String copyId, State state) {
            this.copyId = copyId;
            this.state = state;
        }
    }

    private final Path directory;
    private final Clock clock;
    private final Map<String, Record> moves = new HashMap<>();
    private final Set<String> droppedCopies = new HashSet<>();

    private LaneMoveLedger(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** The ledger kept in {@code directory}: reads what a crash left there, deleting records past the retention. */
    static LaneMoveLedger open(Path directory, Clock clock) {
        LaneMoveLedger ledger = new LaneMoveLedger(Objects.requireNonNull(directory, "directory"),
            Objects.requireNonNull(clock, "clock"));
        ledger.load();
        return ledger;
    }

    private void load() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            LOGGER.warn("MTA-STS: cannot create {}; lane moves go on without a record", directory, e);
            return;
        }
        Instant oldest = clock.instant().minus(RETENTION);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.startsWith(MOVE_PREFIX) && !name.startsWith(DROP_PREFIX)) {
                    Files.deleteIfExists(file); // a temporary file a crash left
                } else if (Files.getLastModifiedTime(file).toInstant().isBefore(oldest)) {
                    Files.deleteIfExists(file);
                } else if (name.startsWith(DROP_PREFIX)) {
                    droppedCopies.add(name.substring(DROP_PREFIX.length()));
                } else {
                    readMove(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("MTA-STS: cannot read all lane-move records in {}", directory, e);
        }
        if (!moves.isEmpty() || !droppedCopies.isEmpty()) {
            LOGGER.info("MTA-STS: {} lane moves and {} copies to drop left from before the restart, in {}",
                moves.size(), droppedCopies.size(), directory);
        }
    }

    private void readMove(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() == 3) {
            try {
                moves.put(lines.get(0), new Record(lines.get(1), State.valueOf(lines.get(2))));
                return;
            } catch (IllegalArgumentException e) {
                // not one of ours: deleted below
            }
        }
        LOGGER.warn("MTA-STS: ignoring the malformed lane-move record {}", file);
        Files.deleteIfExists(file);
    }

    /**
     * Before {@code mail} is enqueued in another lane's queue: marks it as a new copy of what came out of
     * {@code queueName}, and records the move.
     */
    synchronized Move begin(Mail mail, String queueName) {
        String original = keyOf(mail, queueName);
        String copyId = UUID.randomUUID().toString();
        // An earlier move of the same message still pending: its copy, should it exist, must not be delivered next to
        // this one. (A copied one is never dropped: that copy may be the one being delivered.)
        Record previous = moves.get(original);
        if (previous != null && previous.state == State.PENDING) {
            if (!write(drop(previous.copyId), "")) {
                return Move.UNRECORDED;
            }
            droppedCopies.add(previous.copyId);
        }
        Optional<Attribute> previousCopyId = mail.getAttribute(COPY_ID);
        Optional<Attribute> previousFrom = mail.getAttribute(MOVED_FROM);
        mail.setAttribute(new Attribute(COPY_ID, AttributeValue.of(copyId)));
        mail.setAttribute(new Attribute(MOVED_FROM, AttributeValue.of(original)));
        if (moves.size() + droppedCopies.size() >= MAX_RECORDS || !writeMove(original, copyId, State.PENDING)) {
            moves.remove(original);
            delete(move(original));
            return Move.UNRECORDED;
        }
        moves.put(original, new Record(copyId, State.PENDING));
        return new Recorded(mail, original, copyId, previousCopyId, previousFrom);
    }

    /**
     * Whether a message that {@code queueName} just handed out is to be delivered; {@code false} for the surplus
     * copy of a move a crash interrupted, which the caller acknowledges without delivering.
     */
    synchronized boolean admit(Mail mail, String queueName) {
        Optional<String> copyId = stringAttribute(mail, COPY_ID);
        if (copyId.isPresent() && droppedCopies.remove(copyId.get())) {
            LOGGER.warn("MTA-STS: dropping {} from {}: it is the copy of an interrupted lane move whose original"
                + " is delivered instead", mail.getName(), queueName);
            delete(drop(copyId.get()));
            return false;
        }
        String key = keyOf(mail, queueName);
        Record asOriginal = moves.get(key);
        if (asOriginal != null) {
            moves.remove(key);
            if (asOriginal.state == State.COPIED) {
                delete(move(key));
                LOGGER.warn("MTA-STS: dropping {} from {}: it was moved to another lane before a restart, and"
                    + " that copy is queued", mail.getName(), queueName);
                return false;
            }
            // Pending: the copy may exist. The original goes on; the copy is dropped if it comes.
            droppedCopies.add(asOriginal.copyId);
            write(drop(asOriginal.copyId), "");
            delete(move(key));
            return true;
        }
        Optional<String> from = stringAttribute(mail, MOVED_FROM);
        if (copyId.isPresent() && from.isPresent()) {
            Record move = moves.get(from.get());
            if (move != null && move.copyId.equals(copyId.get()) && move.state == State.PENDING) {
                // The copy came out first: it goes on, and the original is dropped when it comes.
                moves.put(from.get(), new Record(move.copyId, State.COPIED));
                writeMove(from.get(), move.copyId, State.COPIED);
            }
        }
        return true;
    }

    private synchronized void copied(String original, String copyId) {
        Record move = moves.get(original);
        if (move != null && move.copyId.equals(copyId)) {
            moves.put(original, new Record(copyId, State.COPIED));
            writeMove(original, copyId, State.COPIED);
        }
    }

    private synchronized void forget(String original, String copyId) {
        Record move = moves.get(original);
        if (move != null && move.copyId.equals(copyId)) {
            moves.remove(original);
            delete(move(original));
        }
    }

    // The enqueue failed, but may have left the copy behind: should it ever come out of a queue, it is dropped.
    private synchronized void abandon(String original, String copyId) {
        if (write(drop(copyId), "")) {
            droppedCopies.add(copyId);
        }
        forget(original, copyId);
    }

    /** How many records (moves in flight and copies to drop) the ledger holds. */
    synchronized int size() {
        return moves.size() + droppedCopies.size();
    }

    /** A message is known by the id of its copy if a move made it, else by its queue and name. */
    private static String keyOf(Mail mail, String queueName) {
        return stringAttribute(mail, COPY_ID).orElse(queueName + "/" + mail.getName());
    }

    private static Optional<String> stringAttribute(Mail mail, AttributeName name) {
        return mail.getAttribute(name).map(attribute -> attribute.getValue().value())
            .filter(String.class::isInstance).map(String.class::cast);
    }

    private Path move(String original) {
        return directory.resolve(MOVE_PREFIX + sha256(original));
    }

    private Path drop(String copyId) {
        return directory.resolve(DROP_PREFIX + UUID.fromString(copyId));
    }

    private boolean writeMove(String original, String copyId, State state) {
        return write(move(original), original + "\n" + copyId + "\n" + state.name() + "\n");
    }

    private boolean write(Path file, String text) {
        Path temporary = directory.resolve("." + file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        } catch (IOException e) {
            LOGGER.warn("MTA-STS: cannot write the lane-move record {}", file, e);
            return false;
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            LOGGER.warn("MTA-STS: cannot write the lane-move record {}", file, e);
            return false;
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOGGER.warn("MTA-STS: cannot delete the lane-move record {}; it goes after {}", file, RETENTION, e);
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(digest.length * 2);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** One lane move in progress: tell the ledger how far it got. */
    interface Move {

        /** A move that could not be recorded: it goes on as James' own queue would. */
        Move UNRECORDED = new Move() {
            @Override
            public void copied() {
            }

            @Override
            public void acknowledged() {
            }

            @Override
            public void abandoned() {
            }
        };

        /** The copy is in the other lane's queue. */
        void copied();

        /** The original is acknowledged: nothing is left to drop. */
        void acknowledged();

        /** The copy could not be enqueued: the original stays where it is. */
        void abandoned();
    }

    private final class Recorded implements Move {
        private final Mail mail;
        private final String original;
        private final String copyId;
        private final Optional<Attribute> previousCopyId;
        private final Optional<Attribute> previousFrom;

        Recorded(Mail mail, String original, String copyId, Optional<Attribute> previousCopyId,
                 Optional<Attribute> previousFrom) {
            this.mail = mail;
            this.original = original;
            this.copyId = copyId;
            this.previousCopyId = previousCopyId;
            this.previousFrom = previousFrom;
        }

        @Override
        public void copied() {
            LaneMoveLedger.this.copied(original, copyId);
        }

        @Override
        public void acknowledged() {
            forget(original, copyId);
        }

        @Override
        public void abandoned() {
            // The message stays in its queue as it was: a queue that keeps the object must not see the copy's marks.
            restore(COPY_ID, previousCopyId);
            restore(MOVED_FROM, previousFrom);
            abandon(original, copyId);
        }

        private void restore(AttributeName name, Optional<Attribute> previous) {
            if (previous.isPresent()) {
                mail.setAttribute(previous.get());
            } else {
                mail.removeAttribute(name);
            }
        }
    }
}
