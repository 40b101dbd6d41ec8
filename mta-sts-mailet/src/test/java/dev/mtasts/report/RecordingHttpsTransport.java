package dev.mtasts.report;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An upload transport that keeps what it is given, and fails for destinations the test names. */
final class RecordingHttpsTransport implements HttpsReportTransport {

    record Upload(URI destination, byte[] body) {
    }

    private final List<Upload> uploads = new CopyOnWriteArrayList<>();
    private final Set<URI> failing = ConcurrentHashMap.newKeySet();

    @Override
    public void post(URI destination, byte[] gzippedReport) throws ReportDeliveryException {
        if (failing.contains(destination)) {
            throw new ReportDeliveryException("POST to " + destination + " answered HTTP 503 (test)");
        }
        uploads.add(new Upload(destination, gzippedReport.clone()));
    }

    void fail(URI destination) {
        failing.add(destination);
    }

    void recover(URI destination) {
        failing.remove(destination);
    }

    List<Upload> uploads() {
        return List.copyOf(uploads);
    }
}
