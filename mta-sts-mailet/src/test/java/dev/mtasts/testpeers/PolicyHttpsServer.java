package dev.mtasts.testpeers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;

/**
 * An MTA-STS policy host for tests: the JDK's HTTPS server on {@code 127.0.0.1} and a free port, answering every
 * request with the current {@link Behaviour}, and recording what it was asked.
 *
 * <pre>{@code
 * try (PolicyHttpsServer server = PolicyHttpsServer.start(leaf.serverSslContext())) {
 *     server.respondWith(Behaviour.policy("version: STSv1\r\nmode: enforce\r\n..."));
 *     ... fetch from https://mta-sts.example.test:<server.port()>/.well-known/mta-sts.txt
 *     assertThat(server.requests()).hasSize(1);
 * }
 * }</pre>
 */
public final class PolicyHttpsServer implements AutoCloseable {

    /** The protocols a server speaks unless told otherwise. */
    public static final List<String> MODERN_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** One request as received: method, Host header and raw path. */
    public record Request(String method, String host, String path) {
    }

    private final HttpsServer server;
    private final ExecutorService handlers;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> serverNames = new CopyOnWriteArrayList<>();
    private volatile Behaviour behaviour = Behaviour.status(404);

    private PolicyHttpsServer(SSLContext sslContext, List<String> protocols) throws IOException {
        this.handlers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "policy-https-server");
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(sslContext) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                parameters.setProtocols(protocols.toArray(String[]::new));
                parameters.setSNIMatchers(List.of(new RecordingSniMatcher(serverNames)));
                params.setSSLParameters(parameters);
            }
        });
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server speaking TLS 1.2 and 1.3 with the given server context. */
    public static PolicyHttpsServer start(SSLContext sslContext) {
        return start(sslContext, MODERN_PROTOCOLS);
    }

    /** Starts a server speaking only the given protocols (names as in {@link SSLParameters#setProtocols}). */
    public static PolicyHttpsServer start(SSLContext sslContext, List<String> protocols) {
        try {
            return new PolicyHttpsServer(sslContext, protocols);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test HTTPS server", e);
        }
    }

    /** Answers every later request this way. Until called, every request gets a 404. */
    public void respondWith(Behaviour newBehaviour) {
        behaviour = Objects.requireNonNull(newBehaviour, "behaviour");
    }

    public InetAddress address() {
        return server.getAddress().getAddress();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The HTTP requests received so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The SNI host names clients sent, one per TLS handshake that carried one. */
    public List<String> serverNames() {
        return List.copyOf(serverNames);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Host"),
                exchange.getRequestURI().getRawPath()));
        try (exchange) {
            behaviour.respond(exchange);
        } catch (IOException e) {
            // the client went away (it stopped reading an oversized or slow body): expected in these tests
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        try {
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How the server answers a request. */
    public sealed interface Behaviour {

        void respond(HttpExchange exchange) throws IOException;

        /** HTTP 200, {@code text/plain}, the text as UTF-8 with a Content-Length. */
        static Behaviour policy(String text) {
            return body(200, "text/plain", text.getBytes(StandardCharsets.UTF_8), Framing.CONTENT_LENGTH);
        }

        /** The status with a short {@code text/plain} body. */
        static Behaviour status(int status) {
            return body(status, "text/plain", ("status " + status + "\n").getBytes(StandardCharsets.US_ASCII),
                    Framing.CONTENT_LENGTH);
        }

        /** A redirect (301, 302, 307, 308) to {@code location}, with no body. */
        static Behaviour redirect(int status, String location) {
            return new Redirect(status, location);
        }

        /**
         * Any status, media type and body.
         *
         * @param contentType the Content-Type header value, or {@code null} to send none
         */
        static Behaviour body(int status, String contentType, byte[] body, Framing framing) {
            return new Canned(status, contentType, body, framing);
        }

        /**
         * HTTP 200 {@code text/plain}, chunked, one byte of {@code text} every {@code interval}: a body that
         * takes {@code text.length() * interval} to arrive while every single read succeeds quickly.
         */
        static Behaviour dripFeed(String text, Duration interval) {
            return new DripFeed(text.getBytes(StandardCharsets.UTF_8), interval);
        }
    }

    /** How the body's end is marked. */
    public enum Framing {
        /** A {@code Content-Length} header. */
        CONTENT_LENGTH,
        /** {@code Transfer-Encoding: chunked}, no length announced. */
        CHUNKED
    }

    private record Canned(int status, String contentType, byte[] body, Framing framing) implements Behaviour {
        @Override
        public void respond(HttpExchange exchange) throws IOException {
            if (contentType != null) {
                exchange.getResponseHeaders().set("Content-Type", contentType);
            }
            exchange.sendResponseHeaders(status, framing == Framing.CHUNKED ? 0 : body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        @Override
        public String toString() {
            return "Canned[" + status + ", " + contentType + ", " + body.length + " bytes, " + framing + "]";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Canned that && status == that.status && Objects.equals(contentType, that.contentType)
                    && Arrays.equals(body, that.body) && framing == that.framing;
        }

        @Override
        public int hashCode() {
            return Objects.hash(status, contentType, Arrays.hashCode(body), framing);
        }
    }

    private record Redirect(int status, String location) implements Behaviour {
        @Override
        public void respond(HttpExchange exchange) throws IOException {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private record DripFeed(byte[] body, Duration interval) implements Behaviour {
        @Override
        public void respond(HttpExchange exchange) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            try {
                for (byte b : body) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(interval.toMillis());
                }
                out.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the server is stopping
            }
        }

        @Override
        public String toString() {
            return "DripFeed[" + body.length + " bytes, one per " + interval + "]";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof DripFeed that && Arrays.equals(body, that.body) && interval.equals(that.interval);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(body), interval);
        }
    }

    private static final class RecordingSniMatcher extends SNIMatcher {

        private final List<String> seen;

        RecordingSniMatcher(List<String> seen) {
            super(StandardConstants.SNI_HOST_NAME);
            this.seen = seen;
        }

        @Override
        public boolean matches(SNIServerName serverName) {
            if (serverName instanceof SNIHostName hostName) {
                seen.add(hostName.getAsciiName());
            } else {
                seen.add(new SNIHostName(serverName.getEncoded()).getAsciiName());
            }
            return true;
        }
    }
}
