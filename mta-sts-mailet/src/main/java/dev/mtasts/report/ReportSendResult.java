package dev.mtasts.report;

import java.util.List;
import java.util.Objects;

/** How one attempt to deliver a report ended. The only implementations are the nested classes below. */
public interface ReportSendResult {

    /** Every destination the domain names has the report. */
    final class Delivered implements ReportSendResult {
        private final List<String> deliveredTo;

        Delivered(List<String> deliveredTo) {
            this.deliveredTo = List.copyOf(deliveredTo);
        }

        public List<String> deliveredTo() {
            return deliveredTo;
        }
    }

    /** The domain asks for no report: no TLSRPT record, an invalid one, or no destination that can be used. */
    final class NotWanted implements ReportSendResult {
        private final String reason;

        NotWanted(String reason) {
            this.reason = Objects.requireNonNull(reason, "reason");
        }

        public String reason() {
            return reason;
        }
    }

    /** Some destination could not be reached, or the TLSRPT record could not be read: try again later. */
    final class Incomplete implements ReportSendResult {
        private final List<String> deliveredTo;
        private final String reason;

        Incomplete(List<String> deliveredTo, String reason) {
            this.deliveredTo = List.copyOf(deliveredTo);
            this.reason = Objects.requireNonNull(reason, "reason");
        }

        /** The destinations that have the report, this time or before. */
        public List<String> deliveredTo() {
            return deliveredTo;
        }

        /** What went wrong. */
        public String reason() {
            return reason;
        }
    }
}
