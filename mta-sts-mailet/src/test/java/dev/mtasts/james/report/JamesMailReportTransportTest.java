package dev.mtasts.james.report;

import dev.mtasts.report.TlsReportMail;
import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 8460 §5.3: the report mail's headers and MIME structure, after a round trip through the wire format. */
class JamesMailReportTransportTest {

    private static final byte[] GZIP = {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3};

    @Test
    void theReportIsAMultipartReportWithTheGzipAttachment() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(TlsReportMail.DOMAIN_HEADER, "example.com");
        headers.put(TlsReportMail.SUBMITTER_HEADER, "mail.sender.example");
        headers.put(TlsReportMail.TLS_REQUIRED_HEADER, "No");
        TlsReportMail mail = new TlsReportMail("tlsrpt@example.com",
            "Report Domain: example.com Submitter: mail.sender.example Report-ID: <r1@mail.sender.example>", headers,
            GZIP, "mail.sender.example!example.com!1700000000!1700086399.json.gz", "A TLS report.", "r1");

        MimeMessage built = JamesMailReportTransport.toMessage(mail, new MailAddress("postmaster@sender.example"));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        built.writeTo(wire);
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(wire.toByteArray()));

        ContentType type = new ContentType(message.getContentType());
        assertThat(type.getBaseType()).isEqualTo("multipart/report");
        assertThat(type.getParameter("report-type")).isEqualTo("tlsrpt");
        assertThat(message.getSubject()).isEqualTo(mail.subject());
        assertThat(message.getHeader("TLS-Report-Domain", null)).isEqualTo("example.com");
        assertThat(message.getHeader("TLS-Report-Submitter", null)).isEqualTo("mail.sender.example");
        assertThat(message.getHeader("TLS-Required", null)).isEqualTo("No");
        assertThat(message.getFrom()[0].toString()).isEqualTo("postmaster@sender.example");
        Multipart parts = (Multipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
        Part report = parts.getBodyPart(1);
        assertThat(report.isMimeType("application/tlsrpt+gzip")).isTrue();
        assertThat(report.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(report.getFileName()).isEqualTo(mail.attachmentFileName());
        assertThat(report.getInputStream().readAllBytes()).isEqualTo(GZIP);
    }
}
