package dev.mtasts.integration;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Reads the end-to-end benchmark's Flight Recorder files and names where the CPU went on each side: the share of
 * execution samples whose stack passes through each cost the comparison is about (a full TLS handshake, building an
 * SSL context, PKIX, logging, queues, mail attributes, …), per message so that the two sides compare, and the
 * hottest methods of each side.
 */
final class JfrProfile {

    /** A cost, recognised by a frame of its stack. */
    private record Cost(String name, Predicate<String> frame) {
    }

    private static final List<Cost> COSTS = List.of(
        new Cost("TLS handshake (SSLSocketImpl.startHandshake)", f -> f.startsWith("sun.security.ssl.SSLSocketImpl.startHandshake")),
        new Cost("  of which new SSLContext (SSLContext.init/getInstance)", f -> f.startsWith("javax.net.ssl.SSLContext.init")
            || f.startsWith("javax.net.ssl.SSLContext.getInstance")),
        new Cost("  of which PKIX chain validation", f -> f.startsWith("sun.security.validator.")
            || f.startsWith("java.security.cert.CertPathValidator")),
        new Cost("  of which key exchange / signatures", f -> f.startsWith("sun.security.ec.")
            || f.startsWith("sun.security.rsa.") || f.startsWith("sun.security.ssl.XDH")
            || f.startsWith("com.sun.crypto.provider.")),
        new Cost("TLS record I/O (SSLSocketImpl read/write)", f -> f.startsWith("sun.security.ssl.SSLSocketImpl$AppInputStream")
            || f.startsWith("sun.security.ssl.SSLSocketImpl$AppOutputStream")),
        new Cost("MTA-STS classes (dev.mtasts.*)", f -> f.startsWith("dev.mtasts.") && !f.startsWith("dev.mtasts.integration.")),
        new Cost("  MTA-STS trust manager / verifier", f -> f.startsWith("dev.mtasts.james.tls.MxTrustManager")
            || f.startsWith("dev.mtasts.james.tls.MxCertificateVerifier")),
        new Cost("  MTA-STS outcome recording", f -> f.startsWith("dev.mtasts.james.outcome.")
            || f.startsWith("dev.mtasts.report.") || f.startsWith("dev.mtasts.james.metrics.")),
        new Cost("  MTA-STS attempt tracking (attributes, queue wrapper)", f -> f.startsWith("dev.mtasts.james.delivery.AttemptTracking")
            || f.startsWith("dev.mtasts.james.delivery.DeliveryAttempt") || f.startsWith("dev.mtasts.james.delivery.OutcomeAttributes")),
        new Cost("  MTA-STS policy lookup", f -> f.startsWith("dev.mtasts.service.") || f.startsWith("dev.mtasts.james.routing.")
            || f.startsWith("dev.mtasts.james.delivery.PolicyAwareDnsService")),
        new Cost("JavaMail SMTP client (com.sun.mail.smtp)", f -> f.startsWith("com.sun.mail.smtp.SMTPTransport")),
        new Cost("James mail queue (org.apache.james.queue)", f -> f.startsWith("org.apache.james.queue.")),
        new Cost("James SMTP server (receiving the messages)", f -> f.startsWith("org.apache.james.protocols.smtp.")),
        new Cost("logging (logback, slf4j)", f -> f.startsWith("ch.qos.logback.") || f.startsWith("org.slf4j.")),
        new Cost("mail attributes (Mail.setAttribute)", f -> f.startsWith("org.apache.mailet.base.") && f.contains("ttribute")
            || f.startsWith("org.apache.james.server.core.MailImpl.setAttribute")),
        new Cost("MIME copying (MimeMessage writeTo / copy)", f -> f.startsWith("javax.mail.internet.MimeMessage.writeTo")
            || f.startsWith("org.apache.james.server.core.MimeMessageCopyOnWriteProxy")));

    private JfrProfile() {
    }

