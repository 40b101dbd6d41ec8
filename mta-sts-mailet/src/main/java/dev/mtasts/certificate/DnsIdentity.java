package dev.mtasts.certificate;

import dev.mtasts.policy.MxPattern;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Whether a certificate is valid for a host name: RFC 6125 §6.4 matching of DNS-IDs, as RFC 8461 asks for both
 * the policy host (§3.3) and MX hosts (§4.2: "a subject alternative name with a DNS-ID matching the host name").
 *
 * <p>The rules applied:
 * <ul>
 *   <li>Only {@code dNSName} entries of the subject alternative name count; the subject's common name is never
 *       looked at (RFC 6125 §6.4.4 allows it only when there is no DNS-ID; RFC 8461 §4.2 requires a SAN, and
 *       current WebPKI practice ignores the CN).</li>
 *   <li>Names compare case-insensitively in ASCII, a trailing dot ignored (RFC 6125 §6.4.1, RFC 4343).</li>
 *   <li>A wildcard is accepted only as the whole left-most label, {@code *.example.com}, and matches exactly one
 *       label: {@code mx.example.com}, neither {@code example.com} nor {@code a.mx.example.com} (RFC 6125 §6.4.3,
 *       the same rule as MX patterns, RFC 8461 §4.1, so {@link MxPattern} does the matching). Partial-label
 *       wildcards such as {@code m*.example.com}, which §6.4.3 leaves optional, never match, and neither does a
 *       wildcard directly above a single label such as {@code *.com}.</li>
 *   <li>Names are compared in their A-label form, as DNS and certificates carry them.</li>
 * </ul>
 */
public final class DnsIdentity {

    private static final int DNS_NAME = 2;

    private DnsIdentity() {
    }

    /** The certificate's DNS-IDs ({@code dNSName} subject alternative names), in certificate order. */
    public static List<String> dnsNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        Collection<List<?>> alternatives;
        try {
            alternatives = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return names; // an unreadable extension holds no usable name
        }
        if (alternatives == null) {
            return names;
        }
        for (List<?> alternative : alternatives) {
            if (alternative.size() >= 2 && Integer.valueOf(DNS_NAME).equals(alternative.get(0))
                    && alternative.get(1) instanceof String) {
                names.add((String) alternative.get(1));
            }
        }
        return names;
    }

    /**
     * {@link #matches} as a JSSE host-name check for HTTPS clients, so that the policy host (RFC 8461 §3.3) is
     * judged by the same rule as MX hosts (§4.2) and {@code mta-sts check}: DNS-IDs only, no common-name fallback.
     */
    public static HostnameVerifier hostnameVerifier() {
        return (host, session) -> {
            try {
                Certificate[] chain = session.getPeerCertificates();
                return chain.length > 0 && chain[0] instanceof X509Certificate
                    && matches((X509Certificate) chain[0], host);
            } catch (SSLPeerUnverifiedException e) {
                return false;
            }
        };
    }

    /** Whether one of the certificate's DNS-IDs matches {@code host}. */
    public static boolean matches(X509Certificate certificate, String host) {
        for (String name : dnsNames(certificate)) {
            if (nameMatches(name, host)) {
                return true;
            }
        }
        return false;
    }

    /** One DNS-ID against one host name, by the rules above. */
    public static boolean nameMatches(String dnsId, String host) {
        String name = dnsId.endsWith(".") ? dnsId.substring(0, dnsId.length() - 1) : dnsId;
        if (name.isEmpty() || name.equals("*") || host.isEmpty()) {
            return false;
        }
        if (name.startsWith("*.") && name.indexOf('.', 2) < 0) {
            return false; // *.com: a wildcard over a whole top-level domain
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '*' && i != 0 || c > 0x7e || c <= 0x20) {
                return false; // partial or inner wildcard, or not a host name at all
            }
        }
        return new MxPattern(name).matches(host);
    }
}
