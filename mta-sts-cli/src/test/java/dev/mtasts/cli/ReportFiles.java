package dev.mtasts.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/** RFC 8460 report files and mails for the {@code mta-sts reports} tests. */
final class ReportFiles {

    private ReportFiles() {
    }

    /** One organization's report about {@code domain} for {@code day}, failures at mx1 of the domain. */
    static String json(String organization, String domain, LocalDate day, long successful, long failed) {
        String details = failed == 0 ? "" : """
                {"result-type": "certificate-expired", "receiving-mx-hostname": "mx1.%s",
                 "failed-session-count": %d}""".formatted(domain, failed);
        return """
                {"organization-name": "%s", "report-id": "%s-%s-%s",
                 "date-range": {"start-datetime": "%sT00:00:00Z", "end-datetime": "%sT23:59:59Z"},
                 "contact-info": null,
                 "policies": [{"policy": {"policy-type": "sts", "policy-domain": "%s", "mx-host": "mx1.%s"},
                               "summary": {"total-successful-session-count": %d, "total-failure-session-count": %d},
                               "failure-details": [%s]}]}"""
                .formatted(organization, organization, domain, day, day, day, domain, domain, successful, failed,
                        details);
    }

    /** RFC 8460 §5.3 mail to {@code tls-reports@recipientDomain} with the report gzip-compressed. */
    static String mail(String recipientDomain, String json) {
        return """
                From: tlsrpt@sender.example\r
                To: TLS reports <tls-reports@%s>\r
                Date: Tue, 17 Nov 2026 01:02:03 +0000\r
                Subject: Report Domain: %s Submitter: sender.example Report-ID: <1>\r
                MIME-Version: 1.0\r
                Content-Type: multipart/report; report-type="tlsrpt"; boundary="b1"\r
                \r
                --b1\r
                Content-Type: text/plain\r
                \r
                A TLS report.\r
                --b1\r
                Content-Type: application/tlsrpt+gzip\r
                Content-Transfer-Encoding: base64\r
                \r
                %s\r
                --b1--\r
                """.formatted(recipientDomain, recipientDomain,
                Base64.getMimeEncoder().encodeToString(gzip(json.getBytes(StandardCharsets.UTF_8))));
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path file, String text) {
        return write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
