package dev.mtasts.james.webadmin;

import dev.mtasts.discovery.PolicyDomain;
import java.util.Optional;
import java.util.regex.Pattern;

/** A policy domain named in a WebAdmin path: a host name of letter-digit-hyphen labels (RFC 1123 §2.1). */
final class DomainParameter {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private DomainParameter() {
    }

    /** The normalized domain, or empty when {@code raw} is not a host name. */
    static Optional<String> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String domain = PolicyDomain.normalize(raw);
        if (domain.isEmpty() || domain.length() > 253) {
            return Optional.empty();
        }
        for (String label : domain.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(domain);
    }
}
