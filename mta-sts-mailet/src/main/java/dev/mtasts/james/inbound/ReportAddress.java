package dev.mtasts.james.inbound;

import java.util.Locale;
import java.util.Set;

/**
 * Which recipient is the report address: the configured local part (RFC 8460 §3 {@code rua=mailto:}) at one of
 * James' own domains. Only James' domains: the address never makes James take mail for a domain it does not serve.
 */
final class ReportAddress {

    private ReportAddress() {
    }

    static boolean matches(String localPart, String domain, String configuredLocalPart, Set<String> localDomains) {
        return localPart.equalsIgnoreCase(configuredLocalPart)
            && localDomains.contains(domain.toLowerCase(Locale.ROOT));
    }
}
