package dev.mtasts.integration.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the TLS report corpus: report mails (RFC 8460 §5.3) in the shapes real senders use, with the JSON of RFC 8460
 * §4 and the quirks the receiver must accept, plus malformed ones, and {@code corpus.json}, the manifest of what each
 * mail is and what the receiver must do with it. The files are committed under
 * {@code src/test/resources/tlsrpt-corpus}; {@link TlsRptCorpusTest} checks they are what this class writes.
 *
 * <p>Run {@code main} with the target directory to rewrite them. Everything is deterministic (gzip headers carry no
 * time, padding comes from a seeded random), so regenerating changes nothing unless this class changed.
 */
public final class TlsRptCorpus {

    /** A James local domain in the test world. */
    public static final String OWN = "own.test";
    /** Not a James domain, listed in {@code reports.inbound.domains}; its reports are mailed to tls-reports@own.test. */
    public static final String SECOND = "second.test";
    /** Neither. */
    public static final String FOREIGN = "foreign.test";
    /** The test world lowers the mail size limit to this, so that the oversize mail stays small in the repository. */
    public static final long TEST_MAX_MAIL_BYTES = 256 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TlsRptCorpus() {
    }

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args.length > 0 ? args[0] : "integration-tests/src/test/resources/tlsrpt-corpus");
        write(directory);
        System.out.println("wrote " + entries().size() + " mails to " + directory.toAbsolutePath());
    }

    /** Writes every mail and the manifest into {@code directory}. */
    public static void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        ArrayNode manifest = JSON.createArrayNode();
        for (Entry entry : entries()) {
            Files.write(directory.resolve(entry.file), entry.mail);
            manifest.add(entry.manifest());
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("description", "RFC 8460 TLS report mails for the inbound receiver; written by "
            + TlsRptCorpus.class.getName());
        root.put("ownDomain", OWN);
        root.put("listedDomain", SECOND);
        root.put("foreignDomain", FOREIGN);
        root.put("testMaxMailBytes", TEST_MAX_MAIL_BYTES);
        root.set("mails", manifest);
        Files.writeString(directory.resolve("corpus.json"), JSON.writeValueAsString(root) + "\n");
    }

    // ---------------------------------------------------------------- the corpus

    /** The mails in the order they are sent (the duplicate comes after its original). */
    public static List<Entry> entries() {
        List<Entry> all = new ArrayList<>();
        String d16 = "2026-11-16T00:00:00Z";
        String e16 = "2026-11-16T23:59:59Z";
        String d17 = "2026-11-17T00:00:00Z";
        String e17 = "2026-11-17T23:59:59Z";
        String d18 = "2026-11-18T00:00:00Z";
        String e18 = "2026-11-18T23:59:59Z";
        String d19 = "2026-11-19T00:00:00Z";
        String e19 = "2026-11-19T23:59:59Z";

        // Google: multipart/report, application/tlsrpt+gzip, one policy per report, 23:59:59Z ends.
        Sender google = new Sender("Google Inc.", "smtp-tls-reporting@google.com", "noreply-smtp-tls-reporting@google.com",
            "google.com");
        all.add(google.report("01-google-own-day1.eml", Shape.MULTIPART_GZIP,
            "2026-11-16T00:00:00Z_own.test", d16, e16, OWN, List.of(),
            sts(OWN, 1200, 0)));
        all.add(google.report("02-google-own-day2.eml", Shape.MULTIPART_GZIP,
            "2026-11-17T00:00:00Z_own.test", d17, e17, OWN, List.of(),
            sts(OWN, 1310, 3, detail("certificate-expired", "209.85.220.41", "mx2.own.test", "127.0.91.12", 3, null))));
        all.add(google.report("03-google-own-day3.eml", Shape.MULTIPART_GZIP,
            "2026-11-18T00:00:00Z_own.test", d18, "2026-11-19T00:00:00Z", OWN, List.of("end-next-midnight"),
            sts(OWN, 1250, 0)));
        all.add(google.report("04-google-second-day1.eml", Shape.MULTIPART_GZIP,
            "2026-11-16T00:00:00Z_second.test", d16, e16, OWN, List.of(),
            sts(SECOND, 500, 0)));

        // Microsoft: GUID report ids, sts-policy-fetch-error details without IPs, policies without policy-string.
        Sender microsoft = new Sender("Microsoft Corporation", "tlsrpt-noreply@microsoft.com",
            "tlsrpt-noreply@microsoft.com", "microsoft.com");
        all.add(microsoft.report("05-microsoft-own-fetch-error.eml", Shape.MULTIPART_GZIP,
            "133456789012345678+own.test", d16, e16, OWN,
            List.of("no-sending-mta-ip", "no-receiving-ip", "no-policy-string"),
            sts(OWN, 800, 2, detailNoIps("sts-policy-fetch-error", 2)).withoutPolicyString()));
        all.add(microsoft.report("06-microsoft-own-mx-string.eml", Shape.MULTIPART_GZIP,
            "133456789098765432+own.test", d17, e17, OWN, List.of("mx-host-string"),
            sts(OWN, 820, 0).withMxString("mx1.own.test")));
        all.add(microsoft.report("07-microsoft-second.eml", Shape.MULTIPART_GZIP,
            "133456789011111111+second.test", d16, e16, OWN, List.of(),
            sts(SECOND, 400, 5, detail("certificate-host-mismatch", "40.107.22.55", "mx.second.test", "127.0.91.21", 5,
                null))));

        // Yahoo: application/tlsrpt+json (uncompressed), once 7bit, once base64.
        Sender yahoo = new Sender("Yahoo", "tlsrpt@yahooinc.com", "noreply@tlsrpt.yahoo.com", "yahoo.com");
        all.add(yahoo.report("08-yahoo-own-json.eml", Shape.MULTIPART_JSON,
            "yahoo-own-20261116", d16, e16, OWN, List.of(),
            sts(OWN, 300, 0)));
        all.add(yahoo.report("09-yahoo-own-json-base64.eml", Shape.MULTIPART_JSON_BASE64,
            "yahoo-own-20261117", d17, e17, OWN, List.of("json-part-base64"),
            sts(OWN, 310, 1, detail("starttls-not-supported", "98.137.11.164", "mx1.own.test", "127.0.91.11", 1, null))));
        all.add(yahoo.report("10-yahoo-second-json.eml", Shape.MULTIPART_JSON,
            "yahoo-second-20261116", d16, e16, OWN, List.of(),
            sts(SECOND, 100, 0)));

        // mail.ru: timestamps without a zone, next-midnight ends, contact-info null, free-text reason codes.
        Sender mailru = new Sender("Mail.Ru", null, "tlsrpt@corp.mail.ru", "mail.ru");
        all.add(mailru.report("11-mailru-own-no-zone.eml", Shape.MULTIPART_GZIP,
            "mailru-own-1", "2026-11-16T00:00:00", "2026-11-17T00:00:00", OWN,
            List.of("timestamps-without-zone", "end-next-midnight", "contact-info-null"),
            sts(OWN, 150, 0)).nullContact());
        all.add(mailru.report("12-mailru-own-free-text-reason.eml", Shape.MULTIPART_GZIP,
            "mailru-own-2", "2026-11-17T00:00:00", "2026-11-18T00:00:00", OWN,
            List.of("timestamps-without-zone", "contact-info-null", "free-text-failure-reason-code"),
            sts(OWN, 140, 2, detail("validation-failure", "94.100.180.200", "mx2.own.test", "127.0.91.12", 2,
                "Certificate chain could not be verified: unable to get local issuer certificate"))).nullContact());
        all.add(mailru.report("13-mailru-second-no-zone.eml", Shape.MULTIPART_GZIP,
            "mailru-second-1", "2026-11-16T00:00:00", "2026-11-17T00:00:00", OWN,
            List.of("timestamps-without-zone", "contact-info-null"),
            sts(SECOND, 20, 0)).nullContact());

        // This project's own sender: the exact shape TlsReportMail writes (RFC 8460 §5.1 file name).
        Sender james = new Sender("James Test Org", "tls-reports@james.test", "postmaster@james.test", "james.test");
        all.add(james.report("14-james-own.eml", Shape.MULTIPART_GZIP,
            "<20261116.own.test@james.test>", d16, e16, OWN, List.of(),
            sts(OWN, 40, 1, detail("certificate-host-mismatch", "127.0.91.50", "mx2.own.test", "127.0.91.12", 1,
                null))));
        all.add(james.report("15-james-own-day2.eml", Shape.MULTIPART_GZIP,
            "<20261117.own.test@james.test>", d17, e17, OWN, List.of(),
            sts(OWN, 42, 0)));

        // Others, in the other mail shapes.
        all.add(new Sender("Fastmail Pty Ltd", "tlsrpt@fastmail.com", "tlsrpt@fastmail.com", "fastmail.com")
            .report("16-fastmail-own-attachment-json-gz.eml", Shape.ATTACHMENT_JSON_GZ,
                "fastmail-own-20261116", d16, e16, OWN, List.of("attachment-json-gz"),
                sts(OWN, 90, 0)));
        all.add(new Sender("Comcast", "tlsrpt@comcast.net", "tlsrpt@comcast.net", "comcast.net")
            .report("17-comcast-own-attachment-json.eml", Shape.ATTACHMENT_JSON,
                "comcast-own-20261116", d16, e16, OWN, List.of("attachment-json"),
                sts(OWN, 70, 0)));
        all.add(new Sender("Zoho Corporation", "tlsrpt@zoho.com", "tlsrpt@zoho.com", "zoho.com")
            .report("18-zoho-own-single-part.eml", Shape.SINGLE_PART_GZIP,
                "zoho-own-20261116", d16, e16, OWN, List.of("single-part"),
                sts(OWN, 60, 0)));
        all.add(new Sender("mox", "postmaster@mox.example", "postmaster@mox.example", "mox.example")
            .report("19-mox-own-no-policy-found.eml", Shape.MULTIPART_GZIP,
                "mox-own-1", d16, e16, OWN, List.of("no-policy-found-without-policy-domain"),
                noPolicyFound(5, 0)));
        all.add(new Sender("GMX", "tlsrpt@gmx.net", "tlsrpt@gmx.net", "gmx.net")
            .report("20-gmx-own-empty-sending-ip.eml", Shape.MULTIPART_GZIP,
                "gmx-own-20261116", d16, e16, OWN, List.of("sending-mta-ip-empty"),
                sts(OWN, 100, 4, detail("certificate-not-trusted", "", "mx1.own.test", "127.0.91.11", 4, null))));
        all.add(new Sender("Proton AG", "tlsrpt@proton.me", "tlsrpt@proton.me", "proton.me")
            .report("21-proton-own-details-disagree.eml", Shape.MULTIPART_GZIP,
                "proton-own-20261116", d16, e16, OWN, List.of("failure-details-disagree-with-summary"),
                sts(OWN, 200, 10,
                    detail("certificate-expired", "185.70.42.10", "mx2.own.test", "127.0.91.12", 4, null),
                    detail("starttls-not-supported", "185.70.42.11", "mx1.own.test", "127.0.91.11", 2, null))));
        all.add(new Sender("Tuta", "tlsrpt@tuta.com", "tlsrpt@tuta.com", "tuta.com")
            .report("22-tuta-own-gzip-label-plain-json.eml", Shape.MULTIPART_GZIP_LABEL_PLAIN_JSON,
                "tuta-own-20261116", d16, e16, OWN, List.of("gzip-part-is-plain-json"),
                sts(OWN, 55, 0)));
        all.add(new Sender("Yandex", "tlsrpt@yandex-team.ru", "noreply@yandex.ru", "yandex.ru")
            .report("23-yandex-own.eml", Shape.MULTIPART_GZIP,
                "yandex-own-20261118", d18, e18, OWN, List.of(),
                sts(OWN, 80, 1, detail("sts-webpki-invalid", "77.88.21.249", "mx1.own.test", "127.0.91.11", 1,
                    null))));
        all.add(new Sender("Seznam.cz", "postmaster@seznam.cz", "tlsrpt@seznam.cz", "seznam.cz")
            .report("24-seznam-own.eml", Shape.MULTIPART_GZIP,
                "seznam-own-20261119", d19, e19, OWN, List.of(),
                sts(OWN, 30, 0)));
        all.add(new Sender("Deutsche Telekom", "tlsrpt@telekom.de", "tlsrpt@t-online.de", "t-online.de")
            .report("25-telekom-own-two-days.eml", Shape.MULTIPART_GZIP,
                "telekom-own-20261118", "2026-11-18T12:00:00Z", "2026-11-19T12:00:00Z", OWN,
                List.of("spans-two-days"),
                sts(OWN, 45, 0)));
        all.add(new Sender("Comcast", "tlsrpt@comcast.net", "tlsrpt@comcast.net", "comcast.net")
            .report("26-comcast-second.eml", Shape.MULTIPART_GZIP,
                "comcast-second-20261117", d17, e17, OWN, List.of(),
                sts(SECOND, 33, 0)));

        // Malformed and unwanted mails: each is rejected with the given reason and recorded.
        all.add(new Sender("Broken Sender", "ops@broken.example", "tlsrpt@broken.example", "broken.example")
            .raw("27-broken-json.eml", Shape.MULTIPART_GZIP, OWN,
                "{\"organization-name\":\"Broken Sender\",\"date-range\":{\"start-datetime\":\"2026-11-16T00:00:00Z\""
                    .getBytes(StandardCharsets.UTF_8),
                "invalid-json", "truncated JSON"));
        all.add(new Sender("Newsletter", "news@news.example", "news@news.example", "news.example")
            .raw("28-wrong-content-type.eml", Shape.TEXT_ONLY, OWN,
                "Hello, this is not a TLS report.\r\n".getBytes(StandardCharsets.UTF_8),
                "not-a-report", "text/plain only"));
        all.add(new Sender("Bomb Sender", "ops@bomb.example", "tlsrpt@bomb.example", "bomb.example")
            .raw("29-gzip-bomb.eml", Shape.MULTIPART_GZIP_RAW, OWN, bomb(),
                "decompression-bomb", "a gzip part inflating to 30 MiB (ratio above 1000)"));
        all.add(new Sender("Big Sender", "ops@big.example", "tlsrpt@big.example", "big.example")
            .report("30-oversize.eml", Shape.MULTIPART_GZIP_WITH_PADDING,
                "big-own-20261116", d16, e16, OWN, List.of(),
                sts(OWN, 10, 0)).rejected("too-large", "mail above the test world's 256 KiB limit"));
        all.add(new Sender("Google Inc.", "smtp-tls-reporting@google.com", "noreply-smtp-tls-reporting@google.com",
            "google.com")
            .report("31-google-foreign-domain.eml", Shape.MULTIPART_GZIP,
                "2026-11-16T00:00:00Z_foreign.test", d16, e16, OWN, List.of(),
                sts(FOREIGN, 999, 9)).rejected("foreign-domain", "policy-domain foreign.test sent to own.test"));
        all.add(google.report("32-google-own-day1-duplicate.eml", Shape.MULTIPART_GZIP,
            "2026-11-16T00:00:00Z_own.test", d16, e16, OWN, List.of(),
            sts(OWN, 1200, 0)).rejected("duplicate", "the same organization and report-id as 01"));
        all.add(new Sender("Sloppy Sender", "ops@sloppy.example", "tlsrpt@sloppy.example", "sloppy.example")
            .raw("33-invalid-report-no-date-range.eml", Shape.MULTIPART_GZIP, OWN,
                ("{\"organization-name\":\"Sloppy Sender\",\"contact-info\":\"ops@sloppy.example\","
                    + "\"report-id\":\"sloppy-1\",\"policies\":[]}").getBytes(StandardCharsets.UTF_8),
                "invalid-report", "no date-range"));
        all.add(new Sender("Many Policies", "ops@many.example", "tlsrpt@many.example", "many.example")
            .report("34-too-many-policies.eml", Shape.MULTIPART_GZIP,
                "many-policies-1", d16, e16, OWN, List.of(),
                repeatPolicies(1001)).rejected("too-many-policies", "1001 policies, the limit is 1000"));
        all.add(new Sender("Many Details", "ops@details.example", "tlsrpt@details.example", "details.example")
            .report("35-too-many-failure-details.eml", Shape.MULTIPART_GZIP,
                "many-details-1", d16, e16, OWN, List.of(),
                manyDetails(10001)).rejected("too-many-failure-details", "10001 failure details, the limit is 10000"));
        all.add(new Sender("Report Like", "ops@reportlike.example", "tlsrpt@reportlike.example", "reportlike.example")
            .raw("36-multipart-report-of-other-type.eml", Shape.MULTIPART_DELIVERY_STATUS, OWN,
                "Reporting-MTA: dns; mx.reportlike.example\r\n".getBytes(StandardCharsets.UTF_8),
                "not-a-report", "multipart/report; report-type=delivery-status"));
        return all;
    }

    /**
     * One more report mail made at test time (for dates relative to the test's clock): a day of {@code domain} as
     * Google reports it, {@code failed} sessions failing with {@code certificate-expired} at {@code mx1.<domain>}.
     */
    public static byte[] dailyReport(String domain, java.time.LocalDate day, long ok, long failed) {
        Sender google = new Sender("Google Inc.", "smtp-tls-reporting@google.com",
            "noreply-smtp-tls-reporting@google.com", "google.com");
        String start = day + "T00:00:00Z";
        String end = day + "T23:59:59Z";
        Policy policy = failed == 0 ? sts(domain, ok, 0)
            : sts(domain, ok, failed, detail("certificate-expired", "209.85.220.41", "mx1." + domain, "127.0.91.11",
                failed, null));
        return google.report("rollout-" + domain + "-" + day + ".eml", Shape.MULTIPART_GZIP, start + "_" + domain,
            start, end, domain, List.of(), policy).mail();
    }

    // ---------------------------------------------------------------- report JSON (RFC 8460 §4)

    static Policy sts(String domain, long ok, long failed, Detail... details) {
        return new Policy("sts", domain, List.of("version: STSv1", "mode: testing", "mx: mx1." + domain,
            "mx: mx2." + domain, "max_age: 86400"), List.of("mx1." + domain, "mx2." + domain), null, ok, failed,
            List.of(details));
    }

    static Policy noPolicyFound(long ok, long failed) {
        return new Policy("no-policy-found", null, null, null, null, ok, failed, List.of());
    }

    static Detail detail(String result, String sendingIp, String mx, String receivingIp, long count, String code) {
        return new Detail(result, sendingIp, mx, receivingIp, count, code);
    }

    static Detail detailNoIps(String result, long count) {
        return new Detail(result, null, null, null, count, null);
    }

    private static Policy[] repeatPolicies(int count) {
        Policy[] policies = new Policy[count];
        for (int i = 0; i < count; i++) {
            policies[i] = sts(OWN, 1, 0);
        }
        return policies;
    }

    private static Policy manyDetails(int count) {
        Detail[] details = new Detail[count];
        for (int i = 0; i < count; i++) {
            details[i] = detail("certificate-expired", "10.0." + (i / 250) + "." + (i % 250), "mx1.own.test",
                "127.0.91.11", 1, null);
        }
        return sts(OWN, 0, count, details);
    }

    /** One policy block of a report. {@code mxString}, when set, is written as a string instead of the array. */
    record Policy(String type, String domain, List<String> strings, List<String> mx, String mxString, long ok,
                  long failed, List<Detail> details) {

        Policy withoutPolicyString() {
            return new Policy(type, domain, null, mx, mxString, ok, failed, details);
        }

        Policy withMxString(String host) {
            return new Policy(type, domain, strings, null, host, ok, failed, details);
        }

        ObjectNode json() {
            ObjectNode block = JSON.createObjectNode();
            ObjectNode policy = block.putObject("policy");
            policy.put("policy-type", type);
            if (strings != null) {
                ArrayNode array = policy.putArray("policy-string");
                strings.forEach(array::add);
            }
            if (domain != null) {
                policy.put("policy-domain", domain);
            }
            if (mxString != null) {
                policy.put("mx-host", mxString);
            } else if (mx != null) {
                ArrayNode array = policy.putArray("mx-host");
                mx.forEach(array::add);
            }
            ObjectNode summary = block.putObject("summary");
            summary.put("total-successful-session-count", ok);
            summary.put("total-failure-session-count", failed);
            if (!details.isEmpty()) {
                ArrayNode array = block.putArray("failure-details");
                details.forEach(detail -> array.add(detail.json()));
            }
            return block;
        }
    }

    /** One failure-details entry; a null field is left out, an empty one is written empty. */
    record Detail(String result, String sendingIp, String mx, String receivingIp, long count, String code) {

        ObjectNode json() {
            ObjectNode node = JSON.createObjectNode();
            node.put("result-type", result);
            if (sendingIp != null) {
                node.put("sending-mta-ip", sendingIp);
            }
            if (mx != null) {
                node.put("receiving-mx-hostname", mx);
            }
            if (receivingIp != null) {
                node.put("receiving-ip", receivingIp);
            }
            node.put("failed-session-count", count);
            if (code != null) {
                node.put("failure-reason-code", code);
            }
            return node;
        }
    }

    // ---------------------------------------------------------------- mails (RFC 8460 §5.3)

    enum Shape {
        /** multipart/report; report-type=tlsrpt with text/plain and application/tlsrpt+gzip (base64). */
        MULTIPART_GZIP,
        /** as MULTIPART_GZIP, but the part content is given as is (already gzip, or a bomb). */
        MULTIPART_GZIP_RAW,
        /** the +gzip part carries plain JSON (base64 of the JSON). */
        MULTIPART_GZIP_LABEL_PLAIN_JSON,
        /** as MULTIPART_GZIP plus a large incompressible text part. */
        MULTIPART_GZIP_WITH_PADDING,
        /** application/tlsrpt+json, 7bit. */
        MULTIPART_JSON,
        /** application/tlsrpt+json, base64. */
        MULTIPART_JSON_BASE64,
        /** the whole message is application/tlsrpt+gzip. */
        SINGLE_PART_GZIP,
        /** multipart/mixed, application/octet-stream attachment named *.json.gz. */
        ATTACHMENT_JSON_GZ,
        /** multipart/mixed, application/json attachment named *.json. */
        ATTACHMENT_JSON,
        /** text/plain only. */
        TEXT_ONLY,
        /** multipart/report; report-type=delivery-status. */
        MULTIPART_DELIVERY_STATUS
    }

    record Sender(String organization, String contact, String from, String submitter) {

        Entry report(String file, Shape shape, String reportId, String start, String end, String recipientDomain,
                     List<String> quirks, Policy... policies) {
            ObjectNode report = JSON.createObjectNode();
            report.put("organization-name", organization);
            ObjectNode range = report.putObject("date-range");
            range.put("start-datetime", start);
            range.put("end-datetime", end);
            if (contact == null) {
                report.putNull("contact-info");
            } else {
                report.put("contact-info", contact);
            }
            report.put("report-id", reportId);
            ArrayNode array = report.putArray("policies");
            long ok = 0;
            long failed = 0;
            for (Policy policy : policies) {
                array.add(policy.json());
                ok += policy.ok();
                failed += policy.failed();
            }
            byte[] json = bytes(report);
            String policyDomain = policies[0].domain() == null ? recipientDomain : policies[0].domain();
            Entry entry = new Entry(file, this, shape, "tls-reports@" + recipientDomain, quirks, "accepted", null,
                null, reportId, policyDomain, policies[0].type(), start, ok, failed);
            entry.mail = mail(entry, fileName(policyDomain, start, end, shape), json);
            return entry;
        }

        Entry raw(String file, Shape shape, String recipientDomain, byte[] content, String reason, String why) {
            Entry entry = new Entry(file, this, shape, "tls-reports@" + recipientDomain, List.of(), "rejected",
                reason, why, null, null, null, null, 0, 0);
            entry.mail = mail(entry, submitter + "!" + recipientDomain + "!1763251200!1763337599.json.gz", content);
            return entry;
        }

        private String fileName(String domain, String start, String end, Shape shape) {
            // RFC 8460 §5.1: submitter!policy-domain!begin-timestamp!end-timestamp[!unique-id].extension
            String stem = submitter + "!" + domain + "!" + epoch(start) + "!" + epoch(end);
            return shape == Shape.ATTACHMENT_JSON || shape == Shape.MULTIPART_JSON
                || shape == Shape.MULTIPART_JSON_BASE64 ? stem + ".json" : stem + ".json.gz";
        }
    }

    private static long epoch(String timestamp) {
        return Instant.parse(timestamp.endsWith("Z") ? timestamp : timestamp + "Z").getEpochSecond();
    }

    /** One corpus mail and what the receiver must do with it. */
    public static final class Entry {
        final String file;
        final Sender sender;
        final Shape shape;
        final String recipient;
        final List<String> quirks;
        String outcome;
        String reason;
        String why;
        final String reportId;
        final String policyDomain;
        final String policyType;
        final String start;
        final long successfulSessions;
        final long failedSessions;
        boolean nullContact;
        byte[] mail;

        Entry(String file, Sender sender, Shape shape, String recipient, List<String> quirks, String outcome,
              String reason, String why, String reportId, String policyDomain, String policyType, String start,
              long successfulSessions, long failedSessions) {
            this.file = file;
            this.sender = sender;
            this.shape = shape;
            this.recipient = recipient;
            this.quirks = quirks;
            this.outcome = outcome;
            this.reason = reason;
            this.why = why;
            this.reportId = reportId;
            this.policyDomain = policyDomain;
            this.policyType = policyType;
            this.start = start;
            this.successfulSessions = successfulSessions;
            this.failedSessions = failedSessions;
        }

        Entry rejected(String reason, String why) {
            this.outcome = "rejected";
            this.reason = reason;
            this.why = why;
            return this;
        }

        Entry nullContact() {
            this.nullContact = true;
            return this;
        }

        public String file() {
            return file;
        }

        public byte[] mail() {
            return mail.clone();
        }

        ObjectNode manifest() {
            ObjectNode node = JSON.createObjectNode();
            node.put("file", file);
            node.put("organization", sender.organization());
            node.put("from", sender.from());
            node.put("recipient", recipient);
            node.put("shape", shape.name().toLowerCase().replace('_', '-'));
            ArrayNode quirkArray = node.putArray("quirks");
            quirks.forEach(quirkArray::add);
            node.put("outcome", outcome);
            if (reason != null) {
                node.put("reason", reason);
                node.put("why", why);
            }
            if (reportId != null) {
                node.put("reportId", reportId);
                node.put("policyDomain", policyDomain);
                node.put("policyType", policyType);
                node.put("start", start);
                node.put("successfulSessions", successfulSessions);
                node.put("failedSessions", failedSessions);
            }
            return node;
        }
    }

    private static byte[] mail(Entry entry, String fileName, byte[] content) {
        Sender sender = entry.sender;
        String boundary = "----=_tlsrpt_" + Integer.toHexString(entry.file.hashCode());
        String reportDomain = entry.policyDomain == null ? entry.recipient.substring(entry.recipient.indexOf('@') + 1)
            : entry.policyDomain;
        StringBuilder mail = new StringBuilder();
        mail.append("From: TLS reporting <").append(sender.from()).append(">\r\n");
        mail.append("To: ").append(entry.recipient).append("\r\n");
        mail.append("Subject: Report Domain: ").append(reportDomain).append(" Submitter: ").append(sender.submitter())
            .append(" Report-ID: <").append(entry.reportId == null ? entry.file : entry.reportId).append(">\r\n");
        mail.append("Date: Tue, 17 Nov 2026 01:02:03 +0000\r\n");
        mail.append("Message-ID: <").append(entry.file).append("@").append(sender.submitter()).append(">\r\n");
        mail.append("MIME-Version: 1.0\r\n");
        mail.append("TLS-Report-Domain: ").append(reportDomain).append("\r\n");
        mail.append("TLS-Report-Submitter: ").append(sender.submitter()).append("\r\n");
        String intro = "This is an aggregate TLS report from " + sender.submitter() + ".\r\n";
        switch (entry.shape) {
            case SINGLE_PART_GZIP -> {
                mail.append("Content-Type: application/tlsrpt+gzip; name=\"").append(fileName).append("\"\r\n");
                mail.append("Content-Disposition: attachment; filename=\"").append(fileName).append("\"\r\n");
                mail.append("Content-Transfer-Encoding: base64\r\n\r\n");
                mail.append(base64(gzip(content)));
            }
            case TEXT_ONLY -> {
                mail.append("Content-Type: text/plain; charset=us-ascii\r\n\r\n");
                mail.append(new String(content, StandardCharsets.US_ASCII));
            }
            case ATTACHMENT_JSON_GZ, ATTACHMENT_JSON -> {
                boolean gz = entry.shape == Shape.ATTACHMENT_JSON_GZ;
                mail.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n");
                mail.append("--").append(boundary).append("\r\n");
                mail.append("Content-Type: text/plain; charset=us-ascii\r\n\r\n").append(intro).append("\r\n");
                mail.append("--").append(boundary).append("\r\n");
                mail.append("Content-Type: ").append(gz ? "application/octet-stream" : "application/json")
                    .append("; name=\"").append(fileName).append("\"\r\n");
                mail.append("Content-Disposition: attachment; filename=\"").append(fileName).append("\"\r\n");
                mail.append("Content-Transfer-Encoding: base64\r\n\r\n");
                mail.append(base64(gz ? gzip(content) : content)).append("\r\n");
                mail.append("--").append(boundary).append("--\r\n");
            }
            default -> {
                boolean deliveryStatus = entry.shape == Shape.MULTIPART_DELIVERY_STATUS;
                mail.append("Content-Type: multipart/report; report-type=")
                    .append(deliveryStatus ? "delivery-status" : "tlsrpt")
                    .append("; boundary=\"").append(boundary).append("\"\r\n\r\n");
                mail.append("This is a multi-part message in MIME format.\r\n\r\n");
                mail.append("--").append(boundary).append("\r\n");
                mail.append("Content-Type: text/plain; charset=us-ascii\r\n\r\n").append(intro).append("\r\n");
                if (entry.shape == Shape.MULTIPART_GZIP_WITH_PADDING) {
                    mail.append("--").append(boundary).append("\r\n");
                    mail.append("Content-Type: text/plain; charset=us-ascii\r\n\r\n").append(padding(300 * 1024));
                }
                mail.append("--").append(boundary).append("\r\n");
                switch (entry.shape) {
                    case MULTIPART_DELIVERY_STATUS -> {
                        mail.append("Content-Type: message/delivery-status\r\n\r\n");
                        mail.append(new String(content, StandardCharsets.US_ASCII));
                    }
                    case MULTIPART_JSON -> {
                        mail.append("Content-Type: application/tlsrpt+json\r\n");
                        mail.append("Content-Disposition: attachment; filename=\"").append(fileName).append("\"\r\n");
                        mail.append("Content-Transfer-Encoding: 7bit\r\n\r\n");
                        mail.append(new String(content, StandardCharsets.UTF_8).replace("\n", "\r\n")).append("\r\n");
                    }
                    case MULTIPART_JSON_BASE64 -> {
                        mail.append("Content-Type: application/tlsrpt+json\r\n");
                        mail.append("Content-Disposition: attachment; filename=\"").append(fileName).append("\"\r\n");
                        mail.append("Content-Transfer-Encoding: base64\r\n\r\n");
                        mail.append(base64(content));
                    }
                    default -> {
                        byte[] body = switch (entry.shape) {
                            case MULTIPART_GZIP_RAW -> content;
                            case MULTIPART_GZIP_LABEL_PLAIN_JSON -> content;
                            default -> gzip(content);
                        };
                        mail.append("Content-Type: application/tlsrpt+gzip\r\n");
                        mail.append("Content-Disposition: attachment; filename=\"").append(fileName).append("\"\r\n");
                        mail.append("Content-Transfer-Encoding: base64\r\n\r\n");
                        mail.append(base64(body));
                    }
                }
                mail.append("\r\n--").append(boundary).append("--\r\n");
            }
        }
        return mail.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ObjectNode report) {
        try {
            return JSON.writeValueAsBytes(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** 30 MiB of JSON whitespace after an opening brace: about 30 KiB of gzip. */
    private static byte[] bomb() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write('{');
            byte[] spaces = new byte[1024 * 1024];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 30; i++) {
                gzip.write(spaces);
            }
            gzip.write('}');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String padding(int size) {
        Random random = new Random(8460);
        StringBuilder text = new StringBuilder(size + size / 70 * 2);
        for (int i = 0; i < size; i++) {
            text.append((char) ('a' + random.nextInt(26)));
            if (i % 72 == 71) {
                text.append("\r\n");
            }
        }
        return text.append("\r\n").toString();
    }

    private static String base64(byte[] content) {
        return Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(content) + "\r\n";
    }
}
