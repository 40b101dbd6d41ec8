package dev.mtasts.fetch;

import java.util.Objects;

/** A trust anchor source (a PEM file, a keystore, the JDK's own store) that cannot be used, and why. */
public final class TrustAnchorException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String reason;

    public TrustAnchorException(String source, String reason) {
        this(source, reason, null);
    }

    public TrustAnchorException(String source, String reason, Throwable cause) {
        super(Objects.requireNonNull(source, "source") + ": " + Objects.requireNonNull(reason, "reason"), cause);
        this.source = source;
        this.reason = reason;
    }

    /** The file name, or a description such as {@code JDK default trust store}. */
    public String source() {
        return source;
    }

    /** What is wrong with it, for a person. */
    public String reason() {
        return reason;
    }
}
