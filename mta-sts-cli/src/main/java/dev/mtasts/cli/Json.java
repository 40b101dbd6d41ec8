package dev.mtasts.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mtasts.audit.AuditReport;
import dev.mtasts.audit.Finding;
import dev.mtasts.audit.Severity;
import dev.mtasts.discovery.StsRecord;
import dev.mtasts.policy.MxPattern;
import dev.mtasts.policy.Policy;

/** The command's JSON output: field names and order are stable (README documents them). */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {@code {"version": "STSv1", "mode": "...", "mx": [...], "max_age": N}} */
    static ObjectNode policy(Policy policy) {
        ObjectNode node = object();
        node.put("version", "STSv1");
        node.put("mode", policy.mode().wireName());
        ArrayNode mx = node.putArray("mx");
        policy.mx().stream().map(MxPattern::pattern).forEach(mx::add);
        node.put("max_age", policy.maxAgeSeconds());
        return node;
    }

    /** {@code {"id": "...", "extensions": {...}}} */
    static ObjectNode record(StsRecord record) {
        ObjectNode node = object();
        node.put("id", record.id());
        ObjectNode extensions = node.putObject("extensions");
        record.extensions().forEach(extensions::put);
        return node;
    }

    /**
     * {@code {"domain": "...", "summary": {"errors": N, "warnings": N, "infos": N},
     * "findings": [{"area", "severity", "code", "message", "fix"}]}}
     */
    static ObjectNode audit(AuditReport report) {
        ObjectNode node = object();
        node.put("domain", report.domain());
        ObjectNode summary = node.putObject("summary");
        summary.put("errors", report.count(Severity.ERROR));
        summary.put("warnings", report.count(Severity.WARNING));
        summary.put("infos", report.count(Severity.INFO));
        ArrayNode findings = node.putArray("findings");
        for (Finding finding : report.findings()) {
            ObjectNode item = findings.addObject();
            item.put("area", finding.area().wireName());
            item.put("severity", finding.severity().wireName());
            item.put("code", finding.code().code());
            item.put("message", finding.message());
            item.put("fix", finding.fix());
        }
        return node;
    }

    /** An engine shape ({@code dev.mtasts.inbound.InboundJson}) as a tree, fields in the same order. */
    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    static String print(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON output failed", e);
        }
    }
}
