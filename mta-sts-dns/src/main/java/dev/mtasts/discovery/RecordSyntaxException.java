package dev.mtasts.discovery;

/** A TXT record value that does not follow its grammar; the message says where and why. */
public final class RecordSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    public RecordSyntaxException(String message) {
        super(message);
    }
}
