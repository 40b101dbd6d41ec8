package dev.mtasts.report;

import java.time.Duration;
import java.util.Objects;

/** Who sends TLS reports and when. */
public final class TlsReportSettings {

    public static final Duration DEFAULT_SEND_DELAY = Duration.ofMinutes(15);
    public static final Duration DEFAULT_SEND_JITTER = Duration.ofHours(1);
    public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofMinutes(15);
    /** RFC 8460 §5.5: redelivery is attempted for up to 24 hours. */
    public static final Duration DEFAULT_GIVE_UP_AFTER = Duration.ofHours(24);
    public static final Duration DEFAULT_UPLOAD_TIMEOUT = Duration.ofMinutes(1);
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMinutes(1);

    private final String organizationName;
    private final String contactInfo;
    private final String submitter;
    private final Duration sendDelay;
    private final Duration sendJitter;
    private final boolean failuresOnly;
    private final Duration retryInterval;
    private final Duration giveUpAfter;
    private final Duration uploadTimeout;
    private final Duration flushInterval;

    public TlsReportSettings(String organizationName, String contactInfo, String submitter,
                             Duration sendDelay, Duration sendJitter, boolean failuresOnly,
                             Duration retryInterval, Duration giveUpAfter, Duration uploadTimeout,
                             Duration flushInterval) {
        requireText(organizationName, "organizationName");
        requireText(contactInfo, "contactInfo");
        requireText(submitter, "submitter");
        // RFC 8460 §5.3: the submitter is a field of the attachment's file name, separated by '!'
        if (!submitter.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '!' && c != '/' && c != '\\')) {
            throw new IllegalArgumentException("submitter must be a domain name: '" + submitter + "'");
        }
        requireNonNegative(sendDelay, "sendDelay");
        requireNonNegative(sendJitter, "sendJitter");
        requirePositive(retryInterval, "retryInterval");
        requirePositive(giveUpAfter, "giveUpAfter");
        requirePositive(uploadTimeout, "uploadTimeout");
        requirePositive(flushInterval, "flushInterval");
        this.organizationName = organizationName;
        this.contactInfo = contactInfo;
        this.submitter = submitter;
        this.sendDelay = sendDelay;
        this.sendJitter = sendJitter;
        this.failuresOnly = failuresOnly;
        this.retryInterval = retryInterval;
        this.giveUpAfter = giveUpAfter;
        this.uploadTimeout = uploadTimeout;
        this.flushInterval = flushInterval;
    }

    /** Sensible defaults for {@code submitter}: it is also the organisation, reachable at postmaster. */
    public static TlsReportSettings defaults(String submitter) {
        return new TlsReportSettings(submitter, "postmaster@" + submitter, submitter, DEFAULT_SEND_DELAY,
                DEFAULT_SEND_JITTER, false, DEFAULT_RETRY_INTERVAL, DEFAULT_GIVE_UP_AFTER, DEFAULT_UPLOAD_TIMEOUT,
                DEFAULT_FLUSH_INTERVAL);
    }

    /** RFC 8460 {@code organization-name}: the sending organisation. */
    public String organizationName() {
        return organizationName;
    }

    /** RFC 8460 {@code contact-info}: an address or URI where it can be reached. */
    public String contactInfo() {
        return contactInfo;
    }

    /**
     * The submitting domain, for the mail subject, the {@code TLS-Report-Submitter} header, the attachment's file
     * name and the report id (RFC 8460 §5.3); usually the host name of the sending MTA or its organisation's domain.
     */
    public String submitter() {
        return submitter;
    }

    /** How long after the end of a UTC day its reports are made. */
    public Duration sendDelay() {
        return sendDelay;
    }

    /** Up to how much random delay is added to that, so that reporters do not all send at once. */
    public Duration sendJitter() {
        return sendJitter;
    }

    /** Send reports only for days with at least one failed session. */
    public boolean failuresOnly() {
        return failuresOnly;
    }

    /**
     * After a delivery that did not reach every destination, how long before trying again; it doubles with every
     * further failure, up to eight times this (RFC 8460 §5.5: exponential backoff).
     */
    public Duration retryInterval() {
        return retryInterval;
    }

    /**
     * How long after it was made a report that still could not be delivered everywhere is dropped (RFC 8460 §5.5
     * suggests 24 hours).
     */
    public Duration giveUpAfter() {
        return giveUpAfter;
    }

    /** The whole of one {@code https:} upload must end within this. */
    public Duration uploadTimeout() {
        return uploadTimeout;
    }

    /** How often counts and pending reports are written to the store and due work is looked for. */
    public Duration flushInterval() {
        return flushInterval;
    }

    public TlsReportSettings withOrganizationName(String value) {
        return new TlsReportSettings(value, contactInfo, submitter, sendDelay, sendJitter, failuresOnly,
                retryInterval, giveUpAfter, uploadTimeout, flushInterval);
    }

    public TlsReportSettings withContactInfo(String value) {
        return new TlsReportSettings(organizationName, value, submitter, sendDelay, sendJitter, failuresOnly,
                retryInterval, giveUpAfter, uploadTimeout, flushInterval);
    }

    public TlsReportSettings withSendDelay(Duration value) {
        return new TlsReportSettings(organizationName, contactInfo, submitter, value, sendJitter, failuresOnly,
                retryInterval, giveUpAfter, uploadTimeout, flushInterval);
    }

    public TlsReportSettings withSendJitter(Duration value) {
        return new TlsReportSettings(organizationName, contactInfo, submitter, sendDelay, value, failuresOnly,
                retryInterval, giveUpAfter, uploadTimeout, flushInterval);
    }

    public TlsReportSettings withFailuresOnly(boolean value) {
        return new TlsReportSettings(organizationName, contactInfo, submitter, sendDelay, sendJitter, value,
                retryInterval, giveUpAfter, uploadTimeout, flushInterval);
    }

    public TlsReportSettings withRetryInterval(Duration value) {
        return new TlsReportSettings(organizationName, contactInfo, submitter, sendDelay, sendJitter, failuresOnly,
                value, giveUpAfter, uploadTimeout, flushInterval);
    }

    public TlsReportSettings withGiveUpAfter(Duration value) {
        return new TlsReportSettings(organizationName, contactInfo, submitter, sendDelay, sendJitter, failuresOnly,
                retryInterval, value, uploadTimeout, flushInterval);
    }

    public TlsReportSettings withUploadTimeout(Duration value) {
        return new TlsReportSettings(organizationName, contactInfo, submitter, sendDelay, sendJitter, failuresOnly,
                retryInterval, giveUpAfter, value, flushInterval);
    }

    public TlsReportSettings withFlushInterval(Duration value) {
        return new TlsReportSettings(organizationName, contactInfo, submitter, sendDelay, sendJitter, failuresOnly,
                retryInterval, giveUpAfter, uploadTimeout, value);
    }

    @Override
    public String toString() {
        return "TlsReportSettings[organizationName=" + organizationName + ", contactInfo=" + contactInfo
                + ", submitter=" + submitter + ", sendDelay=" + sendDelay + ", sendJitter=" + sendJitter
                + ", failuresOnly=" + failuresOnly + ", retryInterval=" + retryInterval + ", giveUpAfter="
                + giveUpAfter + ", uploadTimeout=" + uploadTimeout + ", flushInterval=" + flushInterval + "]";
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requireNonNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }

    private static void requirePositive(Duration value, String name) {
        requireNonNegative(value, name);
        if (value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
