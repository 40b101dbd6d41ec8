package dev.mtasts.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Where TLS report counts, reports awaiting delivery and the operators' statistics persist, so that none of them is
 * lost on restart.
 *
 * <p>Written in the background (periodically and on close), never on a delivery's path. Implementations never throw
 * for what they read: a record that cannot be used is reported and treated as absent.
 */
public interface TlsReportStore {

    /** The days held, oldest first. */
    List<LocalDate> days();

    Optional<StoredDay> load(LocalDate day);

    /** Replaces what is held for {@code day.day()}. */
    void save(StoredDay day);

    void delete(LocalDate day);

    Optional<StatisticsSnapshot> loadStatistics();

    void saveStatistics(StatisticsSnapshot statistics);
}
