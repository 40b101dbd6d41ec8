package dev.mtasts.james.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How TLS reports (RFC 8460) are made and sent; the {@code reports.*} keys of {@code mta-sts.properties}.
 *
 * @param enabled          whether reports are sent at all (the operators' figures are kept either way)
 * @param organizationName RFC 8460 {@code organization-name}; empty: the submitter
 * @param contactInfo      RFC 8460 {@code contact-info}; empty: {@code postmaster@} the submitter
 * @param submitter        the submitting domain (RFC 8460 §5.3); empty: this host's name
 * @param failuresOnly     send reports only for days with at least one failed session
 * @param sendDelay        how long after the end of a UTC day its reports are made
 * @param sendJitter       up to how much random delay is added to that
 * @param storeDirectory   where counts and pending reports are kept across restarts
 * @param flushInterval    how often counts are written to the store and due reports looked for
 */
public record ReportSettings(boolean enabled, Optional<String> organizationName, Optional<String> contactInfo,
                             Optional<String> submitter, boolean failuresOnly, Duration sendDelay,
                             Duration sendJitter, Path storeDirectory, Duration flushInterval) {

    public ReportSettings {
        Objects.requireNonNull(organizationName, "organizationName");
        Objects.requireNonNull(contactInfo, "contactInfo");
        Objects.requireNonNull(submitter, "submitter");
        Objects.requireNonNull(sendDelay, "sendDelay");
        Objects.requireNonNull(sendJitter, "sendJitter");
        Objects.requireNonNull(storeDirectory, "storeDirectory");
        Objects.requireNonNull(flushInterval, "flushInterval");
    }
}
