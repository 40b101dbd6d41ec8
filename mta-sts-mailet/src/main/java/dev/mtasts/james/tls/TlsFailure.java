package dev.mtasts.james.tls;

import dev.mtasts.report.ResultType;

import java.util.Objects;

/** Why a TLS session with an MX host does not meet RFC 8461 §4. */
public record TlsFailure(ResultType type, String detail) {

    public TlsFailure {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return type.wireName() + ": " + detail;
    }
}
