package dev.mtasts.inbound;

import java.util.Objects;

/**
 * A report, or why a mail or file is not one. The hierarchy is closed: the only implementations are the nested
 * classes below.
 */
public interface ParseOutcome {

    static Parsed parsed(ReceivedReport report) {
        return new Parsed(report);
    }

    static Rejected rejected(RejectionReason reason, String detail) {
        return new Rejected(reason, detail);
    }

    /** The input held a well-formed RFC 8460 §4 report. */
    final class Parsed implements ParseOutcome {
        private final ReceivedReport report;

        Parsed(ReceivedReport report) {
            this.report = Objects.requireNonNull(report, "report");
        }

        public ReceivedReport report() {
            return report;
        }

        @Override
        public String toString() {
            return "Parsed[" + report + "]";
        }
    }

    /** The input was not accepted. */
    final class Rejected implements ParseOutcome {
        static final int MAX_DETAIL_LENGTH = 300;

        private final RejectionReason reason;
        private final String detail;

        Rejected(RejectionReason reason, String detail) {
            this.reason = Objects.requireNonNull(reason, "reason");
            this.detail = printable(Objects.requireNonNull(detail, "detail"));
        }

        /** The detail quotes what a sender sent: it goes into logs and JSON short and without control characters. */
        private static String printable(String detail) {
            StringBuilder printable = new StringBuilder();
            detail.codePoints().limit(MAX_DETAIL_LENGTH)
                    .forEach(c -> printable.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
            return detail.codePointCount(0, detail.length()) > MAX_DETAIL_LENGTH ? printable + "..."
                    : printable.toString();
        }

        public RejectionReason reason() {
            return reason;
        }

        /**
         * For a person: what was wrong, e.g. {@code policies[0].summary: total-failure-session-count is missing};
         * at most {@value #MAX_DETAIL_LENGTH} characters, control characters replaced by spaces.
         */
        public String detail() {
            return detail;
        }

        @Override
        public String toString() {
            return "Rejected[" + reason + ": " + detail + "]";
        }
    }
}
