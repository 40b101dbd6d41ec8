package dev.mtasts.report;

import java.util.List;

/**
 * Raw counts behind the operators' figures, over some window.
 *
 * @param enforceSessions                  sessions to domains whose policy is in mode enforce
 * @param enforceSuccesses                 of those, the ones whose MX matched and whose TLS validated
 * @param testingSessions                  sessions to domains whose policy is in mode testing
 * @param testingSuccesses                 of those, the ones whose MX matched and whose TLS validated
 * @param deliveriesWithoutPolicy          deliveries to domains with no policy (fed by the caller, may stay 0)
 * @param encryptedDeliveriesWithoutPolicy of those, the ones made over TLS
 * @param policyFetches                    policy fetches, successful or not
 * @param policyFetchErrors                fetches that ended in {@code sts-policy-fetch-error}
 * @param policyWebPkiInvalid              fetches that ended in {@code sts-webpki-invalid}
 * @param policyInvalid                    fetches that ended in {@code sts-policy-invalid}
 * @param enforcementFailures              deliveries that failed because the policy was enforced
 */
public record DeliveryCounts(long enforceSessions, long enforceSuccesses, long testingSessions,
                             long testingSuccesses, long deliveriesWithoutPolicy,
                             long encryptedDeliveriesWithoutPolicy, long policyFetches, long policyFetchErrors,
                             long policyWebPkiInvalid, long policyInvalid, long enforcementFailures) {

    /** The names of the counts, in component order: the order of {@link #toArray()}. */
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

    public DeliveryCounts {
        for (long value : new long[] {enforceSessions, enforceSuccesses, testingSessions, testingSuccesses,
                deliveriesWithoutPolicy, encryptedDeliveriesWithoutPolicy, policyFetches, policyFetchErrors,
                policyWebPkiInvalid, policyInvalid, enforcementFailures}) {
            if (value < 0) {
                throw new IllegalArgumentException("negative count: " + value);
            }
        }
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
}
