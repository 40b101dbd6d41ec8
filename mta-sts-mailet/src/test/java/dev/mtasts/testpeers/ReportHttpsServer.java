package dev.mtasts.testpeers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A TLS report receiver for tests (RFC 8460 §5.4): the JDK's HTTPS server on {@code 127.0.0.1} and a free port,
 * answering every request with the current status and recording each request with its body.
 */
public final class ReportHttpsServer implements AutoCloseable {

    /** One request as received. */
    public record Request(String method, String path, String contentType, byte[] body) {
    }

    private final HttpsServer server;
    private final ExecutorService handlers;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String location;

    private ReportHttpsServer(SSLContext sslContext) throws IOException {
        this.handlers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "report-https-server");
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(sslContext) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                parameters.setProtocols(PolicyHttpsServer.MODERN_PROTOCOLS.toArray(String[]::new));
                params.setSSLParameters(parameters);
            }
        });
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    public static ReportHttpsServer start(SSLContext sslContext) {
        try {
            return new ReportHttpsServer(sslContext);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test report server", e);
        }
    }

    /** Answers later requests with {@code newStatus} and no body. */
    public void respondWith(int newStatus) {
        status = newStatus;
        location = null;
    }

    /** Answers later requests with a redirect to {@code target}. */
    public void redirectTo(int redirectStatus, String target) {
        status = redirectStatus;
        location = target;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), in.readAllBytes()));
            String target = location;
            if (target != null) {
                exchange.getResponseHeaders().set("Location", target);
            }
            exchange.sendResponseHeaders(status, -1);
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
}
