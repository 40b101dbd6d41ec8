package dev.mtasts.dns;

import org.xbill.DNS.Address;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which DNS servers {@link DnsjavaLookup} asks, and how long it waits for each answer.
 */
public final class ResolverSettings {

    /** dnsjava's own default for one query. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public static final int DNS_PORT = 53;

    private final List<InetSocketAddress> servers;
    private final Duration timeout;

    public ResolverSettings(List<InetSocketAddress> servers, Duration timeout) {
        this.servers = List.copyOf(servers);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("DNS timeout must be positive, got " + timeout);
        }
        for (InetSocketAddress server : this.servers) {
            if (server.isUnresolved()) {
                throw new IllegalArgumentException("DNS server address is not resolved: " + server);
            }
        }
    }

    /**
     * The servers, asked in order; empty means dnsjava's default resolver ({@code Lookup.getDefaultResolver()},
     * which James configures from {@code dnsservice.xml}).
     */
    public List<InetSocketAddress> servers() {
        return servers;
    }

    /**
     * The longest wait for one DNS query (each step of a CNAME chain is one query); with several servers the time
     * is shared among them.
     */
    public Duration timeout() {
        return timeout;
    }

    /** dnsjava's default resolver, with {@link #DEFAULT_TIMEOUT}. */
    public static ResolverSettings systemDefault() {
        return new ResolverSettings(List.of(), DEFAULT_TIMEOUT);
    }

    /** These servers ({@code HOST[:PORT]} or {@code [IPv6]:PORT}, see {@link #parseServer}) with the given timeout. */
    public static ResolverSettings of(List<String> servers, Duration timeout) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String server : servers) {
            addresses.add(parseServer(server));
        }
        return new ResolverSettings(addresses, timeout);
    }

    public boolean usesSystemDefault() {
        return servers.isEmpty();
    }

    public ResolverSettings withTimeout(Duration newTimeout) {
        return new ResolverSettings(servers, newTimeout);
    }

    /**
     * Parses a comma- or whitespace-separated list of servers, as a configuration value holds them:
     * {@code "127.0.0.1, [::1]:5353"}. A blank text is an empty list (the system default).
     *
     * @throws IllegalArgumentException naming the server that does not parse and why
     */
    public static List<InetSocketAddress> parseServers(String text) {
        Objects.requireNonNull(text, "text");
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String part : text.trim().split("[,\\s]+")) {
            if (!part.isEmpty()) {
                servers.add(parseServer(part));
            }
        }
        return List.copyOf(servers);
    }

    /**
     * Parses one server: {@code HOST}, {@code HOST:PORT}, {@code [IPv6]}, {@code [IPv6]:PORT} or a bare IPv6
     * address. HOST is an IPv4 address or a host name (looked up once, here, by the JVM resolver). The port
     * defaults to 53.
     *
     * @throws IllegalArgumentException with a message naming the text and what is wrong with it
     */
    public static InetSocketAddress parseServer(String text) {
        Objects.requireNonNull(text, "text");
        String server = text.trim();
        if (server.isEmpty()) {
            throw invalid(text, "it is empty");
        }
        if (server.startsWith("[")) {
            int close = server.indexOf(']');
            if (close < 0) {
                throw invalid(text, "'[' without a closing ']'");
            }
            String host = server.substring(1, close);
            String rest = server.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw invalid(text, "expected ':PORT' after ']'");
            }
            int port = rest.isEmpty() ? DNS_PORT : port(text, rest.substring(1));
            return new InetSocketAddress(ipv6(text, host), port);
        }
        int firstColon = server.indexOf(':');
        if (firstColon >= 0 && server.indexOf(':', firstColon + 1) >= 0) {
            // Two colons or more: a bare IPv6 address; a port needs the brackets.
            return new InetSocketAddress(ipv6(text, server), DNS_PORT);
        }
        String host = firstColon < 0 ? server : server.substring(0, firstColon);
        int port = firstColon < 0 ? DNS_PORT : port(text, server.substring(firstColon + 1));
        if (host.isEmpty()) {
            throw invalid(text, "the host is missing");
        }
        return new InetSocketAddress(ipv4OrHostName(text, host), port);
    }

    private static InetAddress ipv6(String text, String host) {
        byte[] bytes = Address.toByteArray(host, Address.IPv6);
        if (bytes == null) {
            throw invalid(text, "'" + host + "' is not an IPv6 address");
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw invalid(text, e.getMessage());
        }
    }

    private static InetAddress ipv4OrHostName(String text, String host) {
        if (host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            byte[] bytes = Address.toByteArray(host, Address.IPv4);
            if (bytes == null) {
                throw invalid(text, "'" + host + "' is not an IPv4 address");
            }
            try {
                return InetAddress.getByAddress(bytes);
            } catch (UnknownHostException e) {
                throw invalid(text, e.getMessage());
            }
        }
        if (!host.matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?")) {
            throw invalid(text, "'" + host + "' is neither an IP address nor a host name");
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw invalid(text, "host name '" + host + "' does not resolve");
        }
    }

    private static int port(String text, String digits) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(text, "port '" + digits + "' is not a number from 1 to 65535");
        }
        int port = Integer.parseInt(digits);
        if (port < 1 || port > 65535) {
            throw invalid(text, "port " + port + " is outside 1 to 65535");
        }
        return port;
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException("Invalid DNS server '" + text + "': " + reason
                + " (expected HOST, HOST:PORT, [IPv6] or [IPv6]:PORT)");
    }
}
