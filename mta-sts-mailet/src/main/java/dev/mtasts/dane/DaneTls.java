package dev.mtasts.dane;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import java.util.List;

/**
 * The TLS parameters of a session with a DANE MX host after STARTTLS (RFC 7672 §8.1): TLS 1.2 or 1.3 only, SNI the
 * TLSA base domain, and no JSSE endpoint identification (the names DANE-TA demands are checked by
 * {@link DaneAuthenticator}, and DANE-EE demands none).
 */
public final class DaneTls {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private DaneTls() {
    }

    /**
     * @throws IllegalArgumentException when {@code host} is no host name to send as SNI
     */
    public static SSLParameters parameters(SSLParameters base, String host) {
        base.setProtocols(PROTOCOLS.clone());
        base.setServerNames(List.of(new SNIHostName(host)));
        base.setEndpointIdentificationAlgorithm(null);
        return base;
    }
}
