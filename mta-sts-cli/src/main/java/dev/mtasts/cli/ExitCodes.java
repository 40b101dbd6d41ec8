package dev.mtasts.cli;

/** The command's exit codes, the same for every subcommand. */
final class ExitCodes {

    static final int POLICY_FOUND = 0;
    static final int NO_POLICY = 1;
    static final int USAGE = 2;
    static final int POLICY_ERROR = 3;
    static final int TEMPORARY_DNS_FAILURE = 4;

    private ExitCodes() {
    }
}
