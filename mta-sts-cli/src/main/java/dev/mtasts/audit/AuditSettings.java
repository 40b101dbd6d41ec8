package dev.mtasts.audit;

import dev.mtasts.fetch.TrustAnchors;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How an audit reaches the domain's servers.
 *
 * @param trustAnchors the roots a policy host's and an MX host's chain must lead to (RFC 8461 §3.3, §4.2)
 * @param timeout      the most one conversation (the policy fetch, one SMTP session) may take; connecting to
 *                     one address takes at most {@link #connectTimeout()}
 * @param httpsPort    the policy host's port: 443 (RFC 8461 §3.3); another value only for tests
 * @param smtpPort     the MX hosts' port: 25, where one MTA delivers to another; another value only for tests
 * @param probeMxHosts whether to connect to the MX hosts at all (a machine that cannot reach port 25 may not)
 * @param clock        the time certificates are checked against
 */
public record AuditSettings(TrustAnchors trustAnchors, Duration timeout, int httpsPort, int smtpPort,
                            boolean probeMxHosts, Clock clock) {

    public static final int HTTPS_PORT = 443;
    public static final int SMTP_PORT = 25;
    /** RFC 8461 §3.3 suggests bounding a policy fetch to one minute; an SMTP probe gets as long. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(15);

    public AuditSettings {
        Objects.requireNonNull(trustAnchors, "trustAnchors");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(clock, "clock");
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeout must be positive and below 24 days: " + timeout);
        }
        checkPort(httpsPort);
        checkPort(smtpPort);
    }

    /** These trust anchors, one minute, the standard ports, MX hosts probed, the system clock. */
    public static AuditSettings defaults(TrustAnchors trustAnchors) {
        return new AuditSettings(trustAnchors, DEFAULT_TIMEOUT, HTTPS_PORT, SMTP_PORT, true, Clock.systemUTC());
    }

    public AuditSettings withTimeout(Duration newTimeout) {
        return new AuditSettings(trustAnchors, newTimeout, httpsPort, smtpPort, probeMxHosts, clock);
    }

    public AuditSettings withPorts(int newHttpsPort, int newSmtpPort) {
        return new AuditSettings(trustAnchors, timeout, newHttpsPort, newSmtpPort, probeMxHosts, clock);
    }

    public AuditSettings withProbeMxHosts(boolean probe) {
        return new AuditSettings(trustAnchors, timeout, httpsPort, smtpPort, probe, clock);
    }

    /** Connecting to one address: the timeout, but at most 15 seconds, so that a dead address leaves time for the next. */
    public Duration connectTimeout() {
        return timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT;
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
