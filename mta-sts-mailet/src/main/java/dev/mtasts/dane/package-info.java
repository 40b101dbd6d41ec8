/**
 * DANE for outbound SMTP (RFC 7672): which TLSA records are usable, whether a certificate chain matches them,
 * and the one decision of what DANE and MTA-STS together demand of an MX host ({@link dev.mtasts.dane.DaneDecision}).
 *
 * <p>DNSSEC is not validated here: the DNSSEC status comes from a validating resolver's AD bit
 * ({@code dev.mtasts.dns.DnssecLookup}). Facts are gathered by {@link dev.mtasts.dane.DaneFactsLookup}, decided
 * by {@link dev.mtasts.dane.DaneDecision#decide} (per attempt: {@link dev.mtasts.dane.DanePlanner},
 * {@link dev.mtasts.dane.DomainPlan}), and a certificate chain is authenticated by
 * {@link dev.mtasts.dane.DaneAuthenticator}; the delivery's TLS sessions do it through
 * {@code dev.mtasts.james.tls.DaneSessionCheck}. No James type here.
 */
package dev.mtasts.dane;
