package dev.mtasts.james.config;

import dev.mtasts.inbound.ReportLimits;
import dev.mtasts.inbound.RolloutRules;
import dev.mtasts.inbound.StoreLimits;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code reports.inbound.*} and {@code rollout.*} keys of {@code mta-sts.properties}: how the extension takes the
 * RFC 8460 reports other senders mail about this company's own domains, and when it calls a {@code testing} policy
 * safe to enforce (RFC 8461 §5).
 */
public final class InboundReportSettings {

    private final String localPart;
    private final boolean requireDkim;
    private final Set<String> domains;
    private final boolean passOn;
    private final Path directory;
    private final ReportLimits limits;
    private final StoreLimits storage;
    private final RolloutRules rollout;

    public InboundReportSettings(String localPart, boolean requireDkim, Set<String> domains, boolean passOn,
                                 Path directory, ReportLimits limits, StoreLimits storage, RolloutRules rollout) {
        this.localPart = Objects.requireNonNull(localPart, "localPart");
        this.requireDkim = requireDkim;
        this.domains = Set.copyOf(domains);
        this.passOn = passOn;
        this.directory = Objects.requireNonNull(directory, "directory");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.rollout = Objects.requireNonNull(rollout, "rollout");
    }

    /** The local part of the report address, {@code tls-reports} by default, at every James domain. */
    public String localPart() {
        return localPart;
    }

    /** Accept only reports whose DKIM verdict (from {@code DKIMVerify} run before) is {@code pass}. */
    public boolean requireDkim() {
        return requireDkim;
    }

    /** Policy domains accepted besides James' own domains (normalised, lower case). */
    public Set<String> domains() {
        return domains;
    }

    /** Let accepted report mails go on to the next mailet (e.g. a mailbox) instead of consuming them. */
    public boolean passOn() {
        return passOn;
    }

    /** Where received reports and rejections are kept. */
    public Path directory() {
        return directory;
    }

    /** How much a report sender can make James read ({@code reports.inbound.max*}). */
    public ReportLimits limits() {
        return limits;
    }

    /** How long reports are kept and how many a day ({@code reports.inbound.retention}, {@code maxReportsPerDay}). */
    public StoreLimits storage() {
        return storage;
    }

    /** When a {@code testing} policy is called safe to enforce ({@code rollout.*}). */
    public RolloutRules rollout() {
        return rollout;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof InboundReportSettings)) {
            return false;
        }
        InboundReportSettings that = (InboundReportSettings) other;
        return localPart.equals(that.localPart) && requireDkim == that.requireDkim && domains.equals(that.domains)
            && passOn == that.passOn && directory.equals(that.directory) && limits.equals(that.limits)
            && storage.equals(that.storage) && rollout.equals(that.rollout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(localPart, requireDkim, domains, passOn, directory, limits, storage, rollout);
    }

    @Override
    public String toString() {
        return "InboundReportSettings[localPart=" + localPart + ", requireDkim=" + requireDkim + ", domains="
            + domains + ", passOn=" + passOn + ", directory=" + directory + ", " + limits + ", " + storage + ", "
            + rollout + "]";
    }
}
