package dev.mtasts.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;

/** A store that forgets everything on restart: for tests and for nodes that want no files. */
public final class InMemoryTlsReportStore implements TlsReportStore {

    private final ConcurrentSkipListMap<LocalDate, StoredDay> days = new ConcurrentSkipListMap<>();
    private final AtomicReference<StatisticsSnapshot> statistics = new AtomicReference<>();

    @Override
    public List<LocalDate> days() {
        return List.copyOf(days.keySet());
    }

    @Override
    public Optional<StoredDay> load(LocalDate day) {
        return Optional.ofNullable(days.get(day));
    }

    @Override
    public void save(StoredDay day) {
        days.put(day.day(), day);
    }

    @Override
    public void delete(LocalDate day) {
        days.remove(day);
    }

    @Override
    public Optional<StatisticsSnapshot> loadStatistics() {
        return Optional.ofNullable(statistics.get());
    }

    @Override
    public void saveStatistics(StatisticsSnapshot snapshot) {
        statistics.set(snapshot);
    }
}
