package dev.mtasts.report;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;
import java.util.List;

/**
 * Raw counts behind the operators' figures, over some window. Jackson writes them (in the WebAdmin figures) as one
 * property per count, named and ordered as {@link #NAMES}.
 */
public final class DeliveryCounts {

    /** The names of the counts, in constructor order: the order of {@link #toArray()}. */
    public static final List<String> NAMES = List.of("enforceSessions", "enforceSuccesses", "testingSessions",
            "testingSuccesses", "deliveriesWithoutPolicy", "encryptedDeliveriesWithoutPolicy", "policyFetches",
            "policyFetchErrors", "policyWebPkiInvalid", "policyInvalid", "enforcementFailures");

    public static final DeliveryCounts ZERO = new DeliveryCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    static final int ENFORCE_SESSIONS = 0;
    static final int ENFORCE_SUCCESSES = 1;
    static final int TESTING_SESSIONS = 2;
    static final int TESTING_SUCCESSES = 3;
    static final int DELIVERIES_WITHOUT_POLICY = 4;
    static final int ENCRYPTED_DELIVERIES_WITHOUT_POLICY = 5;
    static final int POLICY_FETCHES = 6;
    static final int POLICY_FETCH_ERRORS = 7;
    static final int POLICY_WEBPKI_INVALID = 8;
    static final int POLICY_INVALID = 9;
    static final int ENFORCEMENT_FAILURES = 10;

    private final long enforceSessions;
    private final long enforceSuccesses;
    private final long testingSessions;
    private final long testingSuccesses;
    private final long deliveriesWithoutPolicy;
    private final long encryptedDeliveriesWithoutPolicy;
    private final long policyFetches;
    private final long policyFetchErrors;
    private final long policyWebPkiInvalid;
    private final long policyInvalid;
    private final long enforcementFailures;

    public DeliveryCounts(long enforceSessions, long enforceSuccesses, long testingSessions,
                          long testingSuccesses, long deliveriesWithoutPolicy,
                          long encryptedDeliveriesWithoutPolicy, long policyFetches, long policyFetchErrors,
                          long policyWebPkiInvalid, long policyInvalid, long enforcementFailures) {
        for (long value : new long[] {enforceSessions, enforceSuccesses, testingSessions, testingSuccesses,
                deliveriesWithoutPolicy, encryptedDeliveriesWithoutPolicy, policyFetches, policyFetchErrors,
                policyWebPkiInvalid, policyInvalid, enforcementFailures}) {
            if (value < 0) {
                throw new IllegalArgumentException("negative count: " + value);
            }
        }
        this.enforceSessions = enforceSessions;
        this.enforceSuccesses = enforceSuccesses;
        this.testingSessions = testingSessions;
        this.testingSuccesses = testingSuccesses;
        this.deliveriesWithoutPolicy = deliveriesWithoutPolicy;
        this.encryptedDeliveriesWithoutPolicy = encryptedDeliveriesWithoutPolicy;
        this.policyFetches = policyFetches;
        this.policyFetchErrors = policyFetchErrors;
        this.policyWebPkiInvalid = policyWebPkiInvalid;
        this.policyInvalid = policyInvalid;
        this.enforcementFailures = enforcementFailures;
    }

    /** Sessions to domains whose policy is in mode enforce. */
    @JsonProperty
    public long enforceSessions() {
        return enforceSessions;
    }

    /** Of those, the ones whose MX matched and whose TLS validated. */
    @JsonProperty
    public long enforceSuccesses() {
        return enforceSuccesses;
    }

    /** Sessions to domains whose policy is in mode testing. */
    @JsonProperty
    public long testingSessions() {
        return testingSessions;
    }

    /** Of those, the ones whose MX matched and whose TLS validated. */
    @JsonProperty
    public long testingSuccesses() {
        return testingSuccesses;
    }

    /** Deliveries to domains with no policy (fed by the caller, may stay 0). */
    @JsonProperty
    public long deliveriesWithoutPolicy() {
        return deliveriesWithoutPolicy;
    }

    /** Of those, the ones made over TLS. */
    @JsonProperty
    public long encryptedDeliveriesWithoutPolicy() {
        return encryptedDeliveriesWithoutPolicy;
    }

    /** Policy fetches, successful or not. */
    @JsonProperty
    public long policyFetches() {
        return policyFetches;
    }

    /** Fetches that ended in {@code sts-policy-fetch-error}. */
    @JsonProperty
    public long policyFetchErrors() {
        return policyFetchErrors;
    }

    /** Fetches that ended in {@code sts-webpki-invalid}. */
    @JsonProperty
    public long policyWebPkiInvalid() {
        return policyWebPkiInvalid;
    }

    /** Fetches that ended in {@code sts-policy-invalid}. */
    @JsonProperty
    public long policyInvalid() {
        return policyInvalid;
    }

    /** Deliveries that failed because the policy was enforced. */
    @JsonProperty
    public long enforcementFailures() {
        return enforcementFailures;
    }

    /** The counts in {@link #NAMES} order. */
    public long[] toArray() {
        return new long[] {enforceSessions, enforceSuccesses, testingSessions, testingSuccesses,
                deliveriesWithoutPolicy, encryptedDeliveriesWithoutPolicy, policyFetches, policyFetchErrors,
                policyWebPkiInvalid, policyInvalid, enforcementFailures};
    }

    /** The inverse of {@link #toArray()}. */
    public static DeliveryCounts fromArray(long[] counts) {
        if (counts.length != NAMES.size()) {
            throw new IllegalArgumentException("expected " + NAMES.size() + " counts, got " + counts.length);
        }
        return new DeliveryCounts(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6],
                counts[7], counts[8], counts[9], counts[10]);
    }

    public DeliveryCounts plus(DeliveryCounts other) {
        long[] sum = toArray();
        long[] more = other.toArray();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += more[i];
        }
        return fromArray(sum);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeliveryCounts && Arrays.equals(toArray(), ((DeliveryCounts) other).toArray());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toArray());
    }
}
