package dev.mtasts.dane;

import dev.mtasts.outcome.ResultType;

import java.util.Objects;
import java.util.Optional;

/**
 * What to do with one MX host in one delivery attempt: {@link Skip} it, or {@link Connect} to it under a TLS
 * demand. The hierarchy is closed: the only implementations are the nested classes below.
 */
public interface HostDecision {

    /** Do not connect to this host in this attempt; try the next MX (and fail temporarily if none is left). */
    final class Skip implements HostDecision {
        private final ResultType reason;
        private final String detail;

        Skip(ResultType reason, String detail) {
            this.reason = Objects.requireNonNull(reason, "reason");
            this.detail = Objects.requireNonNull(detail, "detail");
        }

        public ResultType reason() {
            return reason;
        }

        public String detail() {
            return detail;
        }

        @Override
        public String toString() {
            return "skip: " + reason + " (" + detail + ")";
        }
    }

    /** Connect, and hold the session to what {@link #demand()} says. */
    final class Connect implements HostDecision {
        private final TlsDemand demand;

        Connect(TlsDemand demand) {
            this.demand = Objects.requireNonNull(demand, "demand");
        }

        public TlsDemand demand() {
            return demand;
        }

        @Override
        public String toString() {
            return "connect: " + demand;
        }
    }

    /**
     * What a session must satisfy. {@code dane} present: STARTTLS is mandatory and the certificate must satisfy
     * DANE. {@code pkix} {@code ENFORCE}: MTA-STS, STARTTLS mandatory and PKIX plus the MX name (RFC 8461 §4.2);
     * {@code TESTING}: checked and reported only. {@code encryptOnly}: STARTTLS mandatory without
     * authentication (RFC 7672 §3.1.3). {@code recorded}: a problem to report even when the session succeeds
     * ({@code tlsa-invalid}).
     */
    final class TlsDemand {
        private final Optional<DaneRequirement> dane;
        private final dev.mtasts.policy.Mode pkix;
        private final boolean encryptOnly;
        private final Optional<ResultType> recorded;
        private final String why;

        TlsDemand(Optional<DaneRequirement> dane, dev.mtasts.policy.Mode pkix, boolean encryptOnly,
                Optional<ResultType> recorded, String why) {
            this.dane = Objects.requireNonNull(dane, "dane");
            this.pkix = Objects.requireNonNull(pkix, "pkix");
            this.encryptOnly = encryptOnly;
            this.recorded = Objects.requireNonNull(recorded, "recorded");
            this.why = Objects.requireNonNull(why, "why");
        }

        public Optional<DaneRequirement> dane() {
            return dane;
        }

        /** The MTA-STS mode the session is held to ({@code NONE}: no MTA-STS check). */
        public dev.mtasts.policy.Mode pkix() {
            return pkix;
        }

        public boolean encryptOnly() {
            return encryptOnly;
        }

        /** Whether the session must not go on without STARTTLS (RFC 7672 §2.2, RFC 8461 §5). */
        public boolean starttlsRequired() {
            return dane.isPresent() || encryptOnly || pkix == dev.mtasts.policy.Mode.ENFORCE;
        }

        /** Whether DANE decides this host (then the RFC 8460 policy type is {@code tlsa}). */
        public boolean isDane() {
            return dane.isPresent() || encryptOnly;
        }

        public Optional<ResultType> recorded() {
            return recorded;
        }

        public String why() {
            return why;
        }

        @Override
        public String toString() {
            return (dane.isPresent() ? "DANE" : encryptOnly ? "encrypt only" : "no DANE")
                    + ", MTA-STS " + pkix.wireName()
                    + (starttlsRequired() ? ", STARTTLS required" : ", opportunistic")
                    + recorded.map(type -> ", record " + type.wireName()).orElse("") + " (" + why + ")";
        }
    }
}
