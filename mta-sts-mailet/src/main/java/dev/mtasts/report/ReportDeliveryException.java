package dev.mtasts.report;

/** A report could not be handed over to one destination; it will be tried again. */
public final class ReportDeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    public ReportDeliveryException(String message) {
        super(message);
    }

    public ReportDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
