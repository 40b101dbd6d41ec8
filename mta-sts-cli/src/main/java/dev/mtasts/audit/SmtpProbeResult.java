package dev.mtasts.audit;

import java.net.InetAddress;
import java.util.List;

/** How far an SMTP probe of one MX host got (RFC 5321, RFC 3207 STARTTLS). */
sealed interface SmtpProbeResult {

    /** No address accepted a connection. */
    record Unreachable(String detail) implements SmtpProbeResult {
    }

    /** The greeting or EHLO failed: a refusal, a broken reply, a timeout. */
    record SmtpFailed(InetAddress address, String stage, String detail) implements SmtpProbeResult {
    }

    /** EHLO succeeded without STARTTLS among the extensions. */
    record NoStartTls(InetAddress address, List<String> extensions) implements SmtpProbeResult {
    }

    /** STARTTLS was offered but answered with something other than 220. */
    record StartTlsRefused(InetAddress address, String reply) implements SmtpProbeResult {
    }

    /** The TLS handshake after STARTTLS failed. */
    record HandshakeFailed(InetAddress address, String detail, boolean versionProblem) implements SmtpProbeResult {
    }

    /** TLS is up; what the handshake showed. */
    record Secured(TlsPeer peer) implements SmtpProbeResult {
    }
}
