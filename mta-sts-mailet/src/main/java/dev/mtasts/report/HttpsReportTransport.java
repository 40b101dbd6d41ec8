package dev.mtasts.report;

import java.net.URI;

/** Uploads a TLS report to an {@code https:} destination (RFC 8460 §5.4). */
public interface HttpsReportTransport {

    /**
     * POSTs {@code gzippedReport} to {@code destination} as {@value TlsReport#GZIP_MEDIA_TYPE}.
     *
     * @throws ReportDeliveryException unless the server answered with a 2xx status
     */
    void post(URI destination, byte[] gzippedReport) throws ReportDeliveryException;
}
