package dev.mtasts.inbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A report as kept: what was parsed plus how it arrived. A policy without {@code policy-domain} (RFC 8460 §4.2
 * requires one, some {@code no-policy-found} entries have none) is about the domain the report was mailed to.
 */
public final class StoredReport {

    private final ReceivedReport report;
    private final Instant receivedAt;
    private final String dkim;
    private final Optional<String> recipientDomain;

    /**
     * @param dkim            the DKIM verdict where one ran before ({@code pass}, {@code fail}, ...), else {@code none}
     * @param recipientDomain the (normalised) domain of the address the report was mailed to, when known
     */
    public StoredReport(ReceivedReport report, Instant receivedAt, String dkim, Optional<String> recipientDomain) {
        this.report = Objects.requireNonNull(report, "report");
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
        this.dkim = Objects.requireNonNull(dkim, "dkim");
        this.recipientDomain = Objects.requireNonNull(recipientDomain, "recipientDomain");
    }

    public ReceivedReport report() {
        return report;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String dkim() {
        return dkim;
    }

    public Optional<String> recipientDomain() {
        return recipientDomain;
    }

    /**
     * The duplicate key: organization and report-id ({@code organization/report-id}, a {@code /} or {@code \} in
     * the organization escaped with {@code \}, so that two different pairs never share a key).
     */
    public String key() {
        return report.organization().replace("\\", "\\\\").replace("/", "\\/") + "/" + report.reportId();
    }

    /** The domain a policy is about: its policy-domain, else the recipient's domain. */
    public Optional<String> domainOf(ReceivedPolicy policy) {
        return policy.policyDomain().isPresent() ? policy.policyDomain() : recipientDomain;
    }

    /** Every domain the report is about, sorted; the recipient's domain when it lists no policy. */
    public Set<String> domains() {
        Set<String> domains = new TreeSet<>();
        for (ReceivedPolicy policy : report.policies()) {
            domainOf(policy).ifPresent(domains::add);
        }
        if (report.policies().isEmpty()) {
            recipientDomain.ifPresent(domains::add);
        }
        return domains;
    }

    /** The policies about {@code domain} (normalised). */
    public List<ReceivedPolicy> policiesFor(String domain) {
        List<ReceivedPolicy> policies = new ArrayList<>();
        for (ReceivedPolicy policy : report.policies()) {
            if (domainOf(policy).filter(domain::equals).isPresent()) {
                policies.add(policy);
            }
        }
        return policies;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof StoredReport)) {
            return false;
        }
        StoredReport that = (StoredReport) other;
        return report.equals(that.report) && receivedAt.equals(that.receivedAt) && dkim.equals(that.dkim)
                && recipientDomain.equals(that.recipientDomain);
    }

    @Override
    public int hashCode() {
        return Objects.hash(report, receivedAt, dkim, recipientDomain);
    }

    @Override
    public String toString() {
        return "StoredReport[" + key() + ", received " + receivedAt + ", dkim " + dkim + "]";
    }
}
