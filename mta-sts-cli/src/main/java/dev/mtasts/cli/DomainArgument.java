package dev.mtasts.cli;

import dev.mtasts.discovery.PolicyDomain;
import picocli.CommandLine;

import java.util.regex.Pattern;

/** Checks a DOMAIN argument: an ASCII (A-label) domain name with at least two labels. */
final class DomainArgument {

    // RFC 1035 §2.3.1 letters, digits and hyphens; RFC 8461 §3.2 asks for A-labels, so no Unicode here.
    private static final Pattern DOMAIN =
        Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private DomainArgument() {
    }

    static String normalize(CommandLine commandLine, String domain) {
        String normalized = PolicyDomain.normalize(domain);
        if (!DOMAIN.matcher(normalized).matches()) {
            throw new CommandLine.ParameterException(commandLine,
                "'" + domain + "' is not a domain name (use the A-label form, e.g. xn--bcher-kva.example)");
        }
        return normalized;
    }
}
