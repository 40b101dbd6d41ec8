package dev.mtasts.report;

import java.util.Objects;

/** The outbound sessions to one recipient domain over some window, and how many of them went in clear text. */
public final class DomainSessions {

    private final String domain;
    private final long sessions;
    private final long clearTextSessions;

    public DomainSessions(String domain, long sessions, long clearTextSessions) {
        if (clearTextSessions < 0 || sessions < clearTextSessions) {
            throw new IllegalArgumentException("not session counts: " + clearTextSessions + " of " + sessions);
        }
        this.domain = Objects.requireNonNull(domain, "domain");
        this.sessions = sessions;
        this.clearTextSessions = clearTextSessions;
    }

    public String domain() {
        return domain;
    }

    public long sessions() {
        return sessions;
    }

    public long clearTextSessions() {
        return clearTextSessions;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof DomainSessions)) {
            return false;
        }
        DomainSessions that = (DomainSessions) other;
        return domain.equals(that.domain) && sessions == that.sessions && clearTextSessions == that.clearTextSessions;
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, sessions, clearTextSessions);
    }

    @Override
    public String toString() {
        return domain + " " + clearTextSessions + "/" + sessions + " in clear text";
    }
}
