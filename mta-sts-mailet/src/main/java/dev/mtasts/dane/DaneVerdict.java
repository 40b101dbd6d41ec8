package dev.mtasts.dane;

import dev.mtasts.dns.TlsaRecord;
import dev.mtasts.outcome.ResultType;

import java.util.Objects;
import java.util.Optional;

/** Whether a certificate chain satisfied a {@link DaneRequirement}: the record that matched, or why none did. */
public final class DaneVerdict {

    private final Optional<TlsaRecord> matched;
    private final Optional<ResultType> failure;
    private final String detail;

    private DaneVerdict(Optional<TlsaRecord> matched, Optional<ResultType> failure, String detail) {
        this.matched = matched;
        this.failure = failure;
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    public static DaneVerdict authenticated(TlsaRecord record, String detail) {
        return new DaneVerdict(Optional.of(record), Optional.empty(), detail);
    }

    public static DaneVerdict failed(ResultType failure, String detail) {
        return new DaneVerdict(Optional.empty(), Optional.of(failure), detail);
    }

    public boolean authenticated() {
        return matched.isPresent();
    }

    public Optional<TlsaRecord> matched() {
        return matched;
    }

    /** RFC 8460 result type of the failure. */
    public Optional<ResultType> failure() {
        return failure;
    }

    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return failure.map(type -> type.wireName() + ": ").orElse("authenticated: ") + detail;
    }
}
