package dev.mtasts.audit;

import dev.mtasts.dns.DnsAnswer;
import dev.mtasts.dns.DnsLookup;
import dev.mtasts.fetch.FetchSettings;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.http.Header;
import org.apache.http.HttpException;
import org.apache.http.HttpResponse;
import org.apache.http.HttpStatus;
import org.apache.http.HttpVersion;
import org.apache.http.config.MessageConstraints;
import org.apache.http.impl.DefaultBHttpClientConnection;
import org.apache.http.message.BasicHttpRequest;

/**
 * Fetches the policy the way {@code HttpsPolicyFetcher} does (RFC 8461 §3.3: TLS 1.2+, SNI, one GET, no
 * redirects followed, a 64 KiB cap, one deadline for it all), but keeps every detail a person needs to fix a
 * broken policy host: the address used, the TLS version, the certificate chain even when it does not validate,
 * the HTTP status, {@code Content-Type} and {@code Location}. Judging them is {@link PolicyHostAudit}'s job.
 *
 * <p>HTTP/1.1 over a socket of our own, with Apache HttpCore parsing the response (status line, headers,
 * {@code Content-Length} or chunked bodies), bounded in line length and header count.
 */
final class PolicyHostInspector {

    /** RFC 8461 §3.3. */
    static final String POLICY_PATH = "/.well-known/mta-sts.txt";
    /** The engine's cap, which RFC 8461 §3.3 suggests. */
    static final int MAX_BODY_BYTES = FetchSettings.DEFAULT_MAX_BODY_BYTES;

    private static final int BUFFER_SIZE = 8 * 1024;
    private static final MessageConstraints LIMITS = MessageConstraints.custom()
            .setMaxLineLength(8 * 1024)
            .setMaxHeaderCount(100)
            .build();

    private final DnsLookup dns;
    private final AuditSettings settings;

    PolicyHostInspector(DnsLookup dns, AuditSettings settings) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** {@code mta-sts.} + the domain (RFC 8461 §3.3). */
    static String policyHost(String domain) {
        return "mta-sts." + domain;
    }

    PolicyHostInspection inspect(String domain) {
        String host = policyHost(domain);
        DnsAnswer<InetAddress> answer = dns.addresses(host);
        if (answer instanceof DnsAnswer.NotFound<InetAddress> notFound) {
            return new PolicyHostInspection.NoAddress(notFound.detail(), false);
        }
        if (answer instanceof DnsAnswer.TemporaryFailure<InetAddress> failure) {
            return new PolicyHostInspection.NoAddress(failure.detail(), true);
        }
        List<InetAddress> addresses = ((DnsAnswer.Found<InetAddress>) answer).records();
        Connector.Connected connected;
        try {
            connected = Connector.connect(addresses, settings.httpsPort(), settings.connectTimeout());
        } catch (Connector.UnreachableException e) {
            return new PolicyHostInspection.Unreachable(e.getMessage());
        }
        try (SocketDeadline deadline = SocketDeadline.start(connected.socket(), settings.timeout())) {
            return overTls(host, connected, deadline);
        } finally {
            Connector.closeQuietly(connected.socket());
        }
    }

    private PolicyHostInspection overTls(String host, Connector.Connected connected, SocketDeadline deadline) {
        TlsClient.Secured secured;
        try {
            connected.socket().setSoTimeout((int) settings.timeout().toMillis());
            secured = TlsClient.handshake(connected.socket(), connected.address(), host);
        } catch (IOException e) {
            String detail = deadline.explain(e);
            return new PolicyHostInspection.HandshakeFailed(connected.address(), detail,
                    !deadline.timedOut(e) && TlsClient.isVersionProblem(e));
        }
        deadline.watch(secured.socket());
        try {
            return new PolicyHostInspection.Responded(secured.peer(), get(host, secured, deadline));
        } catch (IOException | HttpException | RuntimeException e) {
            // HttpException: a malformed response; RuntimeException: HttpCore's own parse errors
            String detail = deadline.explain(e);
            return new PolicyHostInspection.HttpFailed(secured.peer(), detail);
        } finally {
            Connector.closeQuietly(secured.socket());
        }
    }

    private PolicyHostInspection.HttpAnswer get(String host, TlsClient.Secured secured, SocketDeadline deadline)
            throws IOException, HttpException {
        DefaultBHttpClientConnection http = new DefaultBHttpClientConnection(BUFFER_SIZE, BUFFER_SIZE, null, null,
                LIMITS, null, null, null, null);
        http.bind(secured.socket());
        BasicHttpRequest request = new BasicHttpRequest("GET", POLICY_PATH, HttpVersion.HTTP_1_1);
        request.addHeader("Host", settings.httpsPort() == AuditSettings.HTTPS_PORT ? host
                : host + ":" + settings.httpsPort());
        request.addHeader("User-Agent", "mta-sts-check");
        request.addHeader("Accept", "*/*");
        request.addHeader("Connection", "close");
        http.sendRequestHeader(request);
        http.flush();
        HttpResponse response = http.receiveResponseHeader();
        int status = response.getStatusLine().getStatusCode();
        String reason = Objects.requireNonNullElse(response.getStatusLine().getReasonPhrase(), "");
        List<String> contentTypes = new ArrayList<>();
        for (Header header : response.getHeaders("Content-Type")) {
            contentTypes.add(header.getValue());
        }
        Header location = response.getFirstHeader("Location");
        Optional<String> redirect = Optional.ofNullable(location).map(Header::getValue);
        if (status != HttpStatus.SC_OK) {
            return new PolicyHostInspection.HttpAnswer(status, reason, contentTypes, redirect, Optional.empty(), false);
        }
        http.receiveResponseEntity(response);
        byte[] body = response.getEntity() == null ? new byte[0] : readCapped(response.getEntity().getContent());
        if (deadline.expired()) {
            throw new IOException(deadline.describe());
        }
        boolean tooLarge = body.length > MAX_BODY_BYTES;
        return new PolicyHostInspection.HttpAnswer(status, reason, contentTypes, redirect,
                tooLarge ? Optional.empty() : Optional.of(body), tooLarge);
    }

    /** At most one byte more than the cap: enough to know the body is too large without reading all of it. */
    private static byte[] readCapped(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[BUFFER_SIZE];
        int total = 0;
        int read;
        while (total <= MAX_BODY_BYTES
                && (read = in.read(buffer, 0, Math.min(buffer.length, MAX_BODY_BYTES + 1 - total))) != -1) {
            body.write(buffer, 0, read);
            total += read;
        }
        return body.toByteArray();
    }
}
