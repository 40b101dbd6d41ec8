/**
 * The owner's side of SMTP TLS reporting (RFC 8460): the reports other senders mail about our own domains.
 *
 * <p>{@link dev.mtasts.inbound.ReportMailReader} finds the report in a mail (§5.3: {@code multipart/report;
 * report-type=tlsrpt}, or the shapes real senders use instead), decompresses it within {@link
 * dev.mtasts.inbound.ReportLimits} and hands the JSON to {@link dev.mtasts.inbound.TlsRptJsonParser} (§4). Every input
 * ends in a {@link dev.mtasts.inbound.ParseOutcome}: a {@link dev.mtasts.inbound.ReceivedReport}, or a
 * {@link dev.mtasts.inbound.RejectionReason} and why. {@link dev.mtasts.inbound.ReportAcceptance} decides whether a
 * report is ours to keep; a {@link dev.mtasts.inbound.ReceivedReportStore} keeps it once. Two pure functions read the
 * kept reports: {@link dev.mtasts.inbound.ReportSummary} (what senders saw) and {@link
 * dev.mtasts.inbound.RolloutAdvice} (whether a {@code testing} policy can be enforced, RFC 8461 §5);
 * {@link dev.mtasts.inbound.InboundJson} gives both their one JSON shape.
 *
 * <p>Nothing here knows a mail server: the James mailet and the {@code mta-sts reports} command both drive it.
 */
package dev.mtasts.inbound;
