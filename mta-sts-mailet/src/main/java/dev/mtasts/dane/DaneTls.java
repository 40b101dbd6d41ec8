package dev.mtasts.dane;

import dev.mtasts.certificate.DnsIdentity;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * TLS to a DANE MX host after STARTTLS (RFC 7672 §3, §8.1): TLS 1.2 or 1.3 only, SNI the TLSA base domain, the
 * certificate authenticated by {@link DaneTrustManager}. Where an MTA-STS {@code enforce} policy applies too, the
 * chain must also pass PKIX against {@code pkix} and name the MX host (RFC 8461 §4.2): both must pass, DANE is
 * checked first and its failure is final (RFC 8461 §2: MTA-STS never rescues it).
 */
public final class DaneTls {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private DaneTls() {
    }

    /** The trust manager for a DANE host, with MTA-STS's PKIX and name check on top when {@code pkix} is given. */
    public static X509ExtendedTrustManager trustManager(DaneRequirement requirement, Optional<X509TrustManager> pkix,
            Clock clock, Consumer<DaneVerdict> verdicts) {
        DaneTrustManager dane = new DaneTrustManager(requirement, clock, verdicts);
        return pkix.<X509ExtendedTrustManager>map(trust -> new BothTrustManager(dane, trust, requirement.host()))
                .orElse(dane);
    }

    /**
     * Upgrades {@code connected} (after the server's 220 to STARTTLS) and completes the handshake.
     *
     * @throws IOException the handshake failed; a DANE failure has a {@link DaneCertificateException} among its causes
     */
    public static SSLSocket startTls(Socket connected, DaneRequirement requirement, Optional<X509TrustManager> pkix,
            Clock clock, Consumer<DaneVerdict> verdicts) throws IOException {
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager(requirement, pkix, clock, verdicts)}, null);
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is not available: " + e.getMessage(), e);
        }
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(connected, requirement.host(),
                connected.getPort(), true);
        socket.setUseClientMode(true);
        socket.setSSLParameters(parameters(socket.getSSLParameters(), requirement.host()));
        socket.startHandshake();
        return socket;
    }

    /** TLS 1.2+ and SNI = the host (RFC 7672 §8.1); no JSSE endpoint identification (DANE names are checked here). */
    public static SSLParameters parameters(SSLParameters base, String host) {
        base.setProtocols(PROTOCOLS);
        base.setServerNames(List.of(new SNIHostName(host)));
        base.setEndpointIdentificationAlgorithm(null);
        return base;
    }

    /** DANE, then PKIX and the MX host name: both must pass. */
    static final class BothTrustManager extends ServerOnlyTrustManager {

        private final DaneTrustManager dane;
        private final X509TrustManager pkix;
        private final String host;

        BothTrustManager(DaneTrustManager dane, X509TrustManager pkix, String host) {
            this.dane = Objects.requireNonNull(dane, "dane");
            this.pkix = Objects.requireNonNull(pkix, "pkix");
            this.host = Objects.requireNonNull(host, "host");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            dane.checkServerTrusted(chain, authType); // RFC 8461 §2: a DANE failure is final
            pkix.checkServerTrusted(chain, authType);
            if (!DnsIdentity.matches(chain[0], host)) {
                throw new CertificateException("MTA-STS: the certificate names " + DnsIdentity.dnsNames(chain[0])
                        + ", not " + host + " (RFC 8461 §4.2)");
            }
        }
    }
}
