package dev.mtasts.dane;

import dev.mtasts.dns.DnssecAnswer;

/** The DNSSEC status of one answer as RFC 7672 §2.1 uses it; bogus includes SERVFAIL and timeouts (§2.1.1). */
public enum DnssecStatus {
    SECURE("secure"),
    INSECURE("insecure"),
    BOGUS("bogus");

    private final String text;

    DnssecStatus(String text) {
        this.text = text;
    }

    public static DnssecStatus of(DnssecAnswer<?> answer) {
        if (answer instanceof DnssecAnswer.Secure) {
            return SECURE;
        }
        if (answer instanceof DnssecAnswer.Insecure) {
            return INSECURE;
        }
        return BOGUS;
    }

    /** {@code secure}, {@code insecure} or {@code bogus}, as the command line and JSON print it. */
    @Override
    public String toString() {
        return text;
    }
}
