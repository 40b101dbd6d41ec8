/**
 * SMTP TLS reporting (RFC 8460) and the figures operators watch.
 *
 * <p>Every delivery attempt to a policy domain ends in a {@link dev.mtasts.outcome.TlsOutcome}: success, or a failure
 * named by an RFC 8460 {@link dev.mtasts.outcome.ResultType}. The {@link dev.mtasts.report.TlsReportAggregator}
 * counts outcomes per UTC day, policy domain and policy; after the day ends, the
 * {@link dev.mtasts.report.TlsReportScheduler} turns each domain's counts into one report
 * ({@link dev.mtasts.report.TlsReportBuilder}, §4.4), looks up where the domain wants it ({@code _smtp._tls} TXT,
 * §3) and sends it gzip-compressed by {@code https:} POST or by mail (§5), retrying for a while when that fails.
 * {@link dev.mtasts.report.DeliveryStatistics} keeps hourly counts for the operators' figures. Counts, reports not yet
 * delivered and figures persist in a {@link dev.mtasts.report.TlsReportStore}. {@link dev.mtasts.report.TlsReporting}
 * wires it all together.
 *
 * <p>Nothing here knows a mail server: mail goes out through a {@link dev.mtasts.report.MailReportTransport} that the
 * mail server provides.
 */
package dev.mtasts.report;
