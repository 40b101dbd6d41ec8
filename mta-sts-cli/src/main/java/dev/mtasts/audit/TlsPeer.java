package dev.mtasts.audit;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What a completed TLS handshake showed of the server.
 *
 * @param address     the address connected to
 * @param protocol    the negotiated version, e.g. {@code TLSv1.3}
 * @param cipherSuite the negotiated cipher suite
 * @param chain       the certificates the server presented, leaf first, whether or not they validate
 * @param authType    the key exchange's authentication type, as the JDK gives it to a trust manager
 */
public record TlsPeer(InetAddress address, String protocol, String cipherSuite, List<X509Certificate> chain,
                      String authType) {

    public TlsPeer {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        chain = List.copyOf(chain);
        Objects.requireNonNull(authType, "authType");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a TLS server presents at least one certificate");
        }
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }
}
