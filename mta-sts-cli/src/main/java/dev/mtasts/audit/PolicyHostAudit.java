package dev.mtasts.audit;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Judges what {@link PolicyHostInspector} saw against RFC 8461 §3.3 (TLS, certificate, HTTP 200, no redirect,
 * size) and §3.2 (media type, line endings), and hands the policy text on when there is one.
 */
final class PolicyHostAudit {

    private static final int MAX_SHOWN_VALUE = 120;

    private final PolicyHostInspector inspector;
    private final CertificateAudit certificates;

    PolicyHostAudit(PolicyHostInspector inspector, CertificateAudit certificates) {
        this.inspector = Objects.requireNonNull(inspector, "inspector");
        this.certificates = Objects.requireNonNull(certificates, "certificates");
    }

    /**
     * Adds the policy host's findings.
     *
     * @return the policy text, when the host served one (even with a wrong media type: its content is still
     *         worth checking)
     */
    Optional<String> check(String domain, Findings findings) {
        String host = PolicyHostInspector.policyHost(domain);
        String url = "https://" + host + PolicyHostInspector.POLICY_PATH;
        PolicyHostInspection inspection = inspector.inspect(domain);
        if (inspection instanceof PolicyHostInspection.NoAddress noAddress) {
            if (noAddress.temporary()) {
                findings.add(FindingCode.POLICY_HOST_DNS_FAILURE, "cannot look up " + host + ": " + noAddress.detail(),
                        "Check that the DNS servers for " + domain + " answer, then run the check again");
            } else {
                findings.add(FindingCode.POLICY_HOST_ADDRESS_MISSING, host + " has no A or AAAA record ("
                        + noAddress.detail() + ")", "Publish an A and/or AAAA record for " + host
                        + " pointing at the web server that serves the policy");
            }
            return Optional.empty();
        }
        if (inspection instanceof PolicyHostInspection.Unreachable unreachable) {
            findings.add(FindingCode.POLICY_HOST_CONNECT_FAILED, "cannot connect to " + host + ": "
                    + unreachable.detail(), "Make the web server listen on port 443 of " + host
                    + "'s addresses, and open the firewall");
            return Optional.empty();
        }
        if (inspection instanceof PolicyHostInspection.HandshakeFailed failed) {
            if (failed.versionProblem()) {
                findings.add(FindingCode.POLICY_HOST_TLS_VERSION, host + " (" + failed.address().getHostAddress()
                        + ") offers neither TLS 1.2 nor TLS 1.3: " + failed.detail(),
                        "Enable TLS 1.2 and 1.3 on the web server (e.g. nginx: ssl_protocols TLSv1.2 TLSv1.3;)");
            } else {
                findings.add(FindingCode.POLICY_HOST_TLS_FAILED, "TLS handshake with " + host + " ("
                        + failed.address().getHostAddress() + ") failed: " + failed.detail(),
                        "Serve HTTPS on port 443 with a certificate for " + host + " (see conf-samples/nginx)");
            }
            return Optional.empty();
        }
        TlsPeer peer = inspection instanceof PolicyHostInspection.Responded responded ? responded.peer()
                : ((PolicyHostInspection.HttpFailed) inspection).peer();
        boolean certificateValid = certificates.check(peer, host, "policy host " + host,
                CertificateCodes.POLICY_HOST, findings);
        if (inspection instanceof PolicyHostInspection.HttpFailed failed) {
            findings.add(FindingCode.POLICY_HOST_HTTP_FAILED, "no complete HTTP response from " + url + ": "
                    + failed.detail(), "Check the web server's error log for " + host);
            return Optional.empty();
        }
        PolicyHostInspection.HttpAnswer answer = ((PolicyHostInspection.Responded) inspection).answer();
        Optional<String> text = judge(url, answer, findings);
        if (certificateValid && text.isPresent() && mediaTypeIsPlainText(answer.contentTypes())) {
            findings.add(FindingCode.POLICY_HOST_OK, url + " served the policy over " + peer.protocol() + " from "
                    + peer.address().getHostAddress() + "; certificate valid for " + certificates.daysLeft(peer.leaf())
                    + " more days", "Nothing to do");
        }
        return text;
    }

