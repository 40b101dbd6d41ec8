package dev.mtasts.report;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.mtasts.outcome.ResultType;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Raw counts behind the operators' figures, over some window. Jackson writes them (in the WebAdmin figures) as one
 * property per count, named and ordered as {@link #NAMES}.
 */
public final class DeliveryCounts {

    /** One count; its {@link #jsonName()} names it in JSON and in the statistics file. */
    public enum Counter {
        /** TLS outcomes (policy checks) of sessions to domains whose policy is in mode enforce. */
        ENFORCE_SESSIONS("enforceSessions"),
        /** Of those, the ones whose MX matched and whose TLS validated. */
        ENFORCE_SUCCESSES("enforceSuccesses"),
        /** TLS outcomes of sessions to domains whose policy is in mode testing. */
        TESTING_SESSIONS("testingSessions"),
        TESTING_SUCCESSES("testingSuccesses"),
        /** Policy fetches, successful or not (RFC 8461 §3.3). */
        POLICY_FETCHES("policyFetches"),
        POLICY_FETCH_ERRORS("policyFetchErrors"),
        POLICY_WEBPKI_INVALID("policyWebPkiInvalid"),
        POLICY_INVALID("policyInvalid"),
        /** Delivery attempts that failed because the policy was enforced. */
        ENFORCEMENT_FAILURES("enforcementFailures"),
        /** Outbound SMTP sessions that sent a message, by lane, and the ones of them over TLS. */
        STANDARD_LANE_SESSIONS("standardLaneSessions"),
        STANDARD_LANE_ENCRYPTED("standardLaneEncrypted"),
        TESTING_LANE_SESSIONS("testingLaneSessions"),
        TESTING_LANE_ENCRYPTED("testingLaneEncrypted"),
        ENFORCE_LANE_SESSIONS("enforceLaneSessions"),
        ENFORCE_LANE_ENCRYPTED("enforceLaneEncrypted"),
        DANE_LANE_SESSIONS("daneLaneSessions"),
        DANE_LANE_ENCRYPTED("daneLaneEncrypted"),
        /** Sessions over TLS whose certificate would not have passed PKIX and the host-name check. */
        ENCRYPTED_UNVERIFIED("encryptedUnverifiedSessions"),
        /** Failed sessions to policy domains (any mode), by RFC 8460 §4.3.1 result type. */
        STARTTLS_NOT_SUPPORTED("starttlsNotSupported"),
        CERTIFICATE_HOST_MISMATCH("certificateHostMismatch"),
        CERTIFICATE_EXPIRED("certificateExpired"),
        CERTIFICATE_NOT_TRUSTED("certificateNotTrusted"),
        VALIDATION_FAILURE("validationFailure"),
        /** Failed sessions to DANE hosts, by RFC 8460 §4.3.2 result type. */
        TLSA_INVALID("tlsaInvalid"),
        DNSSEC_INVALID("dnssecInvalid"),
        DANE_REQUIRED("daneRequired"),
        /** TLS outcomes of sessions with MX hosts held to DANE (RFC 7672), whatever the domain's MTA-STS mode. */
        DANE_SESSIONS("daneSessions"),
        /** Of those, the ones whose certificate the TLSA records authenticated. */
        DANE_SUCCESSES("daneSuccesses");

        private final String jsonName;

        Counter(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }
    }

    private static final Counter[] COUNTERS = Counter.values();

    /** The names of the counts, in {@link Counter} order: the order of {@link #toArray()}. */
    public static final List<String> NAMES = Stream.of(COUNTERS).map(Counter::jsonName)
            .collect(Collectors.toUnmodifiableList());

    public static final DeliveryCounts ZERO = new DeliveryCounts(new long[COUNTERS.length]);

    private final long[] counts;

    private DeliveryCounts(long[] counts) {
        for (long value : counts) {
            if (value < 0) {
                throw new IllegalArgumentException("negative count: " + value);
            }
        }
        this.counts = counts;
    }

    /** The counts in {@link #NAMES} order. */
    public static DeliveryCounts fromArray(long[] counts) {
        if (counts.length != COUNTERS.length) {
            throw new IllegalArgumentException("expected " + COUNTERS.length + " counts, got " + counts.length);
        }
        return new DeliveryCounts(counts.clone());
    }

    /**
     * The counts as a file of an older or newer version names them: counts of names this version does not know are
     * dropped, counts it knows but {@code names} lacks are 0.
     */
    public static DeliveryCounts fromNamed(List<String> names, long[] values) {
        if (names.size() != values.length) {
            throw new IllegalArgumentException(names.size() + " names for " + values.length + " counts");
        }
        long[] counts = new long[COUNTERS.length];
        for (int i = 0; i < values.length; i++) {
            int index = NAMES.indexOf(names.get(i));
            if (index >= 0) {
                counts[index] = values[i];
            }
        }
        return new DeliveryCounts(counts);
    }

    /** These counts and {@code counter} set to {@code value}; for tests and callers that build counts by hand. */
    public DeliveryCounts with(Counter counter, long value) {
        long[] changed = counts.clone();
        changed[counter.ordinal()] = value;
        return new DeliveryCounts(changed);
    }

    public long get(Counter counter) {
        return counts[counter.ordinal()];
    }

    public long enforceSessions() {
        return get(Counter.ENFORCE_SESSIONS);
    }

    public long enforceSuccesses() {
        return get(Counter.ENFORCE_SUCCESSES);
    }

    public long testingSessions() {
        return get(Counter.TESTING_SESSIONS);
    }

    public long testingSuccesses() {
        return get(Counter.TESTING_SUCCESSES);
    }

    public long policyFetches() {
        return get(Counter.POLICY_FETCHES);
    }

    public long policyFetchErrors() {
        return get(Counter.POLICY_FETCH_ERRORS);
    }

    public long policyWebPkiInvalid() {
        return get(Counter.POLICY_WEBPKI_INVALID);
    }

    public long policyInvalid() {
        return get(Counter.POLICY_INVALID);
    }

    public long enforcementFailures() {
        return get(Counter.ENFORCEMENT_FAILURES);
    }

    /** Outbound sessions of {@code lane}. */
    public long sessions(Lane lane) {
        return get(lane.sessions());
    }

    /** Outbound sessions of {@code lane} over TLS. */
    public long encryptedSessions(Lane lane) {
        return get(lane.encrypted());
    }

    /** Outbound sessions of every lane. */
    public long sessions() {
        long sum = 0;
        for (Lane lane : Lane.values()) {
            sum += sessions(lane);
        }
        return sum;
    }

    /** Outbound sessions of every lane over TLS. */
    public long encryptedSessions() {
        long sum = 0;
        for (Lane lane : Lane.values()) {
            sum += encryptedSessions(lane);
        }
        return sum;
    }

    /** Failed sessions with {@code type}: a §4.3.1 negotiation failure, or one of the policy fetch failures. */
    public long failures(ResultType type) {
        switch (type) {
            case STARTTLS_NOT_SUPPORTED:
                return get(Counter.STARTTLS_NOT_SUPPORTED);
            case CERTIFICATE_HOST_MISMATCH:
                return get(Counter.CERTIFICATE_HOST_MISMATCH);
            case CERTIFICATE_EXPIRED:
                return get(Counter.CERTIFICATE_EXPIRED);
            case CERTIFICATE_NOT_TRUSTED:
                return get(Counter.CERTIFICATE_NOT_TRUSTED);
            case VALIDATION_FAILURE:
                return get(Counter.VALIDATION_FAILURE);
            case TLSA_INVALID:
                return get(Counter.TLSA_INVALID);
            case DNSSEC_INVALID:
                return get(Counter.DNSSEC_INVALID);
            case DANE_REQUIRED:
                return get(Counter.DANE_REQUIRED);
            case STS_POLICY_FETCH_ERROR:
                return get(Counter.POLICY_FETCH_ERRORS);
            case STS_WEBPKI_INVALID:
                return get(Counter.POLICY_WEBPKI_INVALID);
            case STS_POLICY_INVALID:
                return get(Counter.POLICY_INVALID);
            default:
                throw new IllegalArgumentException(type.wireName());
        }
    }

    /** The counter of failed sessions with a §4.3.1 or §4.3.2 negotiation failure {@code type}; null otherwise. */
    static Counter sessionFailureCounter(ResultType type) {
        switch (type) {
            case STARTTLS_NOT_SUPPORTED:
                return Counter.STARTTLS_NOT_SUPPORTED;
            case CERTIFICATE_HOST_MISMATCH:
                return Counter.CERTIFICATE_HOST_MISMATCH;
            case CERTIFICATE_EXPIRED:
                return Counter.CERTIFICATE_EXPIRED;
            case CERTIFICATE_NOT_TRUSTED:
                return Counter.CERTIFICATE_NOT_TRUSTED;
            case VALIDATION_FAILURE:
                return Counter.VALIDATION_FAILURE;
            case TLSA_INVALID:
                return Counter.TLSA_INVALID;
            case DNSSEC_INVALID:
                return Counter.DNSSEC_INVALID;
            case DANE_REQUIRED:
                return Counter.DANE_REQUIRED;
            default:
                return null;
        }
    }

    /** The counts in {@link #NAMES} order. */
    public long[] toArray() {
        return counts.clone();
    }

    /** Name to count, in {@link #NAMES} order: how Jackson writes them. */
    @JsonValue
    public Map<String, Long> asMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        for (Counter counter : COUNTERS) {
            map.put(counter.jsonName(), counts[counter.ordinal()]);
        }
        return map;
    }

    public DeliveryCounts plus(DeliveryCounts other) {
        long[] sum = counts.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += other.counts[i];
        }
        return new DeliveryCounts(sum);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeliveryCounts && Arrays.equals(counts, ((DeliveryCounts) other).counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return asMap().entrySet().stream().filter(entry -> entry.getValue() != 0)
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(" ", "{", "}"));
    }
}
