package dev.mtasts.report;

import java.util.Objects;

/** The four figures operators watch, for one domain or for all, over one window. */
public final class DeliveryFigures {

    private final Rate tlsEnforcementSuccess;
    private final Rate encryptedDelivery;
    private final Rate policyRetrieval;
    private final Rate policyValidation;
    private final long enforcementFailures;
    private final DeliveryCounts counts;

    public DeliveryFigures(Rate tlsEnforcementSuccess, Rate encryptedDelivery, Rate policyRetrieval,
                           Rate policyValidation, long enforcementFailures, DeliveryCounts counts) {
        this.tlsEnforcementSuccess = Objects.requireNonNull(tlsEnforcementSuccess, "tlsEnforcementSuccess");
        this.encryptedDelivery = Objects.requireNonNull(encryptedDelivery, "encryptedDelivery");
        this.policyRetrieval = Objects.requireNonNull(policyRetrieval, "policyRetrieval");
        this.policyValidation = Objects.requireNonNull(policyValidation, "policyValidation");
        this.enforcementFailures = enforcementFailures;
        this.counts = Objects.requireNonNull(counts, "counts");
    }

    public static DeliveryFigures of(DeliveryCounts counts) {
        long retrieved = counts.policyFetches() - counts.policyFetchErrors() - counts.policyWebPkiInvalid();
        return new DeliveryFigures(
                new Rate(counts.enforceSuccesses(), counts.enforceSessions()),
                new Rate(counts.encryptedSessions(), counts.sessions()),
                new Rate(Math.max(0, retrieved), counts.policyFetches()),
                new Rate(Math.max(0, retrieved - counts.policyInvalid()), Math.max(0, retrieved)),
                counts.enforcementFailures(),
                counts);
    }

    /** Sessions in mode enforce that succeeded, out of all sessions in mode enforce. */
    public Rate tlsEnforcementSuccess() {
        return tlsEnforcementSuccess;
    }

    /** Outbound SMTP sessions of every lane that went over TLS, out of all outbound sessions. */
    public Rate encryptedDelivery() {
        return encryptedDelivery;
    }

    /** Outbound SMTP sessions of {@code lane} that went over TLS, out of all of that lane's. */
    public Rate encryptedDelivery(Lane lane) {
        return new Rate(counts.encryptedSessions(lane), counts.sessions(lane));
    }

    /**
     * Policy fetches that got a policy document over validated HTTPS, out of all fetches
     * ({@code sts-policy-fetch-error} and {@code sts-webpki-invalid} are the failures).
     */
    public Rate policyRetrieval() {
        return policyRetrieval;
    }

    /**
     * Documents that were valid policies, out of all documents retrieved ({@code sts-policy-invalid} is the
     * failure).
     */
    public Rate policyValidation() {
        return policyValidation;
    }

    /** Deliveries that failed because the policy was enforced. */
    public long enforcementFailures() {
        return enforcementFailures;
    }

    /** The counts behind the figures. */
    public DeliveryCounts counts() {
        return counts;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof DeliveryFigures)) {
            return false;
        }
        DeliveryFigures that = (DeliveryFigures) other;
        return tlsEnforcementSuccess.equals(that.tlsEnforcementSuccess)
                && encryptedDelivery.equals(that.encryptedDelivery) && policyRetrieval.equals(that.policyRetrieval)
                && policyValidation.equals(that.policyValidation) && enforcementFailures == that.enforcementFailures
                && counts.equals(that.counts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tlsEnforcementSuccess, encryptedDelivery, policyRetrieval, policyValidation,
                enforcementFailures, counts);
    }
}
