package dev.mtasts.report;

import java.util.List;
import java.util.Objects;

/** How one attempt to deliver a report ended. */
public sealed interface ReportSendResult {

    /** Every destination the domain names has the report. */
    record Delivered(List<String> deliveredTo) implements ReportSendResult {
        public Delivered {
            deliveredTo = List.copyOf(deliveredTo);
        }
    }

    /** The domain asks for no report: no TLSRPT record, an invalid one, or no destination that can be used. */
    record NotWanted(String reason) implements ReportSendResult {
        public NotWanted {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Some destination could not be reached, or the TLSRPT record could not be read: try again later.
     *
     * @param deliveredTo the destinations that have the report, this time or before
     * @param reason      what went wrong
     */
    record Incomplete(List<String> deliveredTo, String reason) implements ReportSendResult {
        public Incomplete {
            deliveredTo = List.copyOf(deliveredTo);
            Objects.requireNonNull(reason, "reason");
        }
    }
}
