package dev.mtasts.fetch;

import dev.mtasts.certificate.DnsIdentity;
import dev.mtasts.dns.DnsLookup;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.apache.http.client.config.RequestConfig;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.config.SocketConfig;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.NoConnectionReuseStrategy;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;

/**
 * The one kind of HTTP client this project uses, for the policy fetch (RFC 8461 §3.3) and for TLS report uploads
 * (RFC 8460 §5.4):
 *
 * <ul>
 *   <li>{@code https} only; TLS 1.2 or 1.3 ({@link TrustAnchors#TLS_PROTOCOLS}) with SNI; the certificate must chain
 *       to the given trust anchors and name the host in a DNS-ID ({@link DnsIdentity}, RFC 6125 §6.4; no common-name
 *       fallback);</li>
 *   <li>host names resolved through the project's {@link DnsLookup}, the same servers discovery asks;</li>
 *   <li>redirects never followed, no retries, no cookies, no authentication cache, no content decompression, a new
 *       connection for every request;</li>
 *   <li>connect, connection-pool and every socket read bounded by the timeout. The total time of one exchange is
 *       the caller's to bound, with a {@link FetchDeadline}.</li>
 * </ul>
 */
public final class StrictHttpsClient {

    private static final String USER_AGENT = "mta-sts-james";

    private StrictHttpsClient() {
    }

    /**
     * @param timeout        bounds connecting, waiting for a pooled connection and each blocking read
     * @param maxConnections how many connections may be open at once
     */
    public static CloseableHttpClient create(Duration timeout, TrustAnchors trustAnchors, DnsLookup dns,
                                             int maxConnections) {
        Objects.requireNonNull(trustAnchors, "trustAnchors");
        Objects.requireNonNull(dns, "dns");
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        SSLConnectionSocketFactory tls = new SSLConnectionSocketFactory(
                trustAnchors.newClientSslContext(),
                TrustAnchors.TLS_PROTOCOLS.toArray(String[]::new),
                null, // the JDK's default cipher suites
                DnsIdentity.hostnameVerifier()); // RFC 6125 §6.4 DNS-IDs, the rule MX hosts are checked by
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager(
                RegistryBuilder.<ConnectionSocketFactory>create().register("https", tls).build(),
                null, null, new DnsLookupResolver(dns), -1, TimeUnit.MILLISECONDS);
        connections.setMaxTotal(maxConnections);
        connections.setDefaultMaxPerRoute(2);
        // bounds every blocking read from the start, TLS handshake included
        connections.setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(timeoutMillis).build());
        RequestConfig requests = RequestConfig.custom()
                .setConnectTimeout(timeoutMillis)
                .setConnectionRequestTimeout(timeoutMillis)
                .setSocketTimeout(timeoutMillis)
                .setRedirectsEnabled(false)
                .build();
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setConnectionReuseStrategy(NoConnectionReuseStrategy.INSTANCE)
                .setDefaultRequestConfig(requests)
                .disableRedirectHandling() // RFC 8461 §3.3: redirects are not followed
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression() // size caps apply to the bytes on the wire
                .setUserAgent(USER_AGENT)
                .build();
    }
}
