package dev.mtasts.inbound;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtasts.discovery.PolicyDomain;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * RFC 8460 §4 report JSON. Strict on structure: the required fields are there with the right types and counts are
 * non-negative integers. Liberal on what real senders do: {@code mx-host} as one string, optional fields missing,
 * {@code null} or {@code ""}, timestamps without a zone, {@code no-policy-found} policies without
 * {@code policy-domain}, free-text {@code failure-reason-code}, failure details that do not add up (kept, flagged by
 * {@link ReceivedPolicy#detailsDisagreeWithSummary()}). Unknown fields are ignored (§4 lets the format grow).
 */
public final class TlsRptJsonParser {

    /** The RFC 8460 §4 structure is five levels deep; anything much deeper is not a report. */
    private static final int MAX_DEPTH = 16;
    /** Far more digits than any session count has. */
    private static final int MAX_NUMBER_LENGTH = 64;
    /**
     * JSON tokens in one report: a report at every other limit (1000 policies, 10000 failure details of about ten
     * tokens each) stays well under it, while the tree of a padded document is what would cost memory.
     */
    static final int MAX_TOKENS = 300_000;
    /** Characters in one string or field name: names, ids, policy lines, TLSA records and addresses are short. */
    static final int MAX_STRING_LENGTH = 4096;
    private static final String NO_POLICY_FOUND = "no-policy-found";
    /** A session count above this is not believable, and sums of counts this size cannot overflow. */
    static final long MAX_SESSION_COUNT = 1_000_000_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper(new JsonFactory()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION))
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ReportLimits limits;

    public TlsRptJsonParser(ReportLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Never throws: any input is a report or a rejection. */
    public ParseOutcome parse(byte[] json) {
        try {
            return ParseOutcome.parsed(report(tree(json)));
        } catch (ReportRejection rejection) {
            return rejection.outcome();
        }
    }

    /** A report already read as JSON, e.g. from the store's own files. */
    ParseOutcome parse(JsonNode json) {
        try {
            return ParseOutcome.parsed(report(json));
        } catch (ReportRejection rejection) {
            return rejection.outcome();
        }
    }

    private JsonNode tree(byte[] json) throws ReportRejection {
        if (json.length > limits.maxDecompressedBytes()) {
            throw new ReportRejection(RejectionReason.TOO_LARGE, "the report has " + json.length
                    + " bytes, more than " + limits.maxDecompressedBytes());
        }
        int offset = hasUtf8ByteOrderMark(json) ? 3 : 0;
        try {
            checkShape(json, offset);
            JsonNode root = JSON.readTree(JSON.getFactory().createParser(json, offset, json.length - offset));
            if (root == null || root.isMissingNode()) {
                throw new ReportRejection(RejectionReason.INVALID_JSON, "no JSON value");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new ReportRejection(RejectionReason.INVALID_JSON, e.getOriginalMessage());
        } catch (IOException e) {
            throw new ReportRejection(RejectionReason.INVALID_JSON, String.valueOf(e.getMessage()));
        }
    }

    private static boolean hasUtf8ByteOrderMark(byte[] json) {
        return json.length >= 3 && (json[0] & 0xff) == 0xef && (json[1] & 0xff) == 0xbb && (json[2] & 0xff) == 0xbf;
    }

    /**
     * Streams once over the text before the tree is built, so that a deeply nested input cannot exhaust the stack,
     * a number of a million digits cannot keep the CPU busy converting it, and neither a flood of small values nor a
     * few huge strings can make the tree (and what is stored and logged of it) large.
     */
    private static void checkShape(byte[] json, int offset) throws IOException, ReportRejection {
        try (JsonParser parser = JSON.getFactory().createParser(json, offset, json.length - offset)) {
            int depth = 0;
            int tokens = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (++tokens > MAX_TOKENS) {
                    throw new ReportRejection(RejectionReason.TOO_LARGE, "more than " + MAX_TOKENS + " JSON values");
                }
                if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
                    checkString(parser);
                }
                if (token.isStructStart() && ++depth > MAX_DEPTH) {
                    throw new ReportRejection(RejectionReason.INVALID_REPORT, "nested deeper than " + MAX_DEPTH);
                }
                if (token.isStructEnd()) {
                    depth--;
                }
                if (token.isNumeric() && parser.getTextLength() > MAX_NUMBER_LENGTH) {
                    throw new ReportRejection(RejectionReason.INVALID_REPORT, "a number longer than "
                            + MAX_NUMBER_LENGTH + " characters");
                }
            }
        }
    }

    /** Short and free of control characters: what a report says ends up in logs, JSON answers and files. */
    private static void checkString(JsonParser parser) throws IOException, ReportRejection {
        int length = parser.getTextLength();
        if (length > MAX_STRING_LENGTH) {
            throw new ReportRejection(RejectionReason.INVALID_REPORT, "a string longer than " + MAX_STRING_LENGTH
                    + " characters");
        }
        char[] text = parser.getTextCharacters();
        for (int i = parser.getTextOffset(), end = i + length; i < end; i++) {
            if (Character.isISOControl(text[i])) {
                throw new ReportRejection(RejectionReason.INVALID_REPORT, "a string with a control character");
            }
        }
    }

    // RFC 8460 §4.4: the report object.
    private ReceivedReport report(JsonNode root) throws ReportRejection {
        Fields report = Fields.of(root, "the report");
        Fields dateRange = report.object("date-range");
        Instant start = dateRange.timestamp("start-datetime");
        Instant end = dateRange.timestamp("end-datetime");
        if (end.isBefore(start)) {
            throw invalid("date-range: end-datetime " + end + " is before start-datetime " + start);
        }
        List<JsonNode> policyNodes = report.array("policies");
        if (policyNodes.size() > limits.maxPolicies()) {
            throw new ReportRejection(RejectionReason.TOO_MANY_POLICIES, policyNodes.size()
                    + " policies, at most " + limits.maxPolicies());
        }
        List<ReceivedPolicy> policies = new ArrayList<>();
        int failureDetails = 0;
        for (int i = 0; i < policyNodes.size(); i++) {
            ReceivedPolicy policy = policy(Fields.of(policyNodes.get(i), "policies[" + i + "]"));
            failureDetails += policy.failureDetails().size();
            if (failureDetails > limits.maxFailureDetails()) {
                // The limit holds for the whole report too, not only for each of its policies.
                throw new ReportRejection(RejectionReason.TOO_MANY_FAILURE_DETAILS, "more than "
                        + limits.maxFailureDetails() + " failure details in all");
            }
            policies.add(policy);
        }
        return new ReceivedReport(report.text("organization-name"), report.optionalText("contact-info"),
                report.text("report-id"), start, end, policies);
    }

    // RFC 8460 §4.2 (policy) and §4.3 (summary, failure-details).
    private ReceivedPolicy policy(Fields entry) throws ReportRejection {
        Fields policy = entry.object("policy");
        String type = policy.text("policy-type");
        Optional<String> domain = policy.optionalText("policy-domain").map(PolicyDomain::normalize);
        if (domain.isEmpty() && !NO_POLICY_FOUND.equals(type)) {
            throw invalid(policy.path + ": policy-domain is missing");
        }
        if (domain.isPresent() && !PolicyDomain.isHostName(domain.get())) {
            // RFC 8460 §4.3: policy-domain is a domain name; nothing else is stored, logged or counted.
            throw invalid(policy.path + ": policy-domain is not a domain name");
        }
        Fields summary = entry.object("summary");
        List<JsonNode> detailNodes = entry.optionalArray("failure-details");
        if (detailNodes.size() > limits.maxFailureDetails()) {
            throw new ReportRejection(RejectionReason.TOO_MANY_FAILURE_DETAILS, entry.path + ": "
                    + detailNodes.size() + " failure details, at most " + limits.maxFailureDetails());
        }
        List<FailureDetail> details = new ArrayList<>();
        for (int i = 0; i < detailNodes.size(); i++) {
            details.add(failureDetail(Fields.of(detailNodes.get(i), entry.path + ".failure-details[" + i + "]")));
        }
        return new ReceivedPolicy(type, domain, policy.texts("policy-string"),
                hostNames(policy.texts("mx-host")), summary.count("total-successful-session-count"),
                summary.count("total-failure-session-count"), details);
    }

    // RFC 8460 §4.3: only result-type and failed-session-count are required.
    private static FailureDetail failureDetail(Fields detail) throws ReportRejection {
        return new FailureDetail(detail.text("result-type"), detail.optionalText("sending-mta-ip"),
                detail.optionalText("receiving-mx-hostname").map(PolicyDomain::normalize),
                detail.optionalText("receiving-ip"), detail.count("failed-session-count"),
                detail.optionalText("failure-reason-code"));
    }

    private static List<String> hostNames(List<String> names) {
        List<String> normal = new ArrayList<>();
        for (String name : names) {
            normal.add(PolicyDomain.normalize(name));
        }
        return normal;
    }

    private static ReportRejection invalid(String detail) {
        return new ReportRejection(RejectionReason.INVALID_REPORT, detail);
    }

    /** One JSON object of the report and where it is, for the rejection's detail. */
    private static final class Fields {
        final JsonNode node;
        final String path;

        private Fields(JsonNode node, String path) {
            this.node = node;
            this.path = path;
        }

        static Fields of(JsonNode node, String path) throws ReportRejection {
            if (!node.isObject()) {
                throw invalid(path + " is not an object");
            }
            return new Fields(node, path);
        }

        private JsonNode required(String field) throws ReportRejection {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw invalid(path + ": " + field + " is missing");
            }
            return value;
        }

        Fields object(String field) throws ReportRejection {
            return of(required(field), path + "." + field);
        }

        List<JsonNode> array(String field) throws ReportRejection {
            JsonNode value = required(field);
            if (!value.isArray()) {
                throw invalid(path + ": " + field + " is not an array");
            }
            List<JsonNode> elements = new ArrayList<>(value.size());
            value.forEach(elements::add);
            return elements;
        }

        List<JsonNode> optionalArray(String field) throws ReportRejection {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? List.of() : array(field);
        }

        /** A non-empty string. */
        String text(String field) throws ReportRejection {
            JsonNode value = required(field);
            if (!value.isTextual() || value.textValue().trim().isEmpty()) {
                throw invalid(path + ": " + field + " is not a non-empty string");
            }
            return value.textValue().trim();
        }

        /** A string; missing, {@code null} and blank are absent. */
        Optional<String> optionalText(String field) throws ReportRejection {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (!value.isTextual()) {
                throw invalid(path + ": " + field + " is not a string");
            }
            String text = value.textValue().trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        }

        /** An array of strings, or one string (as some senders write {@code mx-host}); blanks dropped. */
        List<String> texts(String field) throws ReportRejection {
            JsonNode value = node.get(field);
            List<String> texts = new ArrayList<>();
            if (value == null || value.isNull()) {
                return texts;
            }
            if (value.isTextual()) {
                addNonBlank(texts, value.textValue());
                return texts;
            }
            if (!value.isArray()) {
                throw invalid(path + ": " + field + " is neither a string nor an array");
            }
            for (JsonNode element : value) {
                if (!element.isTextual()) {
                    throw invalid(path + ": " + field + " holds a value that is not a string");
                }
                addNonBlank(texts, element.textValue());
            }
            return texts;
        }

        private static void addNonBlank(List<String> texts, String text) {
            if (!text.trim().isEmpty()) {
                texts.add(text.trim());
            }
        }

        /** A session count: an integer from 0 to {@link #MAX_SESSION_COUNT}. */
        long count(String field) throws ReportRejection {
            JsonNode value = required(field);
            if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0
                    || value.longValue() > MAX_SESSION_COUNT) {
                throw invalid(path + ": " + field + " is not an integer from 0 to " + MAX_SESSION_COUNT);
            }
            return value.longValue();
        }

        Instant timestamp(String field) throws ReportRejection {
            String text = text(field);
            Optional<Instant> instant = ReportTimestamps.parse(text);
            if (instant.isEmpty()) {
                throw invalid(path + ": " + field + " '" + text + "' is not an RFC 3339 date-time");
            }
            return instant.get();
        }
    }
}
