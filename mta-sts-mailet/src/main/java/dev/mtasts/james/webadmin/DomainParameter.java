package dev.mtasts.james.webadmin;

import dev.mtasts.discovery.PolicyDomain;
import java.util.Optional;

/** A policy domain named in a WebAdmin path: a host name of letter-digit-hyphen labels (RFC 1123 §2.1). */
final class DomainParameter {

    private DomainParameter() {
    }

    /** The normalized domain, or empty when {@code raw} is not a host name. */
    static Optional<String> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String domain = PolicyDomain.normalize(raw);
        return PolicyDomain.isHostName(domain) ? Optional.of(domain) : Optional.empty();
    }
}
