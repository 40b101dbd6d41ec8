package dev.mtasts.inbound;

import java.util.Optional;
import java.util.Set;

/**
 * Whether a parsed report is for us to keep; pure. Duplicates and the daily cap are the store's to find
 * ({@link ReceivedReportStore#keep}).
 */
public final class ReportAcceptance {

    /** The DKIM verdict that {@code requireDkim} asks for. */
    public static final String DKIM_PASS = "pass";

    private ReportAcceptance() {
    }

    /**
     * Accepted (empty) when DKIM passed or is not required, and every domain the report is about (see
     * {@link StoredReport#domains()}) is one of {@code ourDomains} (normalised); a report about no domain at all is
     * foreign.
     */
    public static Optional<ParseOutcome.Rejected> check(StoredReport report, Set<String> ourDomains,
                                                        boolean requireDkim) {
        if (requireDkim && !DKIM_PASS.equals(report.dkim())) {
            return Optional.of(ParseOutcome.rejected(RejectionReason.DKIM_REQUIRED,
                    "DKIM " + report.dkim() + ", a pass is required"));
        }
        Set<String> domains = report.domains();
        if (domains.isEmpty()) {
            return Optional.of(ParseOutcome.rejected(RejectionReason.FOREIGN_DOMAIN,
                    "the report names no policy domain"));
        }
        for (String domain : domains) {
            if (!ourDomains.contains(domain)) {
                return Optional.of(ParseOutcome.rejected(RejectionReason.FOREIGN_DOMAIN,
                        "policy domain " + domain + " is not one of ours"));
            }
        }
        return Optional.empty();
    }
}
