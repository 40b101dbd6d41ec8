/**
 * DANE for outbound SMTP (RFC 7672): which TLSA records are usable, whether a certificate chain matches them,
 * and the one decision of what DANE and MTA-STS together demand of an MX host ({@link dev.mtasts.dane.DaneDecision}).
 *
 * <p>DNSSEC is not validated here: the DNSSEC status comes from a validating resolver's AD bit
 * ({@code dev.mtasts.dns.DnssecLookup}). Facts are gathered by {@link dev.mtasts.dane.DaneFactsLookup}, decided
 * by {@link dev.mtasts.dane.DaneDecision#decide}, and a session to a DANE host is authenticated by
 * {@link dev.mtasts.dane.DaneTrustManager} ({@link dev.mtasts.dane.DaneAuthenticator}). No James type here.
 */
package dev.mtasts.dane;
