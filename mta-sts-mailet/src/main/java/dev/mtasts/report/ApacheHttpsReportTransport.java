package dev.mtasts.report;

import dev.mtasts.dns.DnsLookup;
import dev.mtasts.fetch.FetchDeadline;
import dev.mtasts.fetch.StrictHttpsClient;
import dev.mtasts.fetch.TrustAnchors;
import org.apache.http.StatusLine;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.impl.client.CloseableHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Uploads reports over Apache HttpClient, the way the policy fetch speaks HTTPS ({@link StrictHttpsClient}): TLS 1.2
 * or 1.3, a certificate that chains to the trust anchors and is valid for the host, no redirects, the whole
 * exchange within the timeout. Only a 2xx answer counts as delivered.
 *
 * <p>Thread-safe; {@link #close()} releases its connections.
 */
public final class ApacheHttpsReportTransport implements HttpsReportTransport, AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(ApacheHttpsReportTransport.class);
    private static final int MAX_CONNECTIONS = 8;
    private static final ContentType GZIP_REPORT = ContentType.create(TlsReport.GZIP_MEDIA_TYPE);

    private final Duration timeout;
    private final CloseableHttpClient client;

    /**
     * @param timeout      the whole upload — connect, handshake, request and response — must end within this
     * @param trustAnchors the CAs the report server's certificate must chain to
     * @param dns          resolves the report server's host name
     */
    public ApacheHttpsReportTransport(Duration timeout, TrustAnchors trustAnchors, DnsLookup dns) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = StrictHttpsClient.create(timeout, trustAnchors, dns, MAX_CONNECTIONS);
    }

    @Override
    public void post(URI destination, byte[] gzippedReport) throws ReportDeliveryException {
        if (destination.getScheme() == null || !destination.getScheme().toLowerCase(Locale.ROOT).equals("https")
                || destination.getHost() == null) {
            throw new ReportDeliveryException("not an https: URI with a host: " + destination);
        }
        HttpPost request = new HttpPost(destination);
        request.setEntity(new ByteArrayEntity(gzippedReport, GZIP_REPORT));
        CloseableHttpResponse response = null;
        try (FetchDeadline deadline = FetchDeadline.start(timeout, request::abort)) {
            try {
                response = client.execute(request);
            } catch (IOException e) {
                throw new ReportDeliveryException(deadline.expired()
                        ? "no answer from " + destination.getHost() + " within " + timeout.toMillis() + " ms"
                        : "POST to " + destination + " failed: " + e, e);
            }
            StatusLine status = response.getStatusLine();
            // RFC 8460 §5.4; redirects are not followed, so a 3xx is a failure too
            if (status.getStatusCode() < 200 || status.getStatusCode() > 299) {
                throw new ReportDeliveryException("POST to " + destination + " answered HTTP "
                        + status.getStatusCode() + " " + status.getReasonPhrase());
            }
        } catch (RuntimeException e) {
            throw new ReportDeliveryException("POST to " + destination + " failed: " + e, e);
        } finally {
            request.abort(); // the answer's body does not matter: do not wait for it
            closeQuietly(response);
        }
    }

    private static void closeQuietly(CloseableHttpResponse response) {
        if (response != null) {
            try {
                response.close();
            } catch (IOException | RuntimeException e) {
                LOGGER.trace("closing a report upload response", e);
            }
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            LOGGER.debug("closing the report upload connection pool", e);
        }
    }
}
