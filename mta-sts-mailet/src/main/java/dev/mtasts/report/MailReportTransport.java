package dev.mtasts.report;

/**
 * Sends a TLS report to a {@code mailto:} destination (RFC 8460 §5.3). The mail system implements it; the engine
 * knows no mail API.
 */
public interface MailReportTransport {

    /**
     * Hands {@code mail} over for delivery: once this returns, the mail system owns it (queued is enough).
     *
     * @throws ReportDeliveryException when it could not be handed over; the report is tried again later
     */
    void send(TlsReportMail mail) throws ReportDeliveryException;
}
