package dev.mtasts.inbound;

import dev.mtasts.policy.Mode;
import dev.mtasts.policy.MxPattern;
import dev.mtasts.policy.Policy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether one of our domains can switch its MTA-STS policy from {@code testing} to {@code enforce} (RFC 8461 §5),
 * judged from the TLS reports received about it (RFC 8460); pure. {@link #reasons()} name each rule that failed,
 * {@link #nextSteps()} give the exact change to make.
 *
 * <p>Days, reports, organizations and sessions are counted over the reports given (the caller's window); the
 * failure rate over the reports that start within {@link RolloutRules#failureRateWindow()} before the start of
 * {@code now}'s UTC day, or later (with daily reports and the default: the last seven whole days, and today).
 */
public final class RolloutAdvice {

    private static final DateTimeFormatter POLICY_ID = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final String domain;
    private final Optional<Policy> publishedPolicy;
    private final Optional<String> policyId;
    private final int days;
    private final int reports;
    private final int organizations;
    private final long successfulSessions;
    private final long failedSessions;
    private final double failureRate;
    private final RolloutVerdict verdict;
    private final List<String> reasons;
    private final List<String> nextSteps;

    private RolloutAdvice(String domain, Optional<Policy> publishedPolicy, Optional<String> policyId, Figures figures,
                          RolloutVerdict verdict, List<String> reasons, List<String> nextSteps) {
        this.domain = domain;
        this.publishedPolicy = publishedPolicy;
        this.policyId = policyId;
        this.days = figures.days.size();
        this.reports = figures.reports;
        this.organizations = figures.organizations.size();
        this.successfulSessions = figures.successful;
        this.failedSessions = figures.failed;
        this.failureRate = figures.recentFailureRate;
        this.verdict = verdict;
        this.reasons = List.copyOf(reasons);
        this.nextSteps = List.copyOf(nextSteps);
    }

    /** How far back reports can change the verdict under {@code rules}: older ones need not be read. */
    public static Duration lookBack(RolloutRules rules) {
        return Collections.max(List.of(Duration.ofDays(rules.minReportDays() * 2L), Duration.ofDays(60),
            rules.failureRateWindow().plusDays(1), rules.recentReportWindow().plusDays(1)));
    }

    /**
     * @param domain          normalised
     * @param publishedPolicy the policy looked up live, empty when none is published or it cannot be fetched
     * @param policyId        the {@code id} of the {@code _mta-sts} TXT record
     * @param dnsMxHosts      the domain's MX hosts in DNS
     * @param reports         the received reports (those about other domains are ignored)
     */
    public static RolloutAdvice advise(String domain, Optional<Policy> publishedPolicy, Optional<String> policyId,
                                       List<String> dnsMxHosts, List<StoredReport> reports, Instant now,
                                       RolloutRules rules) {
        Figures figures = new Figures(domain, reports, now, rules);
        List<String> reasons = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        RolloutVerdict verdict;
        Optional<Policy> usable = publishedPolicy.filter(policy -> policy.mode() != Mode.NONE);
        if (usable.isEmpty()) {
            verdict = RolloutVerdict.NO_POLICY;
            reasons.add(publishedPolicy.isPresent() ? "the published policy's mode is none"
                    : "no MTA-STS policy is published for " + domain + ", or it cannot be fetched");
            if (dnsMxHosts.isEmpty()) {
                // RFC 8461 §3.2: a policy in mode testing or enforce names at least one mx.
                steps.add("publish MX records for " + domain + " first: a policy in mode testing needs at least one"
                        + " mx line");
            } else {
                steps.add("publish this policy at https://mta-sts." + domain + "/.well-known/mta-sts.txt:\n"
                        + policyText(Mode.TESTING, patterns(List.of(), dnsMxHosts),
                        rules.minEnforceMaxAge().getSeconds()));
            }
            steps.add(txtStep(domain, newId(policyId, now)));
            steps.add("ask for TLS reports: _smtp._tls." + domain + ". IN TXT \"v=TLSRPTv1; rua=mailto:"
                    + rules.reportLocalPart() + "@" + domain + "\"");
        } else if (usable.get().mode() == Mode.ENFORCE) {
            verdict = RolloutVerdict.ALREADY_ENFORCED;
            if (figures.recentFailureRate > rules.maxFailureRate()) {
                reasons.add(failureRateReason(figures, rules));
                steps.add(failureStep(figures, rules));
            }
        } else if (figures.reports == 0) {
            verdict = RolloutVerdict.NO_DATA;
            reasons.add("no TLS report about " + domain + " has been received");
            steps.add("check that _smtp._tls." + domain + ". IN TXT names an address this server receives, e.g. "
                    + "\"v=TLSRPTv1; rua=mailto:" + rules.reportLocalPart() + "@" + domain
                    + "\", then wait for the senders' daily reports");
        } else {
            Policy policy = usable.get();
            checkDays(figures, rules, reasons, steps);
            checkRecent(domain, figures, now, rules, reasons, steps);
            if (figures.recentFailureRate > rules.maxFailureRate()) {
                reasons.add(failureRateReason(figures, rules));
                steps.add(failureStep(figures, rules));
            }
            List<String> uncovered = uncovered(policy, dnsMxHosts);
            for (String mx : uncovered) {
                reasons.add("the MX host " + mx + " in DNS is not covered by the policy");
            }
            verdict = reasons.isEmpty() ? RolloutVerdict.READY_TO_ENFORCE : RolloutVerdict.NOT_READY;
            long maxAge = Math.max(policy.maxAgeSeconds(), rules.minEnforceMaxAge().getSeconds());
            Mode next = verdict == RolloutVerdict.READY_TO_ENFORCE ? Mode.ENFORCE : Mode.TESTING;
            if (next == Mode.ENFORCE || !uncovered.isEmpty()) {
                steps.add("publish this policy at https://mta-sts." + domain + "/.well-known/mta-sts.txt:\n"
                        + policyText(next, patterns(policy.mx(), uncovered), maxAge));
                steps.add(txtStep(domain, newId(policyId, now)));
            }
        }
        return new RolloutAdvice(domain, publishedPolicy, policyId, figures, verdict, reasons, steps);
    }

    private static void checkDays(Figures figures, RolloutRules rules, List<String> reasons, List<String> steps) {
        int missing = rules.minReportDays() - figures.days.size();
        if (missing > 0) {
            reasons.add("reports on " + figures.days.size() + " days, at least " + rules.minReportDays()
                    + " needed");
            steps.add("keep mode testing for at least " + missing + " more " + (missing == 1 ? "day" : "days"));
        }
    }

    private static void checkRecent(String domain, Figures figures, Instant now, RolloutRules rules,
                                    List<String> reasons, List<String> steps) {
        Instant recent = now.minus(rules.recentReportWindow());
        if (figures.latestEnd.isBefore(recent)) {
            reasons.add("no report in the last " + rules.recentReportWindow().toDays() + " days (the latest ended "
                    + figures.latestEnd + ")");
            steps.add("check that reports still arrive: _smtp._tls." + domain
                    + ". IN TXT and the address its rua names");
        }
    }

    private static String failureRateReason(Figures figures, RolloutRules rules) {
        return "failure rate " + percent(figures.recentFailureRate) + " over the last "
                + rules.failureRateWindow().toDays() + " days, at most " + percent(rules.maxFailureRate())
                + " allowed";
    }

    private static String failureStep(Figures figures, RolloutRules rules) {
        String window = " over the last " + rules.failureRateWindow().toDays() + " days";
        List<ReceivingMxFigures> mxFailures = figures.recentSummary.byReceivingMx();
        if (mxFailures.isEmpty()) {
            List<ResultTypeFigures> types = figures.recentSummary.byResultType();
            return "fix what the senders report" + (types.isEmpty() ? ""
                    : " (" + types.get(0).resultType() + " in " + types.get(0).sessions() + " sessions" + window + ")")
                    + ", then wait for reports without failures";
        }
        ReceivingMxFigures worst = mxFailures.get(0);
        return "fix " + worst.receivingMx() + " (" + String.join(", ", worst.resultTypes()) + " in "
                + worst.failedSessions() + " sessions" + window + "), then wait for reports without failures";
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.2f %%", rate * 100);
    }

    private static List<String> uncovered(Policy policy, List<String> dnsMxHosts) {
        Set<String> uncovered = new TreeSet<>();
        for (String mx : dnsMxHosts) {
            if (!policy.permits(mx)) {
                uncovered.add(new MxPattern(mx).pattern());
            }
        }
        return new ArrayList<>(uncovered);
    }

    private static List<String> patterns(List<MxPattern> existing, List<String> added) {
        Set<String> patterns = new LinkedHashSet<>();
        existing.forEach(pattern -> patterns.add(pattern.pattern()));
        added.forEach(mx -> patterns.add(new MxPattern(mx).pattern()));
        return new ArrayList<>(patterns);
    }

    /** RFC 8461 §3.2 policy text, one line each. */
    private static String policyText(Mode mode, List<String> mx, long maxAgeSeconds) {
        StringBuilder text = new StringBuilder("version: STSv1\nmode: ").append(mode.wireName());
        mx.forEach(pattern -> text.append("\nmx: ").append(pattern));
        return text.append("\nmax_age: ").append(maxAgeSeconds).toString();
    }

    private static String txtStep(String domain, String id) {
        return "then change the TXT record: _mta-sts." + domain + ". IN TXT \"v=STSv1; id=" + id + "\"";
    }

    /** RFC 8461 §3.1: 1 to 32 letters and digits; a new one must differ from the current. */
    private static String newId(Optional<String> current, Instant now) {
        String id = POLICY_ID.format(now);
        return current.filter(id::equals).isPresent() ? id + "1" : id;
    }

    public String domain() {
        return domain;
    }

    public Optional<Policy> publishedPolicy() {
        return publishedPolicy;
    }

    public Optional<String> policyId() {
        return policyId;
    }

    /** Distinct UTC days on which a report about the domain starts. */
    public int days() {
        return days;
    }

    public int reports() {
        return reports;
    }

    public int organizations() {
        return organizations;
    }

    public long successfulSessions() {
        return successfulSessions;
    }

    public long failedSessions() {
        return failedSessions;
    }

    /** Failed / all sessions over the rules' failure-rate window, 0 without sessions; 0.001 is 0.1 %. */
    public double failureRate() {
        return failureRate;
    }

    public RolloutVerdict verdict() {
        return verdict;
    }

    public List<String> reasons() {
        return reasons;
    }

    public List<String> nextSteps() {
        return nextSteps;
    }

    @Override
    public String toString() {
        return "RolloutAdvice[" + domain + ": " + verdict + " " + reasons + "]";
    }

    /** The counts the rules look at. */
    private static final class Figures {
        final Set<LocalDate> days = new TreeSet<>();
        final Set<String> organizations = new TreeSet<>();
        int reports;
        long successful;
        long failed;
        Instant latestEnd = Instant.MIN;
        final ReportSummary recentSummary;
        final double recentFailureRate;

        Figures(String domain, List<StoredReport> stored, Instant now, RolloutRules rules) {
            Objects.requireNonNull(domain, "domain");
            for (StoredReport report : stored) {
                List<ReceivedPolicy> policies = report.policiesFor(domain);
                if (policies.isEmpty() || report.report().start().isAfter(now)) {
                    continue;
                }
                reports++;
                days.add(LocalDate.ofInstant(report.report().start(), ZoneOffset.UTC));
                organizations.add(report.report().organization());
                for (ReceivedPolicy policy : policies) {
                    successful += policy.successfulSessions();
                    failed += policy.failedSessions();
                }
                // A report cannot have ended after it arrived: a period claimed in the future proves nothing.
                Instant end = Collections.min(List.of(report.report().end(), report.receivedAt()));
                if (end.isAfter(latestEnd)) {
                    latestEnd = end;
                }
            }
            Instant today = LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
            recentSummary = ReportSummary.of(domain, today.minus(rules.failureRateWindow()), now, stored);
            long all = recentSummary.successfulSessions() + recentSummary.failedSessions();
            recentFailureRate = all == 0 ? 0 : (double) recentSummary.failedSessions() / all;
        }
    }
}
