package dev.mtasts.cli;

import dev.mtasts.discovery.PolicyDomain;
import dev.mtasts.inbound.ParseOutcome;
import dev.mtasts.inbound.ReceivedReport;
import dev.mtasts.inbound.RejectionReason;
import dev.mtasts.inbound.ReportLimits;
import dev.mtasts.inbound.ReportMailReader;
import dev.mtasts.inbound.StoredReport;

import javax.mail.Address;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads report files for {@code mta-sts reports} with the engine the James mailet uses: {@code .json},
 * {@code .json.gz}, one mail ({@code .eml}) or an mbox of mails, each file or every file under a directory.
 *
 * <p>A mail stands for its arrival as the mailet sees it: the domain of its first {@code To} address is the
 * recipient's domain, its {@code Date} the time received, DKIM {@code none}. A bare report file has no recipient
 * and counts as received at the end of its period.
 */
final class ReportFileReader {

    /** One report read, or why not; {@code source} names the file (and the message of an mbox). */
    record Item(String source, Optional<StoredReport> report, Optional<ParseOutcome.Rejected> rejected) {
    }

    private static final String DKIM_NOT_CHECKED = "none";
    private static final byte[] MBOX_SEPARATOR = "From ".getBytes(StandardCharsets.US_ASCII);

    private final ReportLimits limits;
    private final ReportMailReader reader;

    ReportFileReader(ReportLimits limits) {
        this.limits = limits;
        this.reader = new ReportMailReader(limits);
    }

    /** Every regular file of {@code paths}, directories walked in name order. */
    List<Item> read(List<Path> paths) throws IOException {
        List<Item> items = new ArrayList<>();
        for (Path path : paths) {
            for (Path file : files(path)) {
                items.addAll(readFile(file));
            }
        }
        return items;
    }

    private static List<Path> files(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }

    private List<Item> readFile(Path file) throws IOException {
        String source = file.toString();
        if (isMbox(file)) {
            List<byte[]> messages = Mbox.messages(Files.readAllBytes(file));
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                items.add(readMail(source + " #" + (i + 1), messages.get(i)));
            }
            return items;
        }
        if (Files.size(file) > limits.maxMailBytes()) {
            return List.of(rejected(source, ParseOutcome.rejected(RejectionReason.TOO_LARGE,
                    "the file has " + Files.size(file) + " bytes, more than " + limits.maxMailBytes())));
        }
        byte[] content = Files.readAllBytes(file);
        return List.of(ReportMailReader.isReportData(content) ? item(source, reader.read(content), Optional.empty(),
                Optional.empty()) : readMail(source, content));
    }

    private Item readMail(String source, byte[] mail) {
        if (mail.length > limits.maxMailBytes()) {
            return rejected(source, ParseOutcome.rejected(RejectionReason.TOO_LARGE,
                    "the mail has " + mail.length + " bytes, more than " + limits.maxMailBytes()));
        }
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mail));
            return item(source, reader.read(message), recipientDomain(message),
                    Optional.ofNullable(message.getSentDate()).map(Date::toInstant));
        } catch (MessagingException | RuntimeException e) {
            return rejected(source, ParseOutcome.rejected(RejectionReason.NOT_A_REPORT, "unreadable mail: " + e));
        }
    }

    private static Item item(String source, ParseOutcome outcome, Optional<String> recipientDomain,
                             Optional<Instant> receivedAt) {
        if (outcome instanceof ParseOutcome.Rejected rejected) {
            return rejected(source, rejected);
        }
        ReceivedReport report = ((ParseOutcome.Parsed) outcome).report();
        return new Item(source, Optional.of(new StoredReport(report, receivedAt.orElse(report.end()),
                DKIM_NOT_CHECKED, recipientDomain)), Optional.empty());
    }

    private static Item rejected(String source, ParseOutcome.Rejected rejected) {
        return new Item(source, Optional.empty(), Optional.of(rejected));
    }

    private static Optional<String> recipientDomain(MimeMessage message) throws MessagingException {
        Address[] to = message.getRecipients(MimeMessage.RecipientType.TO);
        if (to == null) {
            return Optional.empty();
        }
        for (Address address : to) {
            if (address instanceof InternetAddress internet && internet.getAddress() != null
                    && internet.getAddress().contains("@")) {
                String mailbox = internet.getAddress();
                return Optional.of(PolicyDomain.normalize(mailbox.substring(mailbox.lastIndexOf('@') + 1)));
            }
        }
        return Optional.empty();
    }

    /** An mbox begins with a {@code From } line (RFC 4155); a mail begins with a header field. */
    private static boolean isMbox(Path file) throws IOException {
        byte[] start = new byte[MBOX_SEPARATOR.length];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(start, 0, start.length) < start.length) {
                return false;
            }
        }
        return Arrays.equals(start, MBOX_SEPARATOR);
    }
}
