package dev.mtasts.inbound;

import dev.mtasts.policy.MxPattern;
import dev.mtasts.policy.Policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON shapes of received reports, summaries and rollout advice, as maps in field order, so that the WebAdmin
 * routes and the command line print the same thing. Absent values are {@code null}; instants are ISO-8601 UTC.
 */
public final class InboundJson {

    private InboundJson() {
    }

    /**
     * {@code {"reportId","organization","contactInfo","policyDomain","policyType","start","end","receivedAt",
     * "successfulSessions","failedSessions","dkim"}}: the report as it concerns {@code domain}; {@code policyType}
     * lists the distinct types of its policies about the domain, comma-separated.
     */
    public static Map<String, Object> report(StoredReport stored, String domain) {
        ReceivedReport report = stored.report();
        Set<String> types = new LinkedHashSet<>();
        long successful = 0;
        long failed = 0;
        for (ReceivedPolicy policy : stored.policiesFor(domain)) {
            types.add(policy.policyType());
            successful += policy.successfulSessions();
            failed += policy.failedSessions();
        }
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("reportId", report.reportId());
        node.put("organization", report.organization());
        node.put("contactInfo", report.contactInfo().orElse(null));
        node.put("policyDomain", domain);
        node.put("policyType", types.isEmpty() ? null : String.join(",", types));
        node.put("start", report.start().toString());
        node.put("end", report.end().toString());
        node.put("receivedAt", stored.receivedAt().toString());
        node.put("successfulSessions", successful);
        node.put("failedSessions", failed);
        node.put("dkim", stored.dkim());
        return node;
    }

    /** {@code {"receivedAt","sender","reason"}}. */
    public static Map<String, Object> rejected(RejectedReport rejected) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("receivedAt", rejected.receivedAt().toString());
        node.put("sender", rejected.sender());
        node.put("reason", rejected.reason().code());
        return node;
    }

    /**
     * {@code {"domain","since","until","reports","successfulSessions","failedSessions","byOrganization":[...],
     * "byResultType":[...],"byReceivingMx":[...],"days":[...]}}.
     */
    public static Map<String, Object> summary(ReportSummary summary) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("domain", summary.domain());
        node.put("since", summary.since().toString());
        node.put("until", summary.until().toString());
        node.put("reports", summary.reports());
        node.put("successfulSessions", summary.successfulSessions());
        node.put("failedSessions", summary.failedSessions());
        List<Object> organizations = new ArrayList<>();
        for (OrganizationFigures figures : summary.byOrganization()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("organization", figures.organization());
            item.put("reports", figures.reports());
            item.put("successfulSessions", figures.successfulSessions());
            item.put("failedSessions", figures.failedSessions());
            organizations.add(item);
        }
        node.put("byOrganization", organizations);
        List<Object> resultTypes = new ArrayList<>();
        for (ResultTypeFigures figures : summary.byResultType()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("resultType", figures.resultType());
            item.put("sessions", figures.sessions());
            resultTypes.add(item);
        }
        node.put("byResultType", resultTypes);
        List<Object> mxHosts = new ArrayList<>();
        for (ReceivingMxFigures figures : summary.byReceivingMx()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("receivingMx", figures.receivingMx());
            item.put("failedSessions", figures.failedSessions());
            item.put("resultTypes", figures.resultTypes());
            mxHosts.add(item);
        }
        node.put("byReceivingMx", mxHosts);
        List<Object> days = new ArrayList<>();
        for (DayFigures figures : summary.days()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("date", figures.date().toString());
            item.put("successfulSessions", figures.successfulSessions());
            item.put("failedSessions", figures.failedSessions());
            days.add(item);
        }
        node.put("days", days);
        return node;
    }

    /**
     * {@code {"domain","publishedPolicy":{"id","mode","mx","maxAge"}|null,"days","reports","organizations",
     * "successfulSessions","failedSessions","failureRate","verdict","reasons":[...],"nextSteps":[...]}}.
     */
    public static Map<String, Object> rollout(RolloutAdvice advice) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("domain", advice.domain());
        node.put("publishedPolicy", advice.publishedPolicy().map(policy -> policy(policy, advice)).orElse(null));
        node.put("days", advice.days());
        node.put("reports", advice.reports());
        node.put("organizations", advice.organizations());
        node.put("successfulSessions", advice.successfulSessions());
        node.put("failedSessions", advice.failedSessions());
        node.put("failureRate", advice.failureRate());
        node.put("verdict", advice.verdict().code());
        node.put("reasons", advice.reasons());
        node.put("nextSteps", advice.nextSteps());
        return node;
    }

    private static Map<String, Object> policy(Policy policy, RolloutAdvice advice) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("id", advice.policyId().orElse(null));
        node.put("mode", policy.mode().wireName());
        List<String> mx = new ArrayList<>();
        for (MxPattern pattern : policy.mx()) {
            mx.add(pattern.pattern());
        }
        node.put("mx", mx);
        node.put("maxAge", policy.maxAgeSeconds());
        return node;
    }
}
