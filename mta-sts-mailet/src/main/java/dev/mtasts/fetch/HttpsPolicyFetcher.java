package dev.mtasts.fetch;

import dev.mtasts.dns.DnsLookup;
import dev.mtasts.fetch.FetchResult.Failed;
import dev.mtasts.fetch.FetchResult.Fetched;
import dev.mtasts.policy.Policy;
import dev.mtasts.policy.PolicyParser;
import dev.mtasts.policy.PolicySyntaxException;
import dev.mtasts.outcome.ResultType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpStatus;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} over Apache HttpClient (RFC 8461 §3.3).
 *
 * <ul>
 *   <li>{@code mta-sts.<domain>} is resolved through the given {@link DnsLookup};</li>
 *   <li>TLS 1.2 or 1.3 with SNI; the certificate must chain to {@link FetchSettings#trustAnchors()}, be unexpired
 *       and be valid for {@code mta-sts.<domain>} (subject alternative names, RFC 6125);</li>
 *   <li>only HTTP 200 counts, redirects are never followed, HTTP caching plays no part (no cache, no
 *       conditional request, a new connection for every fetch);</li>
 *   <li>the media type must be {@code text/plain} (RFC 8461 §3.2), parameters allowed;</li>
 *   <li>the body is capped at {@link FetchSettings#maxBodyBytes()} while it streams in, and the whole fetch at
 *       {@link FetchSettings#timeout()};</li>
 *   <li>the body is decoded as UTF-8, strictly, whatever {@code charset} the server names. Bytes that are not
 *       UTF-8 make the policy {@code sts-policy-invalid}: the host served it properly, the text is bad.</li>
 * </ul>
 *
 * <p>Thread-safe; one instance serves all domains. {@link #close()} releases its connection pool.
 */
public final class HttpsPolicyFetcher implements PolicyFetcher, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpsPolicyFetcher.class);

    /** RFC 8461 §3.3. */
    static final String POLICY_HOST_PREFIX = "mta-sts.";
    static final String POLICY_PATH = "/.well-known/mta-sts.txt";

    private static final int MAX_POOLED_CONNECTIONS = 32;
    private static final int MAX_DETAIL_VALUE_LENGTH = 200;

    private final FetchSettings settings;
    private final CloseableHttpClient client;

    public HttpsPolicyFetcher(FetchSettings settings, DnsLookup dns) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = StrictHttpsClient.create(settings.timeout(), settings.trustAnchors(),
                Objects.requireNonNull(dns, "dns"), MAX_POOLED_CONNECTIONS);
    }

    @Override
    public FetchResult fetch(String policyDomain) {
        long started = System.nanoTime();
        FetchResult result;
        try {
            result = fetchPolicy(policyDomain);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
            LOG.warn("MTA-STS policy fetch for {} failed unexpectedly", policyDomain, e);
            return FetchFailures.fetchError("internal error: " + e);
        }
        if (LOG.isDebugEnabled()) {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            LOG.debug("MTA-STS policy fetch for {} in {} ms: {}", policyDomain, millis, summary(result));
        }
        return result;
    }

    private FetchResult fetchPolicy(String policyDomain) {
        if (policyDomain == null) {
            return FetchFailures.fetchError("not a valid policy domain: none given");
        }
        String host;
        URI uri;
        try {
            host = policyHost(policyDomain);
            uri = new URI("https", null, host, settings.port() == FetchSettings.HTTPS_PORT ? -1 : settings.port(),
                    POLICY_PATH, null, null);
        } catch (IllegalArgumentException | URISyntaxException e) {
            return FetchFailures.fetchError("not a valid policy domain " + quoted(policyDomain) + ": "
                    + FetchFailures.message(e));
        }
        HttpGet request = new HttpGet(uri);
        CloseableHttpResponse response = null;
        try (FetchDeadline deadline = FetchDeadline.start(settings.timeout(), request::abort)) {
            try {
                response = client.execute(request);
                return policyFrom(host, response, deadline);
            } catch (FailedFetch e) {
                return e.failed;
            } catch (IOException e) {
                return deadline.expired() ? timedOut(host) : FetchFailures.fromException(host, e);
            }
        } finally {
            // Closes the connection at once. Closing the response alone would first drain the rest of an
            // oversized or dripping body.
            request.abort();
            closeQuietly(response);
        }
    }

    /** {@code mta-sts.} + the domain as an A-label, lower case, no trailing dot (RFC 8461 §3.3). */
    static String policyHost(String policyDomain) {
        String domain = policyDomain.endsWith(".") ? policyDomain.substring(0, policyDomain.length() - 1) : policyDomain;
        if (domain.isEmpty()) {
            throw new IllegalArgumentException("empty domain");
        }
        String ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        for (String label : ascii.split("\\.", -1)) {
            if (label.isEmpty()) {
                throw new IllegalArgumentException("empty label");
            }
        }
        String host = POLICY_HOST_PREFIX + ascii;
        if (host.length() > 253) {
            throw new IllegalArgumentException("name too long");
        }
        return host;
    }

    private FetchResult policyFrom(String host, CloseableHttpResponse response, FetchDeadline deadline)
            throws IOException, FailedFetch {
        int status = response.getStatusLine().getStatusCode();
        if (status >= 300 && status < 400) {
            // RFC 8461 §3.3: HTTP 3xx redirects are not followed
            Header location = response.getFirstHeader("Location");
            throw FailedFetch.fetchError("HTTP " + status + " redirect from " + host + " to "
                    + (location == null ? "(no Location)" : quoted(location.getValue()))
                    + ", not followed (RFC 8461 §3.3)");
        }
        if (status != HttpStatus.SC_OK) {
            // RFC 8461 §3.3: only HTTP 200 is a successful fetch
            throw FailedFetch.fetchError("HTTP " + status + " " + response.getStatusLine().getReasonPhrase()
                    + " from " + host);
        }
        requirePlainText(host, response);
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            throw FailedFetch.fetchError("HTTP 200 without a body from " + host);
        }
        long declaredLength = entity.getContentLength();
        if (declaredLength > settings.maxBodyBytes()) {
            throw FailedFetch.fetchError("policy from " + host + " is " + declaredLength
                    + " bytes (Content-Length), more than the limit of " + settings.maxBodyBytes());
        }
        byte[] body = readCapped(host, entity.getContent(), deadline);
        String text = decodeUtf8(host, body);
        try {
            Policy policy = PolicyParser.parse(text);
            return FetchResult.fetched(policy, text);
        } catch (PolicySyntaxException e) {
            return FetchResult.failed(ResultType.STS_POLICY_INVALID, "policy from " + host + " is invalid: "
                    + String.join("; ", e.errors()));
        }
    }

    /** RFC 8461 §3.2: the policy is {@code text/plain}; media types are case-insensitive, parameters allowed. */
    private static void requirePlainText(String host, CloseableHttpResponse response) throws FailedFetch {
        Header[] contentTypes = response.getHeaders("Content-Type");
        if (contentTypes.length == 0) {
            throw FailedFetch.fetchError("no Content-Type from " + host + ", text/plain required (RFC 8461 §3.2)");
        }
        if (contentTypes.length > 1) {
            throw FailedFetch.fetchError(contentTypes.length + " Content-Type headers from " + host);
        }
        String value = contentTypes[0].getValue();
        int parameters = value.indexOf(';');
        String mediaType = (parameters < 0 ? value : value.substring(0, parameters)).trim();
        if (!mediaType.equalsIgnoreCase("text/plain")) {
            throw FailedFetch.fetchError("Content-Type " + quoted(value) + " from " + host
                    + ", text/plain required (RFC 8461 §3.2)");
        }
    }

    /** Reads at most one byte more than the cap, so an oversized body is recognised without reading it all. */
    private byte[] readCapped(String host, InputStream in, FetchDeadline deadline) throws IOException, FailedFetch {
        int limit = settings.maxBodyBytes();
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(limit, 8192));
        byte[] buffer = new byte[8192];
        int total = 0;
        int read;
        while ((read = in.read(buffer, 0, Math.min(buffer.length, limit + 1 - total))) != -1) {
            if (deadline.expired()) {
                throw new FailedFetch(timedOut(host));
            }
            total += read;
            if (total > limit) {
                throw FailedFetch.fetchError("policy from " + host + " is larger than the limit of " + limit
                        + " bytes");
            }
            body.write(buffer, 0, read);
        }
        return body.toByteArray();
    }

    private static String decodeUtf8(String host, byte[] body) throws FailedFetch {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new FailedFetch(FetchResult.failed(ResultType.STS_POLICY_INVALID,
                    "policy from " + host + " is not UTF-8 text: invalid byte sequence at offset " + in.position()));
        }
        return out.flip().toString();
    }

    private Failed timedOut(String host) {
        // RFC 8461 §3.3 suggests bounding the whole fetch
        return FetchFailures.fetchError("no complete response from " + host + " within "
                + settings.timeout().toMillis() + " ms");
    }

    private static String summary(FetchResult result) {
        if (result instanceof Fetched) {
            Policy policy = ((Fetched) result).policy();
            return "fetched, mode " + policy.mode() + ", " + policy.mx().size() + " mx, max_age "
                    + policy.maxAgeSeconds();
        }
        Failed failed = (Failed) result;
        return failed.type().wireName() + ": " + failed.detail();
    }

    /** A value from the network, quoted and cut short for a detail message. */
    private static String quoted(String value) {
        String shown = value.length() > MAX_DETAIL_VALUE_LENGTH
                ? value.substring(0, MAX_DETAIL_VALUE_LENGTH) + "…"
                : value;
        StringBuilder text = new StringBuilder("'");
        shown.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                text.append(String.format("\\u%04x", c));
            } else {
                text.appendCodePoint(c);
            }
        });
        return text.append('\'').toString();
    }

    private static void closeQuietly(CloseableHttpResponse response) {
        if (response != null) {
            try {
                response.close();
            } catch (IOException | RuntimeException e) {
                LOG.trace("closing a policy response", e);
            }
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            LOG.debug("closing the policy fetch connection pool", e);
        }
    }

    /** A fetch that ended with a known outcome before the text was parsed. */
    private static final class FailedFetch extends Exception {

        private static final long serialVersionUID = 1L;

        private final transient Failed failed;

        FailedFetch(Failed failed) {
            super(failed.detail(), null, false, false);
            this.failed = failed;
        }

        static FailedFetch fetchError(String detail) {
            return new FailedFetch(FetchFailures.fetchError(detail));
        }
    }
}
