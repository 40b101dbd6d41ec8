package dev.mtasts.james.tls;

import dev.mtasts.outcome.ResultType;

import java.util.Objects;

/** Why a TLS session with an MX host does not meet RFC 8461 §4. */
public final class TlsFailure {

    private final ResultType type;
    private final String detail;

    public TlsFailure(ResultType type, String detail) {
        this.type = Objects.requireNonNull(type, "type");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    public ResultType type() {
        return type;
    }

    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return type.wireName() + ": " + detail;
    }
}
