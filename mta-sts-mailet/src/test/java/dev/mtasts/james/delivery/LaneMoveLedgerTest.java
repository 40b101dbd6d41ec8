package dev.mtasts.james.delivery;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.mail.MessagingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lane move, interrupted by a crash at each step: after the restart (a new ledger on the same directory) the queues
 * hand out the original again and maybe the copy, in either order, and exactly one of them is delivered.
 */
class LaneMoveLedgerTest {

    private static final String STANDARD = "outgoing";
    private static final String ENFORCE = "outgoing-mta-sts-enforce";
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @TempDir
    Path directory;

    private LaneMoveLedger ledger(Instant now) {
        return LaneMoveLedger.open(directory, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Mail mail(String name) throws MessagingException {
        return FakeMail.builder().name(name).build();
    }

    /** What the other queue holds after the copy was enqueued: the message as it was when it was moved. */
    private static Mail copyOf(Mail moved) throws MessagingException {
        Mail copy = mail(moved.getName());
        moved.attributes().forEach(copy::setAttribute);
        return copy;
    }

    private long records() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }

    /** Where the crash came. */
    enum Crash { BEFORE_THE_COPY_WAS_ENQUEUED, AFTER_THE_COPY_WAS_ENQUEUED, AFTER_THE_COPY_WAS_RECORDED,
        AFTER_THE_ORIGINAL_WAS_ACKNOWLEDGED }

    /** Starts a move of the message named {@code name} from the standard lane; returns the copy, if enqueued. */
    private Mail moveUntil(Crash crash, String name) throws MessagingException {
        Mail inFlight = mail(name);
        LaneMoveLedger.Move move = ledger(NOW).begin(inFlight, STANDARD);
        if (crash == Crash.BEFORE_THE_COPY_WAS_ENQUEUED) {
            return null;
        }
        Mail copy = copyOf(inFlight);
        if (crash == Crash.AFTER_THE_COPY_WAS_RECORDED || crash == Crash.AFTER_THE_ORIGINAL_WAS_ACKNOWLEDGED) {
            move.copied();
        }
        if (crash == Crash.AFTER_THE_ORIGINAL_WAS_ACKNOWLEDGED) {
            move.acknowledged();
        }
        return copy;
    }

    @ParameterizedTest(name = "crash {0}, the original comes out first")
    @EnumSource(Crash.class)
    void exactlyOneCopyIsDeliveredWhenTheOriginalComesOutFirst(Crash crash) throws Exception {
        Mail copy = moveUntil(crash, "m1");
        boolean originalRedelivered = crash != Crash.AFTER_THE_ORIGINAL_WAS_ACKNOWLEDGED;

        LaneMoveLedger restarted = ledger(NOW);
        int delivered = 0;
        if (originalRedelivered && restarted.admit(mail("m1"), STANDARD)) {
            delivered++;
        }
        if (copy != null && restarted.admit(copy, ENFORCE)) {
            delivered++;
        }

        assertThat(delivered).isEqualTo(1);
        // A copy that never reached its queue leaves a tombstone, which goes after the retention.
        assertThat(restarted.size()).isEqualTo(copy == null ? 1 : 0);
        assertThat(records()).isEqualTo(copy == null ? 1 : 0);
    }

    @ParameterizedTest(name = "crash {0}, the copy comes out first")
    @EnumSource(Crash.class)
    void exactlyOneCopyIsDeliveredWhenTheCopyComesOutFirst(Crash crash) throws Exception {
        Mail copy = moveUntil(crash, "m1");
        boolean originalRedelivered = crash != Crash.AFTER_THE_ORIGINAL_WAS_ACKNOWLEDGED;

        LaneMoveLedger restarted = ledger(NOW);
        int delivered = 0;
        if (copy != null && restarted.admit(copy, ENFORCE)) {
            delivered++;
        }
        if (originalRedelivered && restarted.admit(mail("m1"), STANDARD)) {
            delivered++;
        }

        assertThat(delivered).isEqualTo(1);
        assertThat(restarted.size()).isEqualTo(copy == null ? 1 : 0);
    }

    @Test
    void aMoveThatCompletesLeavesNothingBehindAndItsCopyIsDelivered() throws Exception {
        LaneMoveLedger ledger = ledger(NOW);
        Mail inFlight = mail("m1");

        LaneMoveLedger.Move move = ledger.begin(inFlight, STANDARD);
        move.copied();
        move.acknowledged();

        assertThat(records()).isZero();
        assertThat(ledger.admit(copyOf(inFlight), ENFORCE)).isTrue();
        assertThat(inFlight.getAttribute(LaneMoveLedger.MOVED_FROM)).isPresent();
    }

    @Test
    void aCopyThatIsDeliveredAndRetriedInItsLaneStaysDeliverable() throws Exception {
        Mail copy = moveUntil(Crash.AFTER_THE_COPY_WAS_ENQUEUED, "m1");
        LaneMoveLedger restarted = ledger(NOW);

        assertThat(restarted.admit(copy, ENFORCE)).isTrue();
        assertThat(restarted.admit(copyOf(copy), ENFORCE)).as("the same copy after a retry").isTrue();
        assertThat(restarted.admit(mail("m1"), STANDARD)).as("the original").isFalse();
    }

    @Test
    void aCopyMovedOnAgainIsKnownByItsOwnId() throws Exception {
        LaneMoveLedger ledger = ledger(NOW);
        Mail first = mail("m1");
        LaneMoveLedger.Move toEnforce = ledger.begin(first, STANDARD);
        toEnforce.copied();
        toEnforce.acknowledged();
        Mail inEnforce = copyOf(first);
        assertThat(ledger.admit(inEnforce, ENFORCE)).isTrue();

        ledger.begin(inEnforce, ENFORCE); // back to the standard lane; crash before the enqueue returned
        Mail backInStandard = copyOf(inEnforce);

        LaneMoveLedger restarted = ledger(NOW);
        assertThat(restarted.admit(copyOf(first), ENFORCE)).as("the enforce copy, redelivered").isTrue();
        assertThat(restarted.admit(backInStandard, STANDARD)).as("its copy in the standard lane").isFalse();
    }

    @Test
    void aFailedEnqueueLeavesTheOriginalAsItWasAndDropsAnyCopyLeftBehind() throws Exception {
        LaneMoveLedger ledger = ledger(NOW);
        Mail inFlight = mail("m1");
        LaneMoveLedger.Move move = ledger.begin(inFlight, STANDARD);
        Mail halfWritten = copyOf(inFlight);

        move.abandoned();

        assertThat(inFlight.getAttribute(LaneMoveLedger.COPY_ID)).isEmpty();
        assertThat(inFlight.getAttribute(LaneMoveLedger.MOVED_FROM)).isEmpty();
        assertThat(ledger.admit(inFlight, STANDARD)).isTrue();
        assertThat(ledger(NOW).admit(halfWritten, ENFORCE)).isFalse();
    }

    @Test
    void messagesNoMoveKnowsAreDelivered() throws Exception {
        LaneMoveLedger ledger = ledger(NOW);

        assertThat(ledger.admit(mail("m1"), STANDARD)).isTrue();
        assertThat(ledger.admit(mail("m1"), ENFORCE)).isTrue();
        assertThat(records()).isZero();
    }

    @Test
    void recordsACrashLeftAreDeletedAfterTheRetention() throws Exception {
        moveUntil(Crash.AFTER_THE_COPY_WAS_RECORDED, "m1");
        moveUntil(Crash.AFTER_THE_COPY_WAS_ENQUEUED, "m2");
        ledger(NOW).admit(mail("m2"), STANDARD); // leaves a tombstone for m2's copy
        Files.writeString(directory.resolve(".move-x.tmp"), "half");
        assertThat(records()).isEqualTo(3);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.setLastModifiedTime(file, FileTime.from(NOW.minus(LaneMoveLedger.RETENTION).minusSeconds(1)));
            }
        }

        LaneMoveLedger later = ledger(NOW);

        assertThat(later.size()).isZero();
        assertThat(records()).isZero();
    }

    @Test
    void aMalformedRecordIsIgnored() throws Exception {
        Files.writeString(directory.resolve("move-0000"), "not a record\n");

        LaneMoveLedger ledger = ledger(NOW);

        assertThat(ledger.size()).isZero();
        assertThat(ledger.admit(mail("m1"), STANDARD)).isTrue();
    }
}
