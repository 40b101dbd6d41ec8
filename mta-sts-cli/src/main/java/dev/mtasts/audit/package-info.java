/**
 * Audits a domain's MTA-STS publication from the outside, the way a sending MTA meets it: the
 * {@code _mta-sts} TXT record (RFC 8461 §3.1), the policy host and what it serves (§3.3), the policy text (§3.2),
 * whether the policy's {@code mx} patterns cover the domain's MX hosts (§4.1), whether each MX host offers
 * STARTTLS with a certificate valid for its name (§4.2), and the TLS reporting record (RFC 8460 §3).
 *
 * <p>{@link dev.mtasts.audit.DomainAudit} runs every check and returns an {@link dev.mtasts.audit.AuditReport}:
 * a list of {@link dev.mtasts.audit.Finding}s, each with a stable {@link dev.mtasts.audit.FindingCode}. The RFC
 * rules themselves (record grammar, policy grammar, MX matching) are the engine's: this package only adds what
 * an operator needs to hear about them. Nothing here throws for bad input from the network: every failure is
 * a finding.
 */
package dev.mtasts.audit;
