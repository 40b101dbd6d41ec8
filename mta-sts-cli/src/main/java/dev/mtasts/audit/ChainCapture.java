package dev.mtasts.audit;

import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager for one handshake that accepts any server chain and keeps it, so that the audit can report
 * everything wrong with a certificate instead of only the first failure. The chain is validated afterwards with
 * the real trust anchors ({@link CertificateAudit}); nothing is ever sent over a connection made this way except
 * the probe's own requests.
 *
 * <p>An {@link X509ExtendedTrustManager}, so that the JDK uses it as it is, without adding host name or
 * algorithm checks of its own.
 */
final class ChainCapture extends X509ExtendedTrustManager {

    private volatile List<X509Certificate> chain = List.of();
    private volatile String authType = "UNKNOWN";

    List<X509Certificate> chain() {
        return chain;
    }

    String authType() {
        return authType;
    }

    private void keep(X509Certificate[] presented, String type) {
        chain = presented == null ? List.of() : List.of(presented);
        authType = type == null ? "UNKNOWN" : type;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String type) {
        keep(presented, type);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String type, Socket socket) {
        keep(presented, type);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String type, SSLEngine engine) {
        keep(presented, type);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String type) {
        throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String type, Socket socket) {
        throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String type, SSLEngine engine) {
        throw new UnsupportedOperationException("client side only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
