package dev.mtasts.james.config;

import java.nio.file.Path;
import java.time.Duration;
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
    private final long maxMailBytes;
    private final long maxDecompressedBytes;
    private final int maxCompressionRatio;
    private final int maxPolicies;
    private final int maxFailureDetails;
    private final int rolloutMinReportDays;
    private final Duration rolloutRecentReportWindow;
    private final double rolloutMaxFailureRate;
    private final Duration rolloutFailureRateWindow;
    private final Duration rolloutMinEnforceMaxAge;

    public InboundReportSettings(String localPart, boolean requireDkim, Set<String> domains, boolean passOn,
                                 Path directory, long maxMailBytes, long maxDecompressedBytes, int maxCompressionRatio,
                                 int maxPolicies, int maxFailureDetails, int rolloutMinReportDays,
                                 Duration rolloutRecentReportWindow, double rolloutMaxFailureRate,
                                 Duration rolloutFailureRateWindow, Duration rolloutMinEnforceMaxAge) {
        this.localPart = Objects.requireNonNull(localPart, "localPart");
        this.requireDkim = requireDkim;
        this.domains = Set.copyOf(domains);
        this.passOn = passOn;
        this.directory = Objects.requireNonNull(directory, "directory");
        this.maxMailBytes = maxMailBytes;
        this.maxDecompressedBytes = maxDecompressedBytes;
        this.maxCompressionRatio = maxCompressionRatio;
        this.maxPolicies = maxPolicies;
        this.maxFailureDetails = maxFailureDetails;
        this.rolloutMinReportDays = rolloutMinReportDays;
        this.rolloutRecentReportWindow = Objects.requireNonNull(rolloutRecentReportWindow, "recentReportWindow");
        this.rolloutMaxFailureRate = rolloutMaxFailureRate;
        this.rolloutFailureRateWindow = Objects.requireNonNull(rolloutFailureRateWindow, "failureRateWindow");
        this.rolloutMinEnforceMaxAge = Objects.requireNonNull(rolloutMinEnforceMaxAge, "minEnforceMaxAge");
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

    public long maxMailBytes() {
        return maxMailBytes;
    }

    public long maxDecompressedBytes() {
        return maxDecompressedBytes;
    }

    public int maxCompressionRatio() {
        return maxCompressionRatio;
    }

    public int maxPolicies() {
        return maxPolicies;
    }

    public int maxFailureDetails() {
        return maxFailureDetails;
    }

    public int rolloutMinReportDays() {
        return rolloutMinReportDays;
    }

    public Duration rolloutRecentReportWindow() {
        return rolloutRecentReportWindow;
    }

    public double rolloutMaxFailureRate() {
        return rolloutMaxFailureRate;
    }

    public Duration rolloutFailureRateWindow() {
        return rolloutFailureRateWindow;
    }

    public Duration rolloutMinEnforceMaxAge() {
        return rolloutMinEnforceMaxAge;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof InboundReportSettings)) {
            return false;
        }
        InboundReportSettings that = (InboundReportSettings) other;
        return localPart.equals(that.localPart) && requireDkim == that.requireDkim && domains.equals(that.domains)
            && passOn == that.passOn && directory.equals(that.directory) && maxMailBytes == that.maxMailBytes
            && maxDecompressedBytes == that.maxDecompressedBytes && maxCompressionRatio == that.maxCompressionRatio
            && maxPolicies == that.maxPolicies && maxFailureDetails == that.maxFailureDetails
            && rolloutMinReportDays == that.rolloutMinReportDays
            && rolloutRecentReportWindow.equals(that.rolloutRecentReportWindow)
            && Double.compare(rolloutMaxFailureRate, that.rolloutMaxFailureRate) == 0
            && rolloutFailureRateWindow.equals(that.rolloutFailureRateWindow)
            && rolloutMinEnforceMaxAge.equals(that.rolloutMinEnforceMaxAge);
    }

    @Override
    public int hashCode() {
        return Objects.hash(localPart, requireDkim, domains, passOn, directory, maxMailBytes, maxDecompressedBytes,
            maxCompressionRatio, maxPolicies, maxFailureDetails, rolloutMinReportDays, rolloutRecentReportWindow,
            rolloutMaxFailureRate, rolloutFailureRateWindow, rolloutMinEnforceMaxAge);
    }

    @Override
    public String toString() {
        return "InboundReportSettings[localPart=" + localPart + ", requireDkim=" + requireDkim + ", domains="
            + domains + ", passOn=" + passOn + ", directory=" + directory + ", maxMailBytes=" + maxMailBytes
            + ", maxDecompressedBytes=" + maxDecompressedBytes + ", maxCompressionRatio=" + maxCompressionRatio
            + ", maxPolicies=" + maxPolicies + ", maxFailureDetails=" + maxFailureDetails + ", rollout=["
            + rolloutMinReportDays + " days, recent " + rolloutRecentReportWindow + ", max failure rate "
            + rolloutMaxFailureRate + " over " + rolloutFailureRateWindow + ", enforce max_age "
            + rolloutMinEnforceMaxAge + "]]";
    }
}
