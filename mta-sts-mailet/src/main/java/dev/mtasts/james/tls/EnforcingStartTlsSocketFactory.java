package dev.mtasts.james.tls;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * STARTTLS for enforce domains: a certificate that fails RFC 8461 §4.2 aborts the handshake. Named in
 * {@code mail.smtp.ssl.socketFactory.class}; JavaMail calls {@link #getDefault()}.
 */
public final class EnforcingStartTlsSocketFactory extends ScopedStartTlsSocketFactory {

    private static final EnforcingStartTlsSocketFactory INSTANCE = new EnforcingStartTlsSocketFactory();

    /** Called by JavaMail by reflection. */
    public static SocketFactory getDefault() {
        return INSTANCE;
    }

    @Override
    SSLSocketFactory choose(MxTls tls) {
        return tls.enforcing();
    }
}
