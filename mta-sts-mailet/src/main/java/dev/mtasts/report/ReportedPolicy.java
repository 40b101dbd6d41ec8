package dev.mtasts.report;

import dev.mtasts.cache.CachedPolicy;
import dev.mtasts.policy.MxPattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The policy a group of sessions was held to, as an RFC 8460 §4.4 {@code policy} object names it: an MTA-STS
 * policy ({@code policy-type} {@code sts}: the policy text and its mx patterns) or the TLSA RRset of one DANE MX
 * host ({@code tlsa}: the records, one per line, and the host).
 */
public final class ReportedPolicy {

    /** RFC 8460 §4.4: an MTA-STS policy. */
    public static final String STS = "sts";
    /** RFC 8460 §4.4: a DANE TLSA RRset. */
    public static final String TLSA = "tlsa";

    private final String policyType;
    private final String policyId;
    private final String text;
    private final List<String> mxHost;

    /** An MTA-STS policy. */
    public ReportedPolicy(String policyId, String text, List<String> mxHost) {
        this(STS, policyId, text, mxHost);
    }

    public ReportedPolicy(String policyType, String policyId, String text, List<String> mxHost) {
        this.policyType = Objects.requireNonNull(policyType, "policyType");
        if (!policyType.equals(STS) && !policyType.equals(TLSA)) {
            throw new IllegalArgumentException("policy type sts or tlsa, not " + policyType);
        }
        this.policyId = Objects.requireNonNull(policyId, "policyId");
        this.text = Objects.requireNonNull(text, "text");
        this.mxHost = List.copyOf(mxHost);
    }

    /** The policy {@code outcome} was held to: its TLSA RRset when DANE decided it, else its MTA-STS policy. */
    public static ReportedPolicy of(dev.mtasts.outcome.TlsOutcome outcome) {
        if (outcome.isDane()) {
            return tlsa(outcome.mxHost(), outcome.tlsaRecords());
        }
        return of(outcome.policyId(), outcome.policy());
    }

    /** RFC 8460 §4.4 for DANE: the policy-string is the TLSA records, mx-host the host they belong to. */
    public static ReportedPolicy tlsa(String mxHost, List<String> records) {
        return new ReportedPolicy(TLSA, "", String.join("\n", records), List.of(mxHost));
    }

    /** {@value #STS} or {@value #TLSA}. */
    public String policyType() {
        return policyType;
    }

    /** The policy {@code cached} names, or — when there is none — a policy known only by its id. */
    public static ReportedPolicy of(String policyId, Optional<CachedPolicy> cached) {
        return cached
                .map(policy -> new ReportedPolicy(policyId, policy.text(),
                        policy.policy().mx().stream().map(MxPattern::toString)
                                .collect(Collectors.toUnmodifiableList())))
                .orElseGet(() -> new ReportedPolicy(policyId, "", List.of()));
    }

    /** The {@code id} of the policy's TXT record; empty when unknown. */
    public String policyId() {
        return policyId;
    }

    /** The policy text as served; empty when the policy could not be obtained. */
    public String text() {
        return text;
    }

    /** The policy's {@code mx} patterns, in policy order (RFC 8460 {@code mx-host}). */
    public List<String> mxHost() {
        return mxHost;
    }

    /**
     * RFC 8460 §4.4 {@code policy-string}: the policy text, one JSON string per line, without line ends. A final
     * line end does not make an empty last line.
     */
    public List<String> policyString() {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            int next = end < 0 ? text.length() : end + 1;
            int lineEnd = end < 0 ? text.length() : end;
            if (lineEnd > start && text.charAt(lineEnd - 1) == '\r') {
                lineEnd--;
            }
            lines.add(text.substring(start, lineEnd));
            start = next;
        }
        return lines;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ReportedPolicy)) {
            return false;
        }
        ReportedPolicy that = (ReportedPolicy) other;
        return policyType.equals(that.policyType) && policyId.equals(that.policyId) && text.equals(that.text)
                && mxHost.equals(that.mxHost);
    }

    @Override
    public int hashCode() {
        return Objects.hash(policyType, policyId, text, mxHost);
    }
}
