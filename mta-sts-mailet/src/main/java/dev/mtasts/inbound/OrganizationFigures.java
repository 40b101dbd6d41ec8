package dev.mtasts.inbound;

import java.util.Objects;

/** One line of a summary's {@code byOrganization}: what one reporting organization saw. */
public final class OrganizationFigures {

    private final String organization;
    private final long reports;
    private final long successfulSessions;
    private final long failedSessions;

    public OrganizationFigures(String organization, long reports, long successfulSessions, long failedSessions) {
        this.organization = Objects.requireNonNull(organization, "organization");
        this.reports = reports;
        this.successfulSessions = successfulSessions;
        this.failedSessions = failedSessions;
    }

    public String organization() {
        return organization;
    }

    public long reports() {
        return reports;
    }

    public long successfulSessions() {
        return successfulSessions;
    }

    public long failedSessions() {
        return failedSessions;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof OrganizationFigures)) {
            return false;
        }
        OrganizationFigures that = (OrganizationFigures) other;
        return organization.equals(that.organization) && reports == that.reports
                && successfulSessions == that.successfulSessions && failedSessions == that.failedSessions;
    }

    @Override
    public int hashCode() {
        return Objects.hash(organization, reports, successfulSessions, failedSessions);
    }

    @Override
    public String toString() {
        return organization + ": " + reports + " reports, " + successfulSessions + " ok, " + failedSessions + " failed";
    }
}
