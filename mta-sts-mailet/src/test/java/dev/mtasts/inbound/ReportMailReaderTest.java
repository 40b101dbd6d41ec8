package dev.mtasts.inbound;

import static dev.mtasts.inbound.Mails.base64;
import static dev.mtasts.inbound.Mails.gzip;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 8460 §5.3: finding, decoding and decompressing the report in a mail or file, within the limits. */
class ReportMailReaderTest {

    private static final String JSON = ReportJson.report(ReportJson.policy("example.com", 10, 0));
    private static final byte[] JSON_BYTES = JSON.getBytes(StandardCharsets.UTF_8);
    private static final String GZIP_BASE64 = base64(gzip(JSON_BYTES));
    private static final String BASE64 = "Content-Transfer-Encoding: base64\r\n";
    private static final ReportMailReader READER = new ReportMailReader(ReportLimits.defaults());

    record Example(String name, byte[] mail, RejectionReason rejection) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Example> mails() {
        byte[] bomb = gzip(new byte[30 * 1024 * 1024]);
        return Stream.of(
                accepted("multipart/report with application/tlsrpt+gzip", Mails.multipartReport(
                        "Content-Type: application/tlsrpt+gzip\r\n" + BASE64
                                + "Content-Disposition: attachment; filename=\"s!example.com!1!2.json.gz\"\r\n",
                        GZIP_BASE64)),
                accepted("multipart/report with application/tlsrpt+json",
                        Mails.multipartReport("Content-Type: application/tlsrpt+json\r\n", JSON)),
                accepted("+json part in base64", Mails.multipartReport("Content-Type: application/tlsrpt+json\r\n"
                        + BASE64, base64(JSON_BYTES))),
                accepted("+json part that is base64 without saying so", Mails.multipartReport(
                        "Content-Type: application/tlsrpt+json\r\n", base64(JSON_BYTES))),
                accepted("+gzip part that is in fact plain JSON", Mails.multipartReport(
                        "Content-Type: application/tlsrpt+gzip\r\n", JSON)),
                accepted("+gzip part that is plain JSON in base64", Mails.multipartReport(
                        "Content-Type: application/tlsrpt+gzip\r\n" + BASE64, base64(JSON_BYTES))),
                accepted("media type parameters and case", Mails.multipartReport(
                        "Content-Type: Application/TLSRPT+GZIP; name=\"r.json.gz\"\r\n" + BASE64, GZIP_BASE64)),
                accepted("single-part report", Mails.singlePart("Content-Type: application/tlsrpt+gzip\r\n" + BASE64,
                        GZIP_BASE64)),
                accepted("attachment named .json.gz", Mails.multipart("multipart/mixed",
                        "Content-Type: application/octet-stream\r\n" + BASE64
                                + "Content-Disposition: attachment; filename=\"google.com!example.com!1!2.json.gz\"\r\n",
                        GZIP_BASE64)),
                accepted("attachment named .json", Mails.multipart("multipart/mixed",
                        "Content-Type: application/json; name=\"report.json\"\r\n", JSON)),
                accepted("attachment named .gz", Mails.multipart("multipart/mixed",
                        "Content-Type: application/gzip\r\n" + BASE64
                                + "Content-Disposition: attachment; filename=\"report.gz\"\r\n", GZIP_BASE64)),
                accepted("report part in a nested multipart", Mails.multipart("multipart/mixed",
                        "Content-Type: multipart/alternative; boundary=\"b2\"\r\n",
                        "--b2\r\nContent-Type: application/tlsrpt+gzip\r\n" + BASE64 + "\r\n" + GZIP_BASE64
                                + "\r\n--b2--")),
                rejected("text only", Mails.singlePart("Content-Type: text/plain\r\n", JSON),
                        RejectionReason.NOT_A_REPORT),
                rejected("multipart/report of another report type", Mails.multipart(
                        "multipart/report; report-type=delivery-status", "Content-Type: message/delivery-status\r\n",
                        "Reporting-MTA: dns; mx.example.com"), RejectionReason.NOT_A_REPORT),
                rejected("attachment with another name", Mails.multipart("multipart/mixed",
                        "Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"r.txt\"\r\n",
                        JSON), RejectionReason.NOT_A_REPORT),
                rejected("broken JSON", Mails.multipartReport("Content-Type: application/tlsrpt+gzip\r\n" + BASE64,
                        base64(gzip(JSON.substring(0, 50).getBytes(StandardCharsets.UTF_8)))),
                        RejectionReason.INVALID_JSON),
                rejected("corrupt gzip", Mails.multipartReport("Content-Type: application/tlsrpt+gzip\r\n" + BASE64,
                        base64(new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7})),
                        RejectionReason.INVALID_REPORT),
                rejected("gzip bomb: 30 KiB inflating to 30 MiB", Mails.multipartReport(
                        "Content-Type: application/tlsrpt+gzip\r\n" + BASE64, base64(bomb)),
                        RejectionReason.DECOMPRESSION_BOMB),
                rejected("valid JSON, not a report", Mails.multipartReport(
                        "Content-Type: application/tlsrpt+json\r\n", "{\"a\": 1}"), RejectionReason.INVALID_REPORT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mails")
    void readsMails(Example example) throws Exception {
        ParseOutcome outcome = READER.read(message(example.mail()));

        assertOutcome(outcome, example.rejection());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mails")
    void readsTheSameMailsAsFiles(Example example) {
        assertOutcome(READER.read(example.mail()), example.rejection());
    }

    static Stream<Example> files() {
        return Stream.of(
                accepted(".json", JSON_BYTES),
                accepted(".json.gz", gzip(JSON_BYTES)),
                accepted(".json with leading white space", ("\n  " + JSON).getBytes(StandardCharsets.UTF_8)),
                rejected("neither JSON, gzip nor a mail", "hello".getBytes(StandardCharsets.UTF_8),
                        RejectionReason.NOT_A_REPORT),
                rejected("empty", new byte[0], RejectionReason.NOT_A_REPORT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void readsFiles(Example example) {
        assertOutcome(READER.read(example.mail()), example.rejection());
    }

    @Test
    void rejectsAMailLargerThanTheLimit() throws Exception {
        byte[] mail = Mails.multipartReport("Content-Type: application/tlsrpt+json\r\n", JSON + " ".repeat(5000));
        ReportMailReader small = new ReportMailReader(new ReportLimits(4000, 100_000, 100, 10, 10));

        assertOutcome(small.read(message(mail)), RejectionReason.TOO_LARGE);
        assertOutcome(small.read(mail), RejectionReason.TOO_LARGE);
    }

    @Test
    void rejectsAReportPartLargerThanTheMailLimitEvenWhenTheMailDoesNotSaySo() throws Exception {
        MimeMessage message = message(Mails.multipartReport("Content-Type: application/tlsrpt+json\r\n",
                JSON + " ".repeat(5000)));
        ReportMailReader small = new ReportMailReader(new ReportLimits(4000, 100_000, 100, 10, 10));

        assertThat(small.read(new MimeMessage(message) {
            @Override
            public int getSize() {
                return -1;
            }
        })).isInstanceOfSatisfying(ParseOutcome.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(RejectionReason.TOO_LARGE);
            assertThat(rejected.detail()).contains("the report part is larger than 4000");
        });
    }

    @Test
    void rejectsAGzipInflatingBeyondTheDecompressedLimitAtAnOrdinaryRatio() {
        byte[] noise = new byte[3 * 1024 * 1024];
        new Random(1).nextBytes(noise);
        byte[] compressed = gzip(base64(noise).getBytes(StandardCharsets.US_ASCII));
        ReportMailReader reader = new ReportMailReader(new ReportLimits(10 << 20, 2 << 20, 100, 10, 10));

        assertOutcome(reader.read(compressed), RejectionReason.TOO_LARGE);
    }

    @Test
    void acceptsAHighRatioBelowOneMebibyte() {
        byte[] padded = (JSON.substring(0, JSON.length() - 1) + " ".repeat(500_000) + "}")
                .getBytes(StandardCharsets.UTF_8);

        assertOutcome(READER.read(gzip(padded)), null);
    }

    private static void assertOutcome(ParseOutcome outcome, RejectionReason rejection) {
        if (rejection == null) {
            assertThat(outcome).isInstanceOfSatisfying(ParseOutcome.Parsed.class,
                    parsed -> assertThat(parsed.report().successfulSessions()).isEqualTo(10));
        } else {
            assertThat(outcome).isInstanceOfSatisfying(ParseOutcome.Rejected.class,
                    rejected -> assertThat(rejected.reason()).isEqualTo(rejection));
        }
    }

    private static MimeMessage message(byte[] mail) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mail));
    }

    private static Example accepted(String name, byte[] mail) {
        return new Example(name, mail, null);
    }

    private static Example rejected(String name, byte[] mail, RejectionReason reason) {
        return new Example(name, mail, reason);
    }
}
