package dev.mtasts.james.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** How TLS reports (RFC 8460) are made and sent; the {@code reports.*} keys of {@code mta-sts.properties}. */
public final class ReportSettings {

    private final boolean enabled;
    private final Optional<String> organizationName;
    private final Optional<String> contactInfo;
    private final Optional<String> submitter;
    private final boolean failuresOnly;
    private final Duration sendDelay;
    private final Duration sendJitter;
    private final Path storeDirectory;
    private final Duration flushInterval;

    public ReportSettings(boolean enabled, Optional<String> organizationName, Optional<String> contactInfo,
                          Optional<String> submitter, boolean failuresOnly, Duration sendDelay,
                          Duration sendJitter, Path storeDirectory, Duration flushInterval) {
        this.enabled = enabled;
        this.organizationName = Objects.requireNonNull(organizationName, "organizationName");
        this.contactInfo = Objects.requireNonNull(contactInfo, "contactInfo");
        this.submitter = Objects.requireNonNull(submitter, "submitter");
        this.failuresOnly = failuresOnly;
        this.sendDelay = Objects.requireNonNull(sendDelay, "sendDelay");
        this.sendJitter = Objects.requireNonNull(sendJitter, "sendJitter");
        this.storeDirectory = Objects.requireNonNull(storeDirectory, "storeDirectory");
        this.flushInterval = Objects.requireNonNull(flushInterval, "flushInterval");
    }

    /** Whether reports are sent at all (the operators' figures are kept either way). */
    public boolean enabled() {
        return enabled;
    }

    /** RFC 8460 {@code organization-name}; empty: the submitter. */
    public Optional<String> organizationName() {
        return organizationName;
    }

    /** RFC 8460 {@code contact-info}; empty: {@code postmaster@} the submitter. */
    public Optional<String> contactInfo() {
        return contactInfo;
    }

    /** The submitting domain (RFC 8460 §5.3); empty: this host's name. */
    public Optional<String> submitter() {
        return submitter;
    }

    /** Send reports only for days with at least one failed session. */
    public boolean failuresOnly() {
        return failuresOnly;
    }

    /** How long after the end of a UTC day its reports are made. */
    public Duration sendDelay() {
        return sendDelay;
    }

    /** Up to how much random delay is added to that. */
    public Duration sendJitter() {
        return sendJitter;
    }

    /** Where counts and pending reports are kept across restarts. */
    public Path storeDirectory() {
        return storeDirectory;
    }

    /** How often counts are written to the store and due reports looked for. */
    public Duration flushInterval() {
        return flushInterval;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ReportSettings)) {
            return false;
        }
        ReportSettings that = (ReportSettings) other;
        return enabled == that.enabled && organizationName.equals(that.organizationName)
            && contactInfo.equals(that.contactInfo) && submitter.equals(that.submitter)
            && failuresOnly == that.failuresOnly && sendDelay.equals(that.sendDelay)
            && sendJitter.equals(that.sendJitter) && storeDirectory.equals(that.storeDirectory)
            && flushInterval.equals(that.flushInterval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, organizationName, contactInfo, submitter, failuresOnly, sendDelay, sendJitter,
            storeDirectory, flushInterval);
    }

    @Override
    public String toString() {
        return "ReportSettings[enabled=" + enabled + ", organizationName=" + organizationName + ", contactInfo="
            + contactInfo + ", submitter=" + submitter + ", failuresOnly=" + failuresOnly + ", sendDelay="
            + sendDelay + ", sendJitter=" + sendJitter + ", storeDirectory=" + storeDirectory + ", flushInterval="
            + flushInterval + "]";
    }
}
