package dev.mtasts.audit;

/** The server's side of the SMTP dialogue broke the protocol, or the connection ended in the middle of it. */
final class SmtpProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    SmtpProtocolException(String message) {
        super(message);
    }
}
