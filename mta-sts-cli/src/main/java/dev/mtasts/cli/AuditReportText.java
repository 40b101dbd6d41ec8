package dev.mtasts.cli;

import dev.mtasts.audit.Area;
import dev.mtasts.audit.AuditReport;
import dev.mtasts.audit.Finding;
import dev.mtasts.audit.Severity;

import java.util.List;

/** An audit report for a person: findings grouped by area, a fix under each problem, a summary line last. */
final class AuditReportText {

    private static final String NOTHING_TO_DO = "Nothing to do";
    private static final String INDENT = "  ";
    private static final String FIX_INDENT = "           ";

    private AuditReportText() {
    }

    static String of(AuditReport report) {
        StringBuilder text = new StringBuilder("MTA-STS check of ").append(report.domain()).append('\n');
        for (Area area : Area.values()) {
            List<Finding> findings = report.in(area);
            if (findings.isEmpty()) {
                continue;
            }
            text.append('\n').append(area.title(report.domain())).append('\n');
            for (Finding finding : findings) {
                text.append(INDENT).append(String.format("%-9s", label(finding.severity())))
                    .append(finding.code().code()).append(": ").append(finding.message()).append('\n');
                if (!finding.fix().startsWith(NOTHING_TO_DO)) {
                    text.append(FIX_INDENT).append("fix: ").append(finding.fix()).append('\n');
                }
            }
        }
        return text.append('\n').append(summary(report)).append('\n').toString();
    }

    /** {@code example.com: 1 error, 2 warnings, 6 infos — not ready: fix the errors}. */
    static String summary(AuditReport report) {
        long errors = report.count(Severity.ERROR);
        long warnings = report.count(Severity.WARNING);
        long infos = report.count(Severity.INFO);
        String verdict = errors > 0 ? "fix the errors above"
            : warnings > 0 ? "no errors; consider the warnings" : "all good";
        return report.domain() + ": " + plural(errors, "error") + ", " + plural(warnings, "warning") + ", "
            + plural(infos, "info") + " — " + verdict;
    }

    private static String label(Severity severity) {
        return switch (severity) {
            case ERROR -> "ERROR";
            case WARNING -> "WARNING";
            case INFO -> "info";
        };
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
