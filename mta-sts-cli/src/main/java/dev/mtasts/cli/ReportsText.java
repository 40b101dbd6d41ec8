package dev.mtasts.cli;

import dev.mtasts.inbound.DayFigures;
import dev.mtasts.inbound.OrganizationFigures;
import dev.mtasts.inbound.ReceivingMxFigures;
import dev.mtasts.inbound.ReportSummary;
import dev.mtasts.inbound.ResultTypeFigures;
import dev.mtasts.inbound.RolloutAdvice;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code mta-sts reports} for a person: what was read, each domain's summary, the rollout verdict. */
final class ReportsText {

    private ReportsText() {
    }

    static String render(int inputs, int reports, List<ReportsCommand.Rejection> rejected,
                         List<ReportSummary> summaries, Optional<LiveRolloutFacts> facts,
                         Optional<RolloutAdvice> advice) {
        StringBuilder text = new StringBuilder();
        text.append(reports).append(reports == 1 ? " report" : " reports").append(" read from ").append(inputs)
            .append(inputs == 1 ? " input" : " inputs").append(", ").append(rejected.size()).append(" rejected");
        for (ReportsCommand.Rejection rejection : rejected) {
            text.append("\n  ").append(rejection.source()).append(": ").append(rejection.rejected().reason())
                .append(" (").append(rejection.rejected().detail()).append(')');
        }
        for (ReportSummary summary : summaries) {
            text.append("\n\n");
            appendSummary(text, summary);
        }
        facts.ifPresent(found -> appendLookup(text, found));
        advice.ifPresent(rollout -> appendAdvice(text, rollout));
        if (facts.isPresent() && advice.isEmpty()) {
            text.append("\nrollout   unknown: DNS failed temporarily, try again");
        }
        return text.toString();
    }

    private static void appendSummary(StringBuilder text, ReportSummary summary) {
        text.append(summary.domain()).append(": ").append(summary.reports()).append(" reports starting ")
            .append(summary.since()).append(" .. ").append(summary.until());
        text.append("\n  sessions  ").append(summary.successfulSessions()).append(" successful, ")
            .append(summary.failedSessions()).append(" failed")
            .append(rate(summary.successfulSessions(), summary.failedSessions()));
        if (!summary.byOrganization().isEmpty()) {
            text.append("\n  by organization");
            for (OrganizationFigures figures : summary.byOrganization()) {
                text.append(String.format(Locale.ROOT, "%n    %-30s %4d reports %10d ok %8d failed",
                    figures.organization(), figures.reports(), figures.successfulSessions(),
                    figures.failedSessions()));
            }
        }
        if (!summary.byResultType().isEmpty()) {
            text.append("\n  failures by result type");
            for (ResultTypeFigures figures : summary.byResultType()) {
                text.append(String.format(Locale.ROOT, "%n    %-30s %8d", figures.resultType(), figures.sessions()));
            }
        }
        if (!summary.byReceivingMx().isEmpty()) {
            text.append("\n  failures by receiving MX");
            for (ReceivingMxFigures figures : summary.byReceivingMx()) {
                text.append(String.format(Locale.ROOT, "%n    %-30s %8d  %s", figures.receivingMx(),
                    figures.failedSessions(), String.join(", ", figures.resultTypes())));
            }
        }
        if (!summary.days().isEmpty()) {
            text.append("\n  days");
            for (DayFigures figures : summary.days()) {
                text.append(String.format(Locale.ROOT, "%n    %s %10d ok %8d failed", figures.date(),
                    figures.successfulSessions(), figures.failedSessions()));
            }
        }
    }

    private static void appendLookup(StringBuilder text, LiveRolloutFacts facts) {
        text.append("\n\npolicy    ").append(facts.query().result());
        facts.query().record().ifPresent(found -> text.append(" (id ").append(found.record().id()).append(')'));
        facts.query().policy().ifPresent(policy -> text.append(", mode ").append(policy.mode().wireName()));
        facts.query().detail().ifPresent(detail -> text.append(": ").append(detail));
        text.append("\nmx (DNS)  ").append(facts.mxHosts().isEmpty() ? "(none)" : String.join(", ", facts.mxHosts()));
        if (facts.mxFailure() != null) {
            text.append(" - ").append(facts.mxFailure());
        }
    }

    private static void appendAdvice(StringBuilder text, RolloutAdvice advice) {
        text.append("\nrollout   ").append(advice.verdict()).append(" (").append(advice.days()).append(" days, ")
            .append(advice.reports()).append(" reports from ").append(advice.organizations())
            .append(" organizations; failure rate ")
            .append(String.format(Locale.ROOT, "%.2f %%", advice.failureRate() * 100)).append(" over 7 days)");
        for (String reason : advice.reasons()) {
            text.append("\n  - ").append(reason);
        }
        if (!advice.nextSteps().isEmpty()) {
            text.append("\nnext steps");
            for (String step : advice.nextSteps()) {
                text.append("\n  * ").append(step.replace("\n", "\n      "));
            }
        }
    }

    private static String rate(long successful, long failed) {
        long all = successful + failed;
        return all == 0 ? "" : String.format(Locale.ROOT, " (%.2f %% failed)", 100.0 * failed / all);
    }
}