    private static Optional<String> judge(String url, PolicyHostInspection.HttpAnswer answer, Findings findings) {
        int status = answer.status();
        if (status >= 300 && status < 400) {
            // RFC 8461 §3.3: senders do not follow redirects
            findings.add(FindingCode.POLICY_HOST_HTTP_REDIRECT, url + " answers HTTP " + status + " redirecting to "
                    + answer.location().map(PolicyHostAudit::shown).orElse("(no Location)"),
                    "Serve the policy itself at this exact URL: senders never follow redirects (RFC 8461 §3.3)."
                    + " Exempt /.well-known/mta-sts.txt from any HTTP-to-HTTPS or www redirect");
            return Optional.empty();
        }
        if (status != 200) {
            // RFC 8461 §3.3: only HTTP 200 is a policy
            findings.add(FindingCode.POLICY_HOST_HTTP_STATUS, url + " answers HTTP " + status
                    + (answer.reason().isEmpty() ? "" : " " + shown(answer.reason())) + " instead of 200",
                    "Put the policy file at /.well-known/mta-sts.txt under the policy host's document root");
            return Optional.empty();
        }
        checkMediaType(url, answer.contentTypes(), findings);
        if (answer.tooLarge()) {
            findings.add(FindingCode.POLICY_HOST_TOO_LARGE, url + " serves more than "
                    + PolicyHostInspector.MAX_BODY_BYTES + " bytes; senders stop reading at 64 KiB (RFC 8461 §3.3)",
                    "Serve only the policy: a few lines of text");
            return Optional.empty();
        }
        byte[] body = answer.body().orElse(new byte[0]);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            findings.add(FindingCode.POLICY_INVALID, "the policy served at " + url + " is not UTF-8 text",
                    "Save the policy as plain ASCII text");
            return Optional.empty();
        }
        checkLineEndings(url, text, findings);
        return Optional.of(text);
    }

    /** RFC 8461 §3.2: {@code text/plain}, case-insensitive, parameters such as {@code charset} allowed. */
    private static void checkMediaType(String url, List<String> contentTypes, Findings findings) {
        String fix = "Serve the file as text/plain (nginx: default_type text/plain; in the location, see"
                + " conf-samples/nginx/mta-sts.conf)";
        if (contentTypes.isEmpty()) {
            findings.add(FindingCode.POLICY_HOST_CONTENT_TYPE, url + " has no Content-Type; senders require"
                    + " text/plain (RFC 8461 §3.2)", fix);
        } else if (contentTypes.size() > 1) {
            findings.add(FindingCode.POLICY_HOST_CONTENT_TYPE, url + " has " + contentTypes.size()
                    + " Content-Type headers: " + shown(String.join(" | ", contentTypes)), fix);
        } else if (!mediaTypeIsPlainText(contentTypes)) {
            findings.add(FindingCode.POLICY_HOST_CONTENT_TYPE, url + " is served as " + shown(contentTypes.get(0))
                    + ", not text/plain (RFC 8461 §3.2)", fix);
        }
    }

    private static boolean mediaTypeIsPlainText(List<String> contentTypes) {
        if (contentTypes.size() != 1) {
            return false;
        }
        String value = contentTypes.get(0);
        int parameters = value.indexOf(';');
        return (parameters < 0 ? value : value.substring(0, parameters)).trim().equalsIgnoreCase("text/plain");
    }

    /** RFC 8461 §3.2 allows LF or CRLF ({@code sts-policy-term}); the RFC's own examples use CRLF. */
    private static void checkLineEndings(String url, String text, Findings findings) {
        int crlf = 0;
        int bareLf = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (i > 0 && text.charAt(i - 1) == '\r') {
                    crlf++;
                } else {
                    bareLf++;
                }
            }
        }
        if (bareLf > 0) {
            findings.add(FindingCode.POLICY_HOST_LINE_ENDINGS, "the policy at " + url + " ends "
                    + (crlf == 0 ? "its lines with LF" : bareLf + " lines with LF and " + crlf + " with CRLF")
                    + "; RFC 8461 §3.2 accepts both, its examples use CRLF",
                    "Nothing required; convert to CRLF (e.g. unix2dos) to match the RFC's examples");
        }
    }

    /** A value from the network, cut short. */
    private static String shown(String value) {
        String cut = value.length() > MAX_SHOWN_VALUE ? value.substring(0, MAX_SHOWN_VALUE) + "…" : value;
        return "'" + cut + "'";
    }
}
