package dev.mtasts.report;

import java.util.Objects;

/**
 * The four figures operators watch, for one domain or for all, over one window.
 *
 * @param tlsEnforcementSuccess sessions in mode enforce that succeeded, out of all sessions in mode enforce
 * @param encryptedDelivery     sessions over validated TLS to policy domains, plus deliveries over TLS to domains
 *                              without a policy, out of all of them (the second part only when the caller feeds
 *                              deliveries without a policy)
 * @param policyRetrieval       policy fetches that got a policy document over validated HTTPS, out of all fetches
 *                              ({@code sts-policy-fetch-error} and {@code sts-webpki-invalid} are the failures)
 * @param policyValidation      documents that were valid policies, out of all documents retrieved
 *                              ({@code sts-policy-invalid} is the failure)
 * @param enforcementFailures   deliveries that failed because the policy was enforced
 * @param counts                the counts behind the figures
 */
public record DeliveryFigures(Rate tlsEnforcementSuccess, Rate encryptedDelivery, Rate policyRetrieval,
                              Rate policyValidation, long enforcementFailures, DeliveryCounts counts) {

    public DeliveryFigures {
        Objects.requireNonNull(tlsEnforcementSuccess, "tlsEnforcementSuccess");
        Objects.requireNonNull(encryptedDelivery, "encryptedDelivery");
        Objects.requireNonNull(policyRetrieval, "policyRetrieval");
        Objects.requireNonNull(policyValidation, "policyValidation");
        Objects.requireNonNull(counts, "counts");
    }

    public static DeliveryFigures of(DeliveryCounts counts) {
        long retrieved = counts.policyFetches() - counts.policyFetchErrors() - counts.policyWebPkiInvalid();
        return new DeliveryFigures(
                new Rate(counts.enforceSuccesses(), counts.enforceSessions()),
                new Rate(counts.enforceSuccesses() + counts.testingSuccesses()
                        + counts.encryptedDeliveriesWithoutPolicy(),
                        counts.enforceSessions() + counts.testingSessions() + counts.deliveriesWithoutPolicy()),
                new Rate(Math.max(0, retrieved), counts.policyFetches()),
                new Rate(Math.max(0, retrieved - counts.policyInvalid()), Math.max(0, retrieved)),
                counts.enforcementFailures(),
                counts);
    }
}
