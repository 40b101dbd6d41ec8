package dev.mtasts.cli;

/** The command's exit codes. 0 is success and 2 a usage error for every subcommand. */
final class ExitCodes {

    static final int POLICY_FOUND = 0;
    static final int NO_POLICY = 1;
    static final int USAGE = 2;
    static final int POLICY_ERROR = 3;
    static final int TEMPORARY_DNS_FAILURE = 4;

    /** {@code check}: no finding of severity error. */
    static final int CHECK_PASSED = 0;
    /** {@code check}: at least one finding of severity error. */
    static final int CHECK_FAILED = 1;

    /** {@code generate}: the policy was written. */
    static final int GENERATED = 0;
    /** {@code generate}: the domain has no MX host to put in a policy. */
    static final int NO_MX = 1;

    /** {@code reports}: reports read; with {@code --domain}, the verdict is ready-to-enforce or already-enforced. */
    static final int REPORTS_READ = 0;
    /** {@code reports --domain}: the verdict is not-ready, no-data or no-policy. */
    static final int NOT_READY = 1;
    /** {@code reports}: none of the files held a report. */
    static final int NO_REPORT = 3;

    private ExitCodes() {
    }
}
