/**
 * What a domain owner publishes to adopt MTA-STS: a policy built from the domain's MX records (RFC 8461 §3.2),
 * the {@code _mta-sts} TXT record that announces it (§3.1) and a TLS reporting record (RFC 8460 §3).
 */
package dev.mtasts.publish;
