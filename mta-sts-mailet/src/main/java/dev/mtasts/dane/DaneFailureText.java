package dev.mtasts.dane;

import dev.mtasts.outcome.ResultType;

import java.util.List;

/**
 * The text a bounce (DSN) gives for a message DANE kept from being delivered: the MX host, its TLSA records and
 * the failure with its RFC 8460 result type, one host per line.
 */
public final class DaneFailureText {

    private DaneFailureText() {
    }

    /** {@code DANE (RFC 7672): mx.example.com: certificate-not-trusted (no TLSA record matches ...); TLSA 3 1 1 ab...}. */
    public static String of(String mxHost, ResultType failure, String detail, List<String> tlsaRecords) {
        StringBuilder text = new StringBuilder("DANE (RFC 7672): ").append(mxHost).append(": ")
                .append(failure.wireName()).append(" (").append(detail).append(')');
        if (!tlsaRecords.isEmpty()) {
            text.append("; TLSA ").append(String.join(", ", tlsaRecords));
        }
        return text.toString();
    }
}
