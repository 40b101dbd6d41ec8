package dev.mtasts.james.tls;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * STARTTLS for testing domains: the certificate is checked and the outcome reported, and the session goes on
 * whatever the outcome (RFC 8461 §5). Named in {@code mail.smtp.ssl.socketFactory.class}; JavaMail calls
 * {@link #getDefault()}.
 */
public final class ObservingStartTlsSocketFactory extends ScopedStartTlsSocketFactory {

    private static final ObservingStartTlsSocketFactory INSTANCE = new ObservingStartTlsSocketFactory();

    /** Called by JavaMail by reflection. */
    public static SocketFactory getDefault() {
        return INSTANCE;
    }

    @Override
    SSLSocketFactory choose(MxTls tls) {
        return tls.observing();
    }
}
