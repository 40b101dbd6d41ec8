package dev.mtasts.audit;

/** How much a finding matters. An audit with any {@link #ERROR} fails. */
public enum Severity {
    /** Mail is at risk, or senders will not apply the policy: fix before relying on MTA-STS. */
    ERROR("error"),
    /** Works today but is fragile or against a recommendation. */
    WARNING("warning"),
    /** A fact worth knowing; nothing to fix. */
    INFO("info");

    private final String wireName;

    Severity(String wireName) {
        this.wireName = wireName;
    }

    /** {@code error}, {@code warning} or {@code info}, as in the JSON output. */
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
