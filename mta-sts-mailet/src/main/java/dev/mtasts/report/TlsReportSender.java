package dev.mtasts.report;

import dev.mtasts.discovery.RecordDiscovery;
import dev.mtasts.discovery.TlsRptDiscovery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Delivers one report to where its policy domain asks (RFC 8460 §3, §5): the {@code rua} URIs of the
 * {@code _smtp._tls.<domain>} TXT record, read at the time of sending. {@code https:} destinations get a POST
 * (§5.4), {@code mailto:} destinations a mail (§5.3); other schemes are skipped. Destinations that already have the
 * report are not sent it again.
 *
 * <p>Never throws: every outcome is a {@link ReportSendResult}.
 */
public final class TlsReportSender {

    private static final Logger LOGGER = LoggerFactory.getLogger(TlsReportSender.class);
    private static final String MAILTO = "mailto";
    private static final String HTTPS = "https";

    private final TlsReportBuilder builder;
    private final RecordDiscovery discovery;
    private final HttpsReportTransport https;
    private final MailReportTransport mail;

    public TlsReportSender(TlsReportBuilder builder, RecordDiscovery discovery, HttpsReportTransport https,
                           MailReportTransport mail) {
        this.builder = Objects.requireNonNull(builder, "builder");
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.https = Objects.requireNonNull(https, "https");
        this.mail = Objects.requireNonNull(mail, "mail");
    }

    public ReportSendResult send(PendingReport pending) {
        try {
            return sendReport(pending);
        } catch (RuntimeException e) {
            LOGGER.error("TLS report {} for {} could not be sent", pending.reportId(), pending.domain(), e);
            return new ReportSendResult.Incomplete(pending.deliveredTo(), "internal error: " + e);
        }
    }

    private ReportSendResult sendReport(PendingReport pending) {
        String domain = pending.domain();
        TlsRptDiscovery found = discovery.tlsRpt(domain);
        if (found instanceof TlsRptDiscovery.Absent) {
            TlsRptDiscovery.Absent absent = (TlsRptDiscovery.Absent) found;
            return new ReportSendResult.NotWanted("no TLSRPT record for " + domain + ": " + absent.detail());
        }
        if (found instanceof TlsRptDiscovery.Invalid) {
            TlsRptDiscovery.Invalid invalid = (TlsRptDiscovery.Invalid) found;
            return new ReportSendResult.NotWanted("invalid TLSRPT record for " + domain + ": " + invalid.detail());
        }
        if (found instanceof TlsRptDiscovery.TemporaryFailure) {
            TlsRptDiscovery.TemporaryFailure failure = (TlsRptDiscovery.TemporaryFailure) found;
            return new ReportSendResult.Incomplete(pending.deliveredTo(),
                    "TLSRPT record of " + domain + " could not be read: " + failure.detail());
        }
        List<URI> rua = ((TlsRptDiscovery.Found) found).record().rua();
        Set<String> delivered = new LinkedHashSet<>(pending.deliveredTo());
        List<String> problems = new ArrayList<>();
        boolean anyDestination = false;
        TlsReport report = builder.build(pending);
        byte[] gzipped = null;
        for (URI uri : rua) {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals(HTTPS)) {
                anyDestination = true;
                String destination = uri.toString();
                if (delivered.contains(destination)) {
                    continue;
                }
                gzipped = gzipped == null ? report.gzip() : gzipped;
                try {
                    https.post(uri, gzipped);
                    delivered.add(destination);
                    LOGGER.info("TLS report {} for {} ({}) posted to {}", report.reportId(), domain, report.day(),
                            destination);
                } catch (ReportDeliveryException e) {
                    problems.add(e.getMessage());
                }
            } else if (scheme.equals(MAILTO)) {
                for (String address : mailtoAddresses(uri, problems)) {
                    anyDestination = true;
                    String destination = MAILTO + ":" + address;
                    if (delivered.contains(destination)) {
                        continue;
                    }
                    gzipped = gzipped == null ? report.gzip() : gzipped;
                    try {
                        mail.send(builder.mail(report, gzipped, address));
                        delivered.add(destination);
                        LOGGER.info("TLS report {} for {} ({}) mailed to {}", report.reportId(), domain,
                                report.day(), address);
                    } catch (ReportDeliveryException | RuntimeException e) {
                        problems.add("mail to " + address + " failed: " + e.getMessage());
                    }
                }
            } else {
                // RFC 8460 §3: only mailto: and https: are defined; others are ignored
                LOGGER.debug("TLS report for {}: rua {} skipped, scheme not supported", domain, uri);
            }
        }
        if (!anyDestination) {
            return new ReportSendResult.NotWanted("the TLSRPT record of " + domain
                    + " names no usable mailto: or https: destination"
                    + (problems.isEmpty() ? "" : ": " + String.join("; ", problems)));
        }
        if (problems.isEmpty()) {
            return new ReportSendResult.Delivered(List.copyOf(delivered));
        }
        return new ReportSendResult.Incomplete(List.copyOf(delivered), String.join("; ", problems));
    }

    /**
     * The addresses of a {@code mailto:} URI (RFC 6068): the part before any {@code ?}, percent-decoded, split at
     * commas. An address that is not {@code local@domain} is skipped and noted in {@code problems}.
     */
    static List<String> mailtoAddresses(URI uri, List<String> problems) {
        String raw = Optional.ofNullable(uri.getRawSchemeSpecificPart()).orElse("");
        int query = raw.indexOf('?');
        String to = percentDecode(query < 0 ? raw : raw.substring(0, query));
        List<String> addresses = new ArrayList<>();
        for (String candidate : to.split(",", -1)) {
            String address = candidate.strip();
            if (address.isEmpty()) {
                continue;
            }
            if (isPlainAddress(address)) {
                addresses.add(address);
            } else {
                problems.add("not a usable mail address in " + uri + ": '" + address + "'");
            }
        }
        return addresses;
    }

    private static boolean isPlainAddress(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return false;
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == '(' || c == ')' || c == ','
                    || c == ';' || c == '\\' || c == '"') {
                return false;
            }
        }
        return address.indexOf('@') == at;
    }

    /** {@code %XX} sequences as UTF-8 bytes; anything malformed is kept as written. */
    private static String percentDecode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
