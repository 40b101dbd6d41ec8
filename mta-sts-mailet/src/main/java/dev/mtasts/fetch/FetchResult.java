package dev.mtasts.fetch;

import dev.mtasts.policy.Policy;
import dev.mtasts.report.ResultType;

import java.util.Objects;

/** The outcome of one policy fetch (RFC 8461 §3.3). */
public sealed interface FetchResult {

    /** HTTP 200, {@code text/plain}, within the size cap, and the text parses. */
    record Fetched(Policy policy, String text) implements FetchResult {
        public Fetched {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The fetch failed.
     *
     * @param type   {@link ResultType#STS_WEBPKI_INVALID} (certificate), {@link ResultType#STS_POLICY_FETCH_ERROR}
     *               (network, HTTP status, redirect, content type, size, timeout) or
     *               {@link ResultType#STS_POLICY_INVALID} (the text does not parse)
     * @param detail what exactly went wrong, for a person
     */
    record Failed(ResultType type, String detail) implements FetchResult {
        public Failed {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
