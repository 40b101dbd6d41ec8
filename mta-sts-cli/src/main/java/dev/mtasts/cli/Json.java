package dev.mtasts.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    static String print(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON output failed", e);
        }
    }
}
