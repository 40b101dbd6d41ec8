package dev.mtasts.fetch;

import dev.mtasts.policy.Policy;
import dev.mtasts.outcome.ResultType;

import java.util.Objects;

/**
 * The outcome of one policy fetch (RFC 8461 §3.3).
 *
 * <p>The hierarchy is closed: the only implementations are the nested classes below.
 */
public interface FetchResult {

    static Fetched fetched(Policy policy, String text) {
        return new Fetched(policy, text);
    }

    static Failed failed(ResultType type, String detail) {
        return new Failed(type, detail);
    }

    /** HTTP 200, {@code text/plain}, within the size cap, and the text parses. */
    final class Fetched implements FetchResult {
        private final Policy policy;
        private final String text;

        Fetched(Policy policy, String text) {
            this.policy = Objects.requireNonNull(policy, "policy");
            this.text = Objects.requireNonNull(text, "text");
        }

        public Policy policy() {
            return policy;
        }

        public String text() {
            return text;
        }
    }

    /** The fetch failed. */
    final class Failed implements FetchResult {
        private final ResultType type;
        private final String detail;

        Failed(ResultType type, String detail) {
            this.type = Objects.requireNonNull(type, "type");
            this.detail = Objects.requireNonNull(detail, "detail");
        }

        /**
         * {@link ResultType#STS_WEBPKI_INVALID} (certificate), {@link ResultType#STS_POLICY_FETCH_ERROR} (network,
         * HTTP status, redirect, content type, size, timeout) or {@link ResultType#STS_POLICY_INVALID} (the text
         * does not parse).
         */
        public ResultType type() {
            return type;
        }

        /** What exactly went wrong, for a person. */
        public String detail() {
            return detail;
        }
    }
}
