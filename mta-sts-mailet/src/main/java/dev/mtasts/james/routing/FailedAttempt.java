package dev.mtasts.james.routing;

/** What a failed delivery attempt showed, for {@link LaneDecision#afterFailure}. */
public final class FailedAttempt {

    private final boolean handshakeFailedBeforeCertificate;
    private final boolean failedOnPolicy;
    private final boolean rejectAtOnce;

    /**
     * @param handshakeFailedBeforeCertificate a session offered STARTTLS but its handshake ended before a certificate
     * @param failedOnPolicy                   an MTA-STS check (not, say, a refused recipient) is why it failed
     * @param rejectAtOnce                     {@code failureAction=reject} applies to this lane
     */
    public FailedAttempt(boolean handshakeFailedBeforeCertificate, boolean failedOnPolicy, boolean rejectAtOnce) {
        this.handshakeFailedBeforeCertificate = handshakeFailedBeforeCertificate;
        this.failedOnPolicy = failedOnPolicy;
        this.rejectAtOnce = rejectAtOnce;
    }

    public boolean handshakeFailedBeforeCertificate() {
        return handshakeFailedBeforeCertificate;
    }

    public boolean failedOnPolicy() {
        return failedOnPolicy;
    }

    public boolean rejectAtOnce() {
        return rejectAtOnce;
    }

    @Override
    public String toString() {
        return "handshake failed before a certificate: " + handshakeFailedBeforeCertificate + ", failed on the policy: "
            + failedOnPolicy + ", reject at once: " + rejectAtOnce;
    }
}
