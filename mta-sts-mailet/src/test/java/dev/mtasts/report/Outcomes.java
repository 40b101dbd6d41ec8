package dev.mtasts.report;

import dev.mtasts.outcome.TlsOutcome;

import dev.mtasts.outcome.ResultType;

import dev.mtasts.cache.CachedPolicy;
import dev.mtasts.policy.Mode;
import dev.mtasts.policy.PolicyParser;
import dev.mtasts.policy.PolicySyntaxException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Outcomes and policies for the report tests. */
final class Outcomes {

    static final String DOMAIN = "example.com";
    static final String POLICY_ID = "20240101T000000";
    static final String ENFORCE_TEXT = "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\n"
            + "mx: *.backup.example.com\r\nmax_age: 86400\r\n";
    static final String TESTING_TEXT = "version: STSv1\nmode: testing\nmx: mail.example.org\nmax_age: 604800\n";

    private Outcomes() {
    }

    static CachedPolicy cached(String domain, String id, String text) {
        try {
            Instant fetched = Instant.parse("2024-01-01T00:00:00Z");
            return new CachedPolicy(domain, id, PolicyParser.parse(text), text, fetched,
                    fetched.plus(Duration.ofDays(365)));
        } catch (PolicySyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static CachedPolicy enforcePolicy() {
        return cached(DOMAIN, POLICY_ID, ENFORCE_TEXT);
    }

    /** A successful session to {@code mx1.example.com} under the enforce policy. */
    static TlsOutcome success(String at) {
        return new TlsOutcome(Instant.parse(at), DOMAIN, Mode.ENFORCE, POLICY_ID, "mx1.example.com",
                Optional.empty(), "TLSv1.3").withPolicy(enforcePolicy());
    }

    /** A failed session to {@code mx} at {@code ip} under the enforce policy. */
    static TlsOutcome failure(String at, ResultType type, String mx, String ip) {
        return new TlsOutcome(Instant.parse(at), DOMAIN, Mode.ENFORCE, POLICY_ID, mx, Optional.of(type),
                type + " at " + mx).withPolicy(enforcePolicy()).withReceivingIp(address(ip));
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
