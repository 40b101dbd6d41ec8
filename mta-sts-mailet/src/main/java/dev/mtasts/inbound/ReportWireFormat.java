package dev.mtasts.inbound;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/**
 * A {@link ReceivedReport} written back as RFC 8460 §4.4 JSON; {@link TlsRptJsonParser} reads it back to an equal
 * report. The store keeps reports in this form, so the parser stays the one judge of what a report is.
 */
final class ReportWireFormat {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ReportWireFormat() {
    }

    static ObjectNode json(ReceivedReport report) {
        ObjectNode node = NODES.objectNode();
        node.put("organization-name", report.organization());
        ObjectNode dateRange = node.putObject("date-range");
        dateRange.put("start-datetime", report.start().toString());
        dateRange.put("end-datetime", report.end().toString());
        putIfPresent(node, "contact-info", report.contactInfo());
        node.put("report-id", report.reportId());
        ArrayNode policies = node.putArray("policies");
        for (ReceivedPolicy policy : report.policies()) {
            policies.add(json(policy));
        }
        return node;
    }

    private static ObjectNode json(ReceivedPolicy received) {
        ObjectNode node = NODES.objectNode();
        ObjectNode policy = node.putObject("policy");
        policy.put("policy-type", received.policyType());
        putArray(policy, "policy-string", received.policyStrings());
        putIfPresent(policy, "policy-domain", received.policyDomain());
        putArray(policy, "mx-host", received.mxHosts());
        ObjectNode summary = node.putObject("summary");
        summary.put("total-successful-session-count", received.successfulSessions());
        summary.put("total-failure-session-count", received.failedSessions());
        ArrayNode details = node.putArray("failure-details");
        for (FailureDetail detail : received.failureDetails()) {
            ObjectNode item = details.addObject();
            item.put("result-type", detail.resultType());
            putIfPresent(item, "sending-mta-ip", detail.sendingMtaIp());
            putIfPresent(item, "receiving-mx-hostname", detail.receivingMxHostname());
            putIfPresent(item, "receiving-ip", detail.receivingIp());
            item.put("failed-session-count", detail.failedSessions());
            putIfPresent(item, "failure-reason-code", detail.failureReasonCode());
        }
        return node;
    }

    private static void putIfPresent(ObjectNode node, String field, Optional<String> value) {
        value.ifPresent(text -> node.put(field, text));
    }

    private static void putArray(ObjectNode node, String field, List<String> values) {
        ArrayNode array = node.putArray(field);
        values.forEach(array::add);
    }
}
