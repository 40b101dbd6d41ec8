package dev.mtasts.fetch;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds and trust for policy fetches (RFC 8461 §3.3).
 */
public final class FetchSettings {

    /** RFC 8461 §3.3 suggests a timeout of one minute. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);
    /** RFC 8461 §3.3 suggests a maximum policy size of 64 KiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /** RFC 8461 §3.3: {@code https://mta-sts.<domain>/...}, the default HTTPS port. */
    public static final int HTTPS_PORT = 443;

    private final Duration timeout;
    private final int maxBodyBytes;
    private final TrustAnchors trustAnchors;
    private final int port;

    public FetchSettings(Duration timeout, int maxBodyBytes, TrustAnchors trustAnchors, int port) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.trustAnchors = Objects.requireNonNull(trustAnchors, "trustAnchors");
        this.maxBodyBytes = maxBodyBytes;
        this.port = port;
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeout must be positive and below 24 days: " + timeout);
        }
        if (maxBodyBytes < 1 || maxBodyBytes == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBodyBytes must be between 1 and " + (Integer.MAX_VALUE - 1)
                    + ": " + maxBodyBytes);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** The whole fetch — connect, TLS handshake, headers and body — must end within this. */
    public Duration timeout() {
        return timeout;
    }

    /** A larger policy body is a fetch error. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The CAs the policy host's certificate must chain to. */
    public TrustAnchors trustAnchors() {
        return trustAnchors;
    }

    /**
     * The policy host's HTTPS port: always 443 in service; another value only lets tests run their policy server on
     * a free port.
     */
    public int port() {
        return port;
    }

    /** One minute, 64 KiB, the JDK's trust store, port 443. */
    public static FetchSettings defaults() {
        return new FetchSettings(DEFAULT_TIMEOUT, DEFAULT_MAX_BODY_BYTES, TrustAnchors.jdkDefaults(), HTTPS_PORT);
    }

    public FetchSettings withTimeout(Duration newTimeout) {
        return new FetchSettings(newTimeout, maxBodyBytes, trustAnchors, port);
    }

    public FetchSettings withMaxBodyBytes(int newMaxBodyBytes) {
        return new FetchSettings(timeout, newMaxBodyBytes, trustAnchors, port);
    }

    public FetchSettings withTrustAnchors(TrustAnchors newTrustAnchors) {
        return new FetchSettings(timeout, maxBodyBytes, newTrustAnchors, port);
    }

    public FetchSettings withPort(int newPort) {
        return new FetchSettings(timeout, maxBodyBytes, trustAnchors, newPort);
    }
}