    /** The profile summary of {@code directory}'s recordings: mta-sts-*.jfr against plain-*.jfr. */
    static String summarize(Path directory, int messagesPerRun) throws IOException {
        Side mtaSts = Side.read(directory, "mta-sts-");
        Side plain = Side.read(directory, "plain-");
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nJFR PROFILE (%s; events per 1,000 messages; %d runs of %d"
                + " messages per side)%n", directory, mtaSts.runs, messagesPerRun));
        out.append(String.format(Locale.ROOT, "  %-58s %10s %10s %10s%n", "cost (stack passes through)", "MTA-STS",
            "plain", "A - B"));
        double perA = 1000.0 / Math.max(1, mtaSts.runs * (long) messagesPerRun);
        double perB = 1000.0 / Math.max(1, plain.runs * (long) messagesPerRun);
        line(out, "TLS handshakes completed (jdk.TLSHandshake events)", mtaSts.handshakes * perA,
            plain.handshakes * perB);
        line(out, "all samples (every Java thread running Java code)", mtaSts.samples * perA, plain.samples * perB);
        for (Cost cost : COSTS) {
            line(out, cost.name(), mtaSts.byCost.getOrDefault(cost.name(), 0L) * perA,
                plain.byCost.getOrDefault(cost.name(), 0L) * perB);
        }
        out.append("  hottest methods, MTA-STS side (self samples per 1,000 messages):\n");
        top(out, mtaSts.selfByMethod, perA, 15);
        out.append("  hottest methods, plain side:\n");
        top(out, plain.selfByMethod, perB, 15);
        out.append("  MTA-STS classes on the stack, MTA-STS side (inclusive samples per 1,000 messages):\n");
        Map<String, Long> ours = new HashMap<>();
        mtaSts.inclusiveByMethod.forEach((method, count) -> {
            if (method.startsWith("dev.mtasts.") && !method.startsWith("dev.mtasts.integration.")) {
                ours.put(method, count);
            }
        });
        top(out, ours, perA, 15);
        return out.toString();
    }

    private static void line(StringBuilder out, String name, double a, double b) {
        out.append(String.format(Locale.ROOT, "  %-58s %10.1f %10.1f %+10.1f%n", name, a, b, a - b));
    }

    private static void top(StringBuilder out, Map<String, Long> counts, double per, int limit) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
            .forEach(entry -> out.append(String.format(Locale.ROOT, "    %8.1f  %s%n", entry.getValue() * per,
                entry.getKey())));
    }

    private static final class Side {
        int runs;
        long samples;
        long handshakes;
        final Map<String, Long> byCost = new LinkedHashMap<>();
        final Map<String, Long> selfByMethod = new HashMap<>();
        final Map<String, Long> inclusiveByMethod = new HashMap<>();

        static Side read(Path directory, String prefix) throws IOException {
            Side side = new Side();
            List<Path> files;
            try (Stream<Path> listing = Files.list(directory)) {
                files = listing.filter(file -> file.getFileName().toString().startsWith(prefix)
                    && file.getFileName().toString().endsWith(".jfr")).sorted().toList();
            }
            for (Path file : files) {
                side.runs++;
                for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                    String type = event.getEventType().getName();
                    if (type.equals("jdk.ExecutionSample")) {
                        side.add(event.getStackTrace());
                    } else if (type.equals("jdk.TLSHandshake")) {
                        side.handshakes++;
                    }
                }
            }
            return side;
        }

        private void add(RecordedStackTrace stack) {
            if (stack == null || stack.getFrames().isEmpty()) {
                return;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            selfByMethod.merge(name(frames.get(0)), 1L, Long::sum);
            Set<String> methods = new HashSet<>();
            for (RecordedFrame frame : frames) {
                methods.add(name(frame));
            }
            for (String method : methods) {
                inclusiveByMethod.merge(method, 1L, Long::sum);
            }
            for (Cost cost : COSTS) {
                if (methods.stream().anyMatch(cost.frame())) {
                    byCost.merge(cost.name(), 1L, Long::sum);
                }
            }
        }

        private static String name(RecordedFrame frame) {
            return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
        }
    }
}
